import { defaultTimerRules, nextLifecycleTimer } from '../../src/domain/booking/lifecycle-timers';

const booking = { startsAt: new Date('2030-03-04T09:00:00Z'), endsAt: new Date('2030-03-04T09:30:00Z'), pendingSince: new Date('2030-03-01T12:00:00Z') };
const rules = { approvalDeadlineSeconds: 3_600, autoMarkNoShow: true, markNoShowAfterMinutes: 20, autoComplete: true, autoCompleteAfterMinutes: 10 };

describe('nextLifecycleTimer', () => {
  it.each([
    ['pending', rules, { event: 'expire', at: new Date('2030-03-01T13:00:00Z') }],
    ['confirmed', rules, { event: 'mark_no_show', at: new Date('2030-03-04T09:20:00Z') }],
    ['checked_in', rules, { event: 'complete', at: new Date('2030-03-04T09:40:00Z') }],
    ['confirmed', defaultTimerRules, null],
    ['checked_in', defaultTimerRules, null],
    ['completed', rules, null],
    ['cancelled', rules, null],
  ] as const)('%s with %j → %j', (status, timerRules, expected) => {
    expect(nextLifecycleTimer({ ...booking, status }, timerRules)).toEqual(expected);
  });

  it('follows a rescheduled start', () => {
    const moved = { ...booking, status: 'confirmed' as const, startsAt: new Date('2030-03-05T15:00:00Z') };
    expect(nextLifecycleTimer(moved, rules)?.at).toEqual(new Date('2030-03-05T15:20:00Z'));
  });

  it('cancels a booking waiting for a new primary at its start, unless an earlier timer comes first', () => {
    const waiting = { ...booking, status: 'confirmed' as const, awaitingNewPrimary: true };
    expect(nextLifecycleTimer(waiting, rules)).toEqual({ event: 'cancel', at: booking.startsAt });
    expect(nextLifecycleTimer({ ...waiting, status: 'pending' }, rules)).toEqual({ event: 'expire', at: new Date('2030-03-01T13:00:00Z') });
    expect(nextLifecycleTimer({ ...waiting, status: 'checked_in' }, rules)).toEqual({ event: 'complete', at: new Date('2030-03-04T09:40:00Z') });
  });
});
