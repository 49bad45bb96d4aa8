import type { WeeklySchedule } from '../../src/domain/availability/weekly-schedule';
import type { TimeRange } from '../../src/domain/shared/ranges';
import { LocalClock } from '../../src/domain/availability/engine/local-clock';
import { OpenHours } from '../../src/domain/availability/engine/open-hours';

// Contract under test: the open hours the availability engine reads from a weekly schedule (in `zone`);
// here, every window that overlaps the half-open range [from, to), returned WHOLE (not clipped to the
// range), sorted by start. No wall time used here is ambiguous, so nothing depends on the machine's clock.

const iso = (windows: TimeRange[]) => windows.map((w) => [w.start.toISOString(), w.end.toISOString()]);
const hours = (w: TimeRange) => (w.end.getTime() - w.start.getTime()) / 3_600_000;
const openHours = (schedule: WeeklySchedule, zone: string, from: Date, to: Date) => new OpenHours({ weeklySchedule: schedule, overrides: [] }, new LocalClock(zone), from.getTime(), to.getTime());
const scheduleWindows = (schedule: WeeklySchedule, zone: string, from: Date, to: Date) => openHours(schedule, zone, from, to).windows().filter((w) => w.start < to && w.end > from);
const windowsOn = (schedule: WeeklySchedule, zone: string, from: string, to: string) => scheduleWindows(schedule, zone, new Date(from), new Date(to));

const nineToFive = [{ start: '09:00', end: '17:00' }];

describe('open hours: 09:00–17:00 on DST days maps local wall time to the right UTC instants', () => {
  it.each([
    // zone, local date (a Sunday unless noted), whole-UTC-day range around it, expected window
    ['Europe/Berlin', 'sunday', '2030-03-31', '2030-03-31T07:00:00.000Z', '2030-03-31T15:00:00.000Z'], // spring-forward, CEST
    ['Europe/Berlin', 'saturday', '2030-03-30', '2030-03-30T08:00:00.000Z', '2030-03-30T16:00:00.000Z'], // still CET
    ['Europe/Berlin', 'sunday', '2030-10-27', '2030-10-27T08:00:00.000Z', '2030-10-27T16:00:00.000Z'], // fall-back, CET
    ['Europe/Berlin', 'saturday', '2030-10-26', '2030-10-26T07:00:00.000Z', '2030-10-26T15:00:00.000Z'], // still CEST
    ['America/New_York', 'sunday', '2030-03-10', '2030-03-10T13:00:00.000Z', '2030-03-10T21:00:00.000Z'],
    ['America/New_York', 'saturday', '2030-03-09', '2030-03-09T14:00:00.000Z', '2030-03-09T22:00:00.000Z'],
    ['America/New_York', 'sunday', '2030-11-03', '2030-11-03T14:00:00.000Z', '2030-11-03T22:00:00.000Z'],
    ['America/New_York', 'saturday', '2030-11-02', '2030-11-02T13:00:00.000Z', '2030-11-02T21:00:00.000Z'],
    ['Asia/Kolkata', 'sunday', '2030-03-31', '2030-03-31T03:30:00.000Z', '2030-03-31T11:30:00.000Z'],
    ['Asia/Kolkata', 'sunday', '2030-10-27', '2030-10-27T03:30:00.000Z', '2030-10-27T11:30:00.000Z'],
  ])('%s %s %s', (zone, weekday, localDate, start, end) => {
    const windows = windowsOn({ [weekday]: nineToFive }, zone, `${localDate}T00:00:00Z`, `${localDate}T23:59:00Z`);
    expect(iso(windows)).toEqual([[start, end]]);
  });

  it.each([
    // Sydney's local day starts the previous UTC day; range = the local day in UTC
    ['2030-04-07', '2030-04-06T13:00:00Z', '2030-04-07T14:00:00Z', '2030-04-06T23:00:00.000Z', '2030-04-07T07:00:00.000Z'], // DST ended, AEST
    ['2030-04-06', '2030-04-05T13:00:00Z', '2030-04-06T13:00:00Z', '2030-04-05T22:00:00.000Z', '2030-04-06T06:00:00.000Z'], // AEDT
    ['2030-10-06', '2030-10-05T14:00:00Z', '2030-10-06T13:00:00Z', '2030-10-05T22:00:00.000Z', '2030-10-06T06:00:00.000Z'], // DST started, AEDT
    ['2030-10-05', '2030-10-04T14:00:00Z', '2030-10-05T14:00:00Z', '2030-10-04T23:00:00.000Z', '2030-10-05T07:00:00.000Z'], // AEST
  ])('Australia/Sydney (southern hemisphere) %s', (_localDate, from, to, start, end) => {
    const schedule: WeeklySchedule = { saturday: nineToFive, sunday: nineToFive };
    expect(iso(windowsOn(schedule, 'Australia/Sydney', from, to))).toEqual([[start, end]]);
  });

  it.each([
    ['2030-04-07 (CHAST +12:45)', '2030-04-06T12:00:00Z', '2030-04-07T10:00:00Z', '2030-04-06T20:15:00.000Z', '2030-04-07T04:15:00.000Z'],
    ['2030-09-29 (CHADT +13:45)', '2030-09-28T12:00:00Z', '2030-09-29T10:00:00Z', '2030-09-28T19:15:00.000Z', '2030-09-29T03:15:00.000Z'],
  ])('Pacific/Chatham %s', (_label, from, to, start, end) => {
    expect(iso(windowsOn({ sunday: nineToFive }, 'Pacific/Chatham', from, to))).toEqual([[start, end]]);
  });
});

describe('open hours: a window spanning the DST change has its real length', () => {
  it.each([
    // zone, local weekday, range, wall window, expected start, expected end, real hours
    ['Europe/Berlin', 'sunday', '2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z', '01:00', '04:00', '2030-03-31T00:00:00.000Z', '2030-03-31T02:00:00.000Z', 2],
    ['Europe/Berlin', 'sunday', '2030-10-26T12:00:00Z', '2030-10-27T12:00:00Z', '01:00', '04:00', '2030-10-26T23:00:00.000Z', '2030-10-27T03:00:00.000Z', 4],
    ['Europe/Berlin', 'sunday', '2030-03-30T12:00:00Z', '2030-03-31T23:00:00Z', '09:00', '17:00', '2030-03-31T07:00:00.000Z', '2030-03-31T15:00:00.000Z', 8],
    ['Europe/Berlin', 'sunday', '2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z', '00:00', '24:00', '2030-03-30T23:00:00.000Z', '2030-03-31T22:00:00.000Z', 23],
    ['Europe/Berlin', 'sunday', '2030-10-26T12:00:00Z', '2030-10-27T12:00:00Z', '00:00', '24:00', '2030-10-26T22:00:00.000Z', '2030-10-27T23:00:00.000Z', 25],
    ['America/New_York', 'sunday', '2030-03-10T00:00:00Z', '2030-03-10T12:00:00Z', '01:00', '04:00', '2030-03-10T06:00:00.000Z', '2030-03-10T08:00:00.000Z', 2],
    ['America/New_York', 'sunday', '2030-11-03T00:00:00Z', '2030-11-03T12:00:00Z', '00:00', '03:00', '2030-11-03T04:00:00.000Z', '2030-11-03T08:00:00.000Z', 4],
    ['Australia/Sydney', 'sunday', '2030-10-05T12:00:00Z', '2030-10-05T20:00:00Z', '01:00', '04:00', '2030-10-05T15:00:00.000Z', '2030-10-05T17:00:00.000Z', 2],
    ['Australia/Sydney', 'sunday', '2030-04-06T12:00:00Z', '2030-04-06T20:00:00Z', '01:00', '04:00', '2030-04-06T14:00:00.000Z', '2030-04-06T18:00:00.000Z', 4],
    ['Pacific/Chatham', 'sunday', '2030-09-28T10:00:00Z', '2030-09-28T20:00:00Z', '02:00', '05:00', '2030-09-28T13:15:00.000Z', '2030-09-28T15:15:00.000Z', 2],
    ['Asia/Kolkata', 'sunday', '2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z', '01:00', '04:00', '2030-03-30T19:30:00.000Z', '2030-03-30T22:30:00.000Z', 3],
  ])('%s %s %s–%s: %s–%s wall → %s..%s (%d h)', (zone, weekday, from, to, wallStart, wallEnd, start, end, realHours) => {
    const windows = windowsOn({ [weekday]: [{ start: wallStart, end: wallEnd }] }, zone, from, to);
    expect(iso(windows)).toEqual([[start, end]]);
    expect(hours(windows[0]!)).toBe(realHours);
  });

  it.each([
    // an edge inside the spring-forward gap moves forward with the clocks
    ['Europe/Berlin', '02:30', '05:00', '2030-03-31T01:30:00.000Z', '2030-03-31T03:00:00.000Z'], // 03:30–05:00 CEST
    ['Europe/Berlin', '00:30', '02:30', '2030-03-30T23:30:00.000Z', '2030-03-31T01:30:00.000Z'], // end lands on 03:30 CEST
    ['America/New_York', '02:30', '05:00', '2030-03-10T07:30:00.000Z', '2030-03-10T09:00:00.000Z'],
  ])('%s gap edge: %s–%s → %s..%s', (zone, wallStart, wallEnd, start, end) => {
    const day = zone === 'Europe/Berlin' ? ['2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z'] : ['2030-03-10T00:00:00Z', '2030-03-10T12:00:00Z'];
    expect(iso(windowsOn({ sunday: [{ start: wallStart, end: wallEnd }] }, zone, day[0]!, day[1]!))).toEqual([[start, end]]);
  });

  it('drops a window that lies entirely inside the spring-forward gap (it has no real time)', () => {
    expect(windowsOn({ sunday: [{ start: '02:00', end: '03:00' }] }, 'Europe/Berlin', '2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z')).toEqual([]);
  });
});

describe('open hours: 24:00 and missing days', () => {
  it.each([
    // 24:00 means midnight at the start of the next local date
    ['Europe/Berlin', 'monday', '2030-03-04T12:00:00Z', '2030-03-05T12:00:00Z', '2030-03-04T21:00:00.000Z', '2030-03-04T23:00:00.000Z'],
    ['Europe/Berlin', 'saturday', '2030-03-30T12:00:00Z', '2030-03-31T12:00:00Z', '2030-03-30T21:00:00.000Z', '2030-03-30T23:00:00.000Z'], // into the spring-forward day, still +01:00 at midnight
    ['Europe/Berlin', 'sunday', '2030-03-31T12:00:00Z', '2030-04-01T12:00:00Z', '2030-03-31T20:00:00.000Z', '2030-03-31T22:00:00.000Z'],
    ['America/New_York', 'saturday', '2030-11-02T12:00:00Z', '2030-11-03T12:00:00Z', '2030-11-03T02:00:00.000Z', '2030-11-03T04:00:00.000Z'],
    ['Asia/Kolkata', 'sunday', '2030-03-31T00:00:00Z', '2030-04-01T00:00:00Z', '2030-03-31T16:30:00.000Z', '2030-03-31T18:30:00.000Z'],
  ])('%s %s 22:00–24:00 → %s..%s', (zone, weekday, from, to, start, end) => {
    expect(iso(windowsOn({ [weekday]: [{ start: '22:00', end: '24:00' }] }, zone, from, to))).toEqual([[start, end]]);
  });

  it('treats days missing from the schedule (or listed empty) as closed', () => {
    const schedule: WeeklySchedule = { monday: nineToFive, wednesday: [] };
    // Berlin Monday 2030-03-04 00:00 to Monday 2030-03-11 00:00 (exclusive)
    const windows = windowsOn(schedule, 'Europe/Berlin', '2030-03-03T23:00:00Z', '2030-03-10T23:00:00Z');
    expect(iso(windows)).toEqual([['2030-03-04T08:00:00.000Z', '2030-03-04T16:00:00.000Z']]);
  });

  it('returns nothing for an empty schedule', () => {
    expect(windowsOn({}, 'Europe/Berlin', '2030-03-01T00:00:00Z', '2030-04-01T00:00:00Z')).toEqual([]);
  });

  it('returns every day of a multi-day range in order, across the spring-forward weekend', () => {
    const schedule: WeeklySchedule = { saturday: nineToFive, sunday: nineToFive, monday: nineToFive };
    expect(iso(windowsOn(schedule, 'Europe/Berlin', '2030-03-30T00:00:00Z', '2030-04-02T00:00:00Z'))).toEqual([
      ['2030-03-30T08:00:00.000Z', '2030-03-30T16:00:00.000Z'],
      ['2030-03-31T07:00:00.000Z', '2030-03-31T15:00:00.000Z'],
      ['2030-04-01T07:00:00.000Z', '2030-04-01T15:00:00.000Z'],
    ]);
  });
});

describe('open hours: which windows overlap [from, to)', () => {
  // Berlin Monday 2030-03-04 (CET): 09:00–12:00 = 08:00Z–11:00Z, 13:00–17:00 = 12:00Z–16:00Z (listed out of order)
  const split: WeeklySchedule = { monday: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00' }] };
  const morning = ['2030-03-04T08:00:00.000Z', '2030-03-04T11:00:00.000Z'];
  const afternoon = ['2030-03-04T12:00:00.000Z', '2030-03-04T16:00:00.000Z'];

  it.each([
    ['range covering both, windows whole and sorted', '2030-03-04T00:00:00Z', '2030-03-05T00:00:00Z', [morning, afternoon]],
    ['range inside the morning returns the whole morning (not clipped)', '2030-03-04T09:00:00Z', '2030-03-04T09:30:00Z', [morning]],
    ['range straddling lunch returns both whole', '2030-03-04T10:00:00Z', '2030-03-04T12:30:00Z', [morning, afternoon]],
    ['range exactly the lunch break: half-open, touches neither', '2030-03-04T11:00:00Z', '2030-03-04T12:00:00Z', []],
    ['range ending exactly at the morning start', '2030-03-04T07:00:00Z', '2030-03-04T08:00:00Z', []],
    ['range starting exactly at the afternoon end', '2030-03-04T16:00:00Z', '2030-03-04T18:00:00Z', []],
    ['one minute into the morning end', '2030-03-04T10:59:00Z', '2030-03-04T12:00:00Z', [morning]],
    ['one minute into the afternoon start', '2030-03-04T11:00:00Z', '2030-03-04T12:01:00Z', [afternoon]],
    ['range on the Tuesday', '2030-03-05T00:00:00Z', '2030-03-06T00:00:00Z', []],
  ])('%s', (_label, from, to, expected) => {
    expect(iso(windowsOn(split, 'Europe/Berlin', from, to))).toEqual(expected);
  });

  it.each([
    // A far zone's local day overlaps the UTC range from outside it; the window comes back whole.
    // Kiritimati is +14:00: Tuesday 00:00–03:00 local = Monday 10:00Z–13:00Z.
    ['Pacific/Kiritimati', { tuesday: [{ start: '00:00', end: '03:00' }] }, '2030-03-04T00:00:00Z', '2030-03-04T12:00:00Z', ['2030-03-04T10:00:00.000Z', '2030-03-04T13:00:00.000Z']],
    // Kiritimati Monday 09:00–17:00 local = Sunday 19:00Z – Monday 03:00Z.
    ['Pacific/Kiritimati', { monday: nineToFive }, '2030-03-04T00:00:00Z', '2030-03-04T12:00:00Z', ['2030-03-03T19:00:00.000Z', '2030-03-04T03:00:00.000Z']],
    // Pago Pago is -11:00: Sunday 20:00–24:00 local = Monday 07:00Z–11:00Z.
    ['Pacific/Pago_Pago', { sunday: [{ start: '20:00', end: '24:00' }] }, '2030-03-04T00:00:00Z', '2030-03-04T08:00:00Z', ['2030-03-04T07:00:00.000Z', '2030-03-04T11:00:00.000Z']],
  ])('%s: includes a window from a local day outside the UTC range', (zone, schedule, from, to, expected) => {
    expect(iso(windowsOn(schedule as WeeklySchedule, zone, from, to))).toEqual([expected]);
  });
});

describe('open hours: working time that continues across a boundary is one window', () => {
  it('around the clock, an appointment may run past midnight; touching ranges of one day join too', () => {
    const allDay = [{ start: '00:00', end: '24:00' }];
    const windows = scheduleWindows({ monday: allDay, tuesday: allDay }, 'UTC', new Date('2030-03-04T00:00:00Z'), new Date('2030-03-06T00:00:00Z'));
    expect(windows).toEqual([{ start: new Date('2030-03-04T00:00:00Z'), end: new Date('2030-03-06T00:00:00Z') }]);
    expect(openHours({ monday: allDay, tuesday: allDay }, 'UTC', new Date('2030-03-04T00:00:00Z'), new Date('2030-03-06T00:00:00Z')).fits(Date.parse('2030-03-04T23:45:00Z'), Date.parse('2030-03-05T00:15:00Z'))).toBe(true);

    const split = scheduleWindows({ monday: [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '15:00' }, { start: '16:00', end: '17:00' }] }, 'UTC', new Date('2030-03-04T00:00:00Z'), new Date('2030-03-05T00:00:00Z'));
    expect(split.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2030-03-04T09:00:00.000Z', '2030-03-04T15:00:00.000Z'],
      ['2030-03-04T16:00:00.000Z', '2030-03-04T17:00:00.000Z'],
    ]);
  });
});
