import { templateRules } from '../../src/db/queries/service-template.queries';

const duration = { type: 'fixed', fixedMinutes: 30 };
const rulesOf = (lifecycle: Record<string, unknown>, cancellation: Record<string, unknown> = {}) => templateRules({ duration, lifecycle, cancellation, scheduling: {} } as never);

describe('the timed rules a booking takes from its template', () => {
  it('a required check-in makes a booking nobody checked in a no-show when the window closes', () => {
    expect(rulesOf({ checkIn: { enabled: true, requireCheckIn: true, closeMinutesAfter: 10 } }).timers).toMatchObject({ autoMarkNoShow: true, markNoShowAfterMinutes: 10 });
  });

  it('with both, the earlier of the no-show policy and the check-in close wins', () => {
    const earlyPolicy = rulesOf({ checkIn: { enabled: true, requireCheckIn: true, closeMinutesAfter: 20 } }, { noShowPolicy: { autoMarkNoShow: true, markNoShowAfterMinutes: 15 } });
    expect(earlyPolicy.timers).toMatchObject({ autoMarkNoShow: true, markNoShowAfterMinutes: 15 });
    const earlyClose = rulesOf({ checkIn: { enabled: true, requireCheckIn: true, closeMinutesAfter: 5 } }, { noShowPolicy: { autoMarkNoShow: true, markNoShowAfterMinutes: 15 } });
    expect(earlyClose.timers).toMatchObject({ markNoShowAfterMinutes: 5 });
  });

  it('without a required check-in only the no-show policy marks no-shows', () => {
    expect(rulesOf({ checkIn: { enabled: true, closeMinutesAfter: 10 } }).timers).toMatchObject({ autoMarkNoShow: false });
    expect(rulesOf({}, { noShowPolicy: { autoMarkNoShow: true, markNoShowAfterMinutes: 30 } }).timers).toMatchObject({ autoMarkNoShow: true, markNoShowAfterMinutes: 30 });
  });

  it('carries who may cancel, the primary rule, the reschedule fee and what the booking tells people', () => {
    const rules = rulesOf(
      { reminders: [{ before: 'P1D', channel: 'email' }], followUp: { sendReviewRequest: true, reviewRequestDelaySeconds: 7200 }, confirmation: { sendConfirmationEmail: false } },
      { allowClientCancellation: false, requireApprovalFor: ['provider'], whenPrimaryCancels: 'transfer_to_observer', rescheduleFeeAmount: 500 },
    );
    expect(rules.cancellation).toEqual({ allowClientCancellation: false, allowProviderCancellation: true, requireApprovalFor: ['provider'], whenPrimaryCancels: 'transfer_to_observer' });
    expect(rules.reschedule.feeAmount).toBe(500);
    expect(rules.notifications).toEqual({ confirmation: false, reminders: [{ before: 'P1D', channel: 'email' }], reviewRequestDelaySeconds: 7200 });
    expect(rulesOf({}).notifications).toEqual({ confirmation: true, reminders: [], reviewRequestDelaySeconds: null });
  });
});
