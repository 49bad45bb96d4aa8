import {
  formatLocalDateTime,
  isValidTimeZone,
  localDatesBetween,
  localWallClock,
  nextLocalDate,
  toLocalIso,
  wallTimeToUtc,
  weekdayOf,
  weekdays,
} from '../../src/domain/shared/time';
import { addMinutes } from '../../src/domain/shared/durations';

// Unambiguous wall times only: the result of these never depends on the clock of the machine.
// (Ambiguous fall-back wall times are covered in time-ambiguous-wall-time.test.ts.)

describe('wallTimeToUtc', () => {
  it.each([
    // zone, local date, wall time, expected UTC instant
    ['Europe/Berlin', '2030-03-04', '09:00', '2030-03-04T08:00:00.000Z'], // CET +01:00
    ['Europe/Berlin', '2030-03-30', '09:00', '2030-03-30T08:00:00.000Z'], // day before spring-forward, still +01:00
    ['Europe/Berlin', '2030-03-31', '01:59', '2030-03-31T00:59:00.000Z'], // last minute before the gap
    ['Europe/Berlin', '2030-03-31', '03:00', '2030-03-31T01:00:00.000Z'], // first minute after the gap, +02:00
    ['Europe/Berlin', '2030-03-31', '09:00', '2030-03-31T07:00:00.000Z'], // spring-forward day, CEST
    ['Europe/Berlin', '2030-10-26', '09:00', '2030-10-26T07:00:00.000Z'], // day before fall-back, CEST
    ['Europe/Berlin', '2030-10-27', '01:59', '2030-10-26T23:59:00.000Z'], // before the repeated hour, +02:00
    ['Europe/Berlin', '2030-10-27', '03:00', '2030-10-27T02:00:00.000Z'], // after the repeated hour, +01:00
    ['Europe/Berlin', '2030-10-27', '09:00', '2030-10-27T08:00:00.000Z'], // fall-back day, CET
    ['America/New_York', '2030-03-09', '09:00', '2030-03-09T14:00:00.000Z'], // EST -05:00
    ['America/New_York', '2030-03-10', '01:59', '2030-03-10T06:59:00.000Z'],
    ['America/New_York', '2030-03-10', '03:00', '2030-03-10T07:00:00.000Z'],
    ['America/New_York', '2030-03-10', '09:00', '2030-03-10T13:00:00.000Z'], // EDT -04:00
    ['America/New_York', '2030-11-03', '00:59', '2030-11-03T04:59:00.000Z'], // before the repeated hour, EDT
    ['America/New_York', '2030-11-03', '02:00', '2030-11-03T07:00:00.000Z'], // after the repeated hour, EST
    ['America/New_York', '2030-11-03', '09:00', '2030-11-03T14:00:00.000Z'],
    ['Australia/Sydney', '2030-04-06', '09:00', '2030-04-05T22:00:00.000Z'], // AEDT +11:00
    ['Australia/Sydney', '2030-04-07', '01:59', '2030-04-06T14:59:00.000Z'], // before the repeated hour, AEDT
    ['Australia/Sydney', '2030-04-07', '03:00', '2030-04-06T17:00:00.000Z'], // after the repeated hour, AEST
    ['Australia/Sydney', '2030-04-07', '09:00', '2030-04-06T23:00:00.000Z'], // AEST +10:00
    ['Australia/Sydney', '2030-10-06', '01:59', '2030-10-05T15:59:00.000Z'],
    ['Australia/Sydney', '2030-10-06', '03:00', '2030-10-05T16:00:00.000Z'],
    ['Australia/Sydney', '2030-10-06', '09:00', '2030-10-05T22:00:00.000Z'], // AEDT again
    ['Asia/Kolkata', '2030-03-31', '09:00', '2030-03-31T03:30:00.000Z'], // +05:30 all year
    ['Asia/Kolkata', '2030-10-27', '09:00', '2030-10-27T03:30:00.000Z'],
    ['Asia/Kolkata', '2030-06-01', '00:00', '2030-05-31T18:30:00.000Z'],
    ['Pacific/Chatham', '2030-04-07', '09:00', '2030-04-06T20:15:00.000Z'], // CHAST +12:45
    ['Pacific/Chatham', '2030-09-29', '09:00', '2030-09-28T19:15:00.000Z'], // CHADT +13:45
    ['Pacific/Chatham', '2030-09-29', '02:44', '2030-09-28T13:59:00.000Z'], // last minute before the gap
    ['UTC', '2030-03-31', '02:30', '2030-03-31T02:30:00.000Z'],
  ])('%s %s %s is %s', (zone, localDate, wallTime, expected) => {
    expect(wallTimeToUtc(localDate, wallTime, zone).toISOString()).toBe(expected);
  });

  it.each([
    // A wall time inside a spring-forward gap moves forward by the gap.
    ['Europe/Berlin', '2030-03-31', '02:00', '2030-03-31T01:00:00.000Z', '2030-03-31T03:00:00.000+02:00'],
    ['Europe/Berlin', '2030-03-31', '02:30', '2030-03-31T01:30:00.000Z', '2030-03-31T03:30:00.000+02:00'],
    ['Europe/Berlin', '2030-03-31', '02:59', '2030-03-31T01:59:00.000Z', '2030-03-31T03:59:00.000+02:00'],
    ['America/New_York', '2030-03-10', '02:30', '2030-03-10T07:30:00.000Z', '2030-03-10T03:30:00.000-04:00'],
    ['Australia/Sydney', '2030-10-06', '02:30', '2030-10-05T16:30:00.000Z', '2030-10-06T03:30:00.000+11:00'],
    ['Pacific/Chatham', '2030-09-29', '03:00', '2030-09-28T14:15:00.000Z', '2030-09-29T04:00:00.000+13:45'],
  ])('gap: %s %s %s moves forward to %s (%s)', (zone, localDate, wallTime, expectedUtc, expectedLocal) => {
    const instant = wallTimeToUtc(localDate, wallTime, zone);
    expect(instant.toISOString()).toBe(expectedUtc);
    expect(toLocalIso(instant, zone)).toBe(expectedLocal);
  });

  it.each([
    ['2030-02-30', '09:00', 'Europe/Berlin'],
    ['2030-03-04', '25:00', 'Europe/Berlin'],
    ['2030-03-04', '09:00', 'Mars/Olympus_Mons'],
  ])('refuses %s %s in %s with a RangeError', (localDate, wallTime, zone) => {
    expect(() => wallTimeToUtc(localDate, wallTime, zone)).toThrow(RangeError);
  });
});

describe('localDatesBetween', () => {
  it.each([
    // from, to, zone, expected local dates
    ['2030-03-04T00:00:00Z', '2030-03-05T00:00:00Z', 'UTC', ['2030-03-04']], // to is exclusive
    ['2030-03-04T00:00:00Z', '2030-03-05T00:00:01Z', 'UTC', ['2030-03-04', '2030-03-05']],
    ['2030-03-04T00:00:00Z', '2030-03-05T00:00:00Z', 'Europe/Berlin', ['2030-03-04', '2030-03-05']], // 01:00 Mon–01:00 Tue
    ['2030-03-03T23:00:00Z', '2030-03-04T23:00:00Z', 'Europe/Berlin', ['2030-03-04']], // one Berlin day exactly
    ['2030-03-30T23:00:00Z', '2030-03-31T22:00:00Z', 'Europe/Berlin', ['2030-03-31']], // the 23-hour day
    ['2030-10-26T22:00:00Z', '2030-10-27T23:00:00Z', 'Europe/Berlin', ['2030-10-27']], // the 25-hour day
    ['2030-03-04T00:00:00Z', '2030-03-04T01:00:00Z', 'Pacific/Kiritimati', ['2030-03-04']], // +14:00
    ['2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z', 'Pacific/Kiritimati', ['2030-03-05']],
    ['2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z', 'Pacific/Pago_Pago', ['2030-03-03']], // -11:00
    ['2030-03-04T18:00:00Z', '2030-03-04T19:00:00Z', 'Asia/Kolkata', ['2030-03-04', '2030-03-05']], // 23:30–00:30
    ['2030-12-31T12:00:00Z', '2031-01-02T12:00:00Z', 'UTC', ['2030-12-31', '2031-01-01', '2031-01-02']],
  ])('[%s, %s) in %s touches %j', (from, to, zone, expected) => {
    expect(localDatesBetween(new Date(from), new Date(to), zone)).toEqual(expected);
  });
});

describe('weekdayOf and nextLocalDate', () => {
  it.each([
    ['2030-03-04', 'monday'],
    ['2030-03-31', 'sunday'],
    ['2030-10-27', 'sunday'],
    ['2030-03-10', 'sunday'],
    ['2030-11-03', 'sunday'],
    ['2030-04-07', 'sunday'],
    ['2030-10-06', 'sunday'],
    ['2030-06-01', 'saturday'],
    ['2030-03-05', 'tuesday'],
  ])('%s is a %s', (localDate, weekday) => {
    expect(weekdayOf(localDate)).toBe(weekday);
  });

  it('lists weekdays in ISO order', () => {
    expect(weekdays).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
  });

  it.each([
    ['2030-03-30', '2030-03-31'],
    ['2030-03-31', '2030-04-01'], // across the spring-forward day
    ['2030-10-27', '2030-10-28'],
    ['2030-02-28', '2030-03-01'],
    ['2028-02-28', '2028-02-29'], // leap year
    ['2030-12-31', '2031-01-01'],
  ])('the day after %s is %s', (localDate, expected) => {
    expect(nextLocalDate(localDate)).toBe(expected);
  });
});

describe('toLocalIso, addMinutes, isValidTimeZone', () => {
  it.each([
    ['2030-03-31T00:59:00Z', 'Europe/Berlin', '2030-03-31T01:59:00.000+01:00'],
    ['2030-03-31T01:00:00Z', 'Europe/Berlin', '2030-03-31T03:00:00.000+02:00'],
    ['2030-10-27T00:30:00Z', 'Europe/Berlin', '2030-10-27T02:30:00.000+02:00'],
    ['2030-10-27T01:30:00Z', 'Europe/Berlin', '2030-10-27T02:30:00.000+01:00'],
    ['2030-06-01T03:30:00Z', 'Asia/Kolkata', '2030-06-01T09:00:00.000+05:30'],
    ['2030-04-06T20:15:00Z', 'Pacific/Chatham', '2030-04-07T09:00:00.000+12:45'],
  ])('%s in %s reads %s', (instant, zone, expected) => {
    expect(toLocalIso(new Date(instant), zone)).toBe(expected);
  });

  it.each([
    // adding is absolute: 60 minutes across the Berlin gap is 01:30 CET → 03:30 CEST
    ['2030-03-31T00:30:00Z', 60, '2030-03-31T01:30:00.000Z'],
    ['2030-10-27T00:30:00Z', 60, '2030-10-27T01:30:00.000Z'],
    ['2030-03-04T08:00:00Z', -15, '2030-03-04T07:45:00.000Z'],
    ['2030-03-04T08:00:00Z', 0, '2030-03-04T08:00:00.000Z'],
    ['2030-03-04T23:30:00Z', 45, '2030-03-05T00:15:00.000Z'],
  ])('%s + %i min = %s', (instant, minutes, expected) => {
    expect(addMinutes(new Date(instant), minutes).toISOString()).toBe(expected);
  });

  it('does not mutate its input', () => {
    const instant = new Date('2030-03-04T08:00:00Z');
    addMinutes(instant, 30);
    expect(instant.toISOString()).toBe('2030-03-04T08:00:00.000Z');
  });

  it.each([
    ['Europe/Berlin', true],
    ['America/New_York', true],
    ['Pacific/Chatham', true],
    ['UTC', true],
    ['Europe/Atlantis', false],
    ['', false],
    ['+02:00', false],
  ])('isValidTimeZone(%j) is %s', (zone, expected) => {
    expect(isValidTimeZone(zone)).toBe(expected);
  });
});

describe('formatLocalDateTime', () => {
  it.each([
    ['2030-03-04T09:00:00Z', 'Europe/Berlin', 'Monday, 4 March 2030, 10:00 (Europe/Berlin)'],
    ['2030-03-31T00:30:00Z', 'Europe/Berlin', 'Sunday, 31 March 2030, 01:30 (Europe/Berlin)'], // before the spring-forward gap
    ['2030-03-31T01:30:00Z', 'Europe/Berlin', 'Sunday, 31 March 2030, 03:30 (Europe/Berlin)'], // just after it, CEST
    ['2030-10-27T00:30:00Z', 'Europe/Berlin', 'Sunday, 27 October 2030, 02:30 (Europe/Berlin)'], // fall-back: first 02:30
    ['2030-03-04T23:30:00Z', 'Europe/Berlin', 'Tuesday, 5 March 2030, 00:30 (Europe/Berlin)'], // local date is a day after UTC's
    ['2030-03-04T14:05:00Z', 'America/New_York', 'Monday, 4 March 2030, 09:05 (America/New_York)'],
    ['2030-06-01T18:30:00Z', 'Asia/Kolkata', 'Sunday, 2 June 2030, 00:00 (Asia/Kolkata)'],
    ['2030-03-04T21:00:00Z', 'UTC', 'Monday, 4 March 2030, 21:00 (UTC)'],
  ])('%s in %s reads %j', (instant, zone, expected) => {
    expect(formatLocalDateTime(new Date(instant), zone)).toBe(expected);
  });

  it('shows the instant wallTimeToUtc resolved a spring-forward gap time to', () => {
    const instant = wallTimeToUtc('2030-03-31', '02:30', 'Europe/Berlin');
    expect(formatLocalDateTime(instant, 'Europe/Berlin')).toBe('Sunday, 31 March 2030, 03:30 (Europe/Berlin)');
  });

  it('refuses an unknown zone with a RangeError', () => {
    expect(() => formatLocalDateTime(new Date('2030-03-04T09:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});

describe('localWallClock', () => {
  it.each([
    ['2030-03-04T09:00:00Z', 'Europe/Berlin', { localDate: '2030-03-04', localWeekday: 'monday', localTime: '10:00' }],
    ['2030-03-04T23:30:00Z', 'Europe/Berlin', { localDate: '2030-03-05', localWeekday: 'tuesday', localTime: '00:30' }], // a day after UTC's
    ['2030-03-31T01:30:00Z', 'Europe/Berlin', { localDate: '2030-03-31', localWeekday: 'sunday', localTime: '03:30' }], // just after the gap
    ['2030-10-27T01:30:00Z', 'Europe/Berlin', { localDate: '2030-10-27', localWeekday: 'sunday', localTime: '02:30' }], // the second 02:30
    ['2030-03-04T03:00:00Z', 'America/New_York', { localDate: '2030-03-03', localWeekday: 'sunday', localTime: '22:00' }], // a day before UTC's
    ['2030-06-01T18:30:00Z', 'Asia/Kolkata', { localDate: '2030-06-02', localWeekday: 'sunday', localTime: '00:00' }],
  ])('%s in %s is %j', (instant, zone, expected) => {
    expect(localWallClock(new Date(instant), zone)).toEqual(expected);
  });

  it('refuses an unknown zone with a RangeError', () => {
    expect(() => localWallClock(new Date('2030-03-04T09:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
