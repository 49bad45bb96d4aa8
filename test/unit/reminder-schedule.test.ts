import { planReminders } from '../../src/domain/notifications/reminder-schedule';

const zone = 'Europe/Berlin';
// Berlin moves its clocks forward on Sunday 2030-03-31 (02:00 → 03:00) and back on 2030-10-27.
const sundayOfSpringForward = new Date('2030-03-31T08:00:00Z'); // 10:00 CEST
const sundayOfFallBack = new Date('2030-10-27T09:00:00Z'); // 10:00 CET
const mondayAfterSpringForward = new Date('2030-04-01T08:00:00Z'); // 10:00 CEST
const longAgo = new Date('2030-01-01T00:00:00Z');

describe('reminder times follow the booking’s wall clock', () => {
  it('a day before is the same local time the day before, 23 hours back across the spring change', () => {
    const [reminder] = planReminders(sundayOfSpringForward, zone, [{ before: 'P1D', channel: 'email' }], longAgo);
    expect(reminder!.at.toISOString()).toBe('2030-03-30T09:00:00.000Z'); // Saturday 10:00 CET
    expect(sundayOfSpringForward.getTime() - reminder!.at.getTime()).toBe(23 * 3_600_000);
  });

  it('a day before is 25 hours back across the autumn change, while PT24H stays exactly 24 hours', () => {
    const [day, hours] = planReminders(sundayOfFallBack, zone, [{ before: 'P1D', channel: 'email' }, { before: 'PT24H', channel: 'sms' }], longAgo);
    expect(day!.at.toISOString()).toBe('2030-10-26T08:00:00.000Z'); // Saturday 10:00 CEST
    expect(sundayOfFallBack.getTime() - day!.at.getTime()).toBe(25 * 3_600_000);
    expect(hours).toMatchObject({ index: 1, channel: 'sms', at: new Date('2030-10-26T09:00:00Z') });
  });

  it('the evening before at 18:00 local, and exact offsets of hours and minutes', () => {
    const planned = planReminders(sundayOfSpringForward, zone, [{ before: 'PT1H30M', channel: 'sms' }, { before: 'P1D', atLocalTime: '18:00', channel: 'email' }], longAgo);
    expect(planned.map((r) => [r.index, r.at.toISOString()])).toEqual([[1, '2030-03-30T17:00:00.000Z'], [0, '2030-03-31T06:30:00.000Z']]);
  });

  it('a wall time inside the DST gap moves forward as the clocks do', () => {
    const [reminder] = planReminders(mondayAfterSpringForward, zone, [{ before: 'P1D', atLocalTime: '02:30', channel: 'email' }], longAgo);
    expect(reminder!.at.toISOString()).toBe('2030-03-31T01:30:00.000Z'); // 03:30 CEST
  });

  it('leaves out reminders already due and ones that would land after the start, earliest first', () => {
    const now = new Date('2030-04-01T07:00:00Z'); // 09:00 local, one hour before the start
    const planned = planReminders(mondayAfterSpringForward, zone, [{ before: 'P1D', channel: 'email' }, { before: 'PT30M', channel: 'email' }, { before: 'P0D', atLocalTime: '11:00', channel: 'email' }, { before: 'PT10M', channel: 'sms' }], now);
    expect(planned.map((r) => r.index)).toEqual([1, 3]);
  });
});
