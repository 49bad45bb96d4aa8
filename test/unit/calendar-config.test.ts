import {
  calendarPatternProblems,
  dayRangeProblems,
  effectiveDayRanges,
  isValidLocalDate,
  overrideFor,
  typedRanges,
  type AnyWeeklySchedule,
  type DateOverride,
} from '../../src/domain/availability/calendar-config';

const closed = (date: string, recurringYearly = false): DateOverride => ({ date, kind: 'closed', recurringYearly });
const hours = (date: string, start: string, end: string, recurringYearly = false): DateOverride => ({
  date,
  kind: 'special_hours',
  ranges: [{ start, end, type: 'premium' }],
  recurringYearly,
});

describe('overrideFor', () => {
  const christmasYearly = closed('2024-12-25', true);
  const christmas2026Open = hours('2026-12-25', '10:00', '14:00');
  const newYearsEveYearly = hours('2025-12-31', '20:00', '24:00', true);
  const newYearsEveFrom2027 = hours('2027-12-31', '18:00', '24:00', true);
  const all = [christmasYearly, christmas2026Open, newYearsEveYearly, newYearsEveFrom2027];

  it.each([
    ['no override on the date', '2026-12-26', undefined],
    ['a yearly override on its own date', '2024-12-25', christmasYearly],
    ['a yearly override in a later year', '2025-12-25', christmasYearly],
    ['an exact date beats a yearly one on the same month-day', '2026-12-25', christmas2026Open],
    ['a yearly override does not reach back before its first year', '2023-12-25', undefined],
    ['the newest yearly override once it has started', '2028-12-31', newYearsEveFrom2027],
    ['an older yearly override before the newer one starts', '2026-12-31', newYearsEveYearly],
  ])('%s', (_name, localDate, expected) => {
    expect(overrideFor(all, localDate)).toBe(expected);
  });

  it('prefers a one-off over a yearly override on the very same date', () => {
    const yearly = closed('2026-05-01', true);
    const oneOff = hours('2026-05-01', '09:00', '12:00');
    expect(overrideFor([yearly, oneOff], '2026-05-01')).toBe(oneOff);
    expect(overrideFor([yearly, oneOff], '2027-05-01')).toBe(yearly);
  });

  it('returns nothing from no overrides', () => {
    expect(overrideFor([], '2026-05-01')).toBeUndefined();
  });
});

describe('effectiveDayRanges', () => {
  // 2026-06-01 is a Monday, 2026-06-02 a Tuesday, 2026-06-07 a Sunday.
  const week: AnyWeeklySchedule = {
    monday: [{ start: '13:00', end: '17:00' }, { start: '09:00', end: '12:00', type: 'preferred' }],
    tuesday: [{ start: '09:00', end: '17:00', type: 'premium' }],
  };

  it.each([
    ['the weekday ranges, typed and sorted', [], '2026-06-01', [{ start: '09:00', end: '12:00', type: 'preferred' }, { start: '13:00', end: '17:00', type: 'available' }]],
    ['another weekday', [], '2026-06-02', [{ start: '09:00', end: '17:00', type: 'premium' }]],
    ['a weekday missing from the schedule is closed', [], '2026-06-07', []],
    ['a closed override', [closed('2026-06-01')], '2026-06-01', []],
    ['an override on another date changes nothing', [closed('2026-06-02')], '2026-06-01', [{ start: '09:00', end: '12:00', type: 'preferred' }, { start: '13:00', end: '17:00', type: 'available' }]],
    [
      'modified hours replace the week',
      [{ date: '2026-06-01', kind: 'modified_hours', ranges: [{ start: '10:00', end: '11:00', type: 'available' }], recurringYearly: false }],
      '2026-06-01',
      [{ start: '10:00', end: '11:00', type: 'available' }],
    ],
    ['special hours open a closed weekday', [hours('2026-06-07', '20:00', '24:00')], '2026-06-07', [{ start: '20:00', end: '24:00', type: 'premium' }]],
    ['holiday pricing keeps the weekly hours', [{ date: '2026-06-02', kind: 'holiday_pricing', pricingMultiplierBps: 15000, recurringYearly: false }], '2026-06-02', [{ start: '09:00', end: '17:00', type: 'premium' }]],
    ['a yearly closure from an earlier year', [closed('2020-06-01', true)], '2026-06-01', []],
  ] as [string, DateOverride[], string, unknown][])('%s', (_name, overrides, localDate, expected) => {
    expect(effectiveDayRanges(week, overrides, localDate)).toEqual(expected);
  });

  it('uses the weekday it is given', () => {
    expect(effectiveDayRanges(week, [], '2026-06-01', 'tuesday')).toEqual([{ start: '09:00', end: '17:00', type: 'premium' }]);
  });

  it('does not hand out the schedule arrays themselves', () => {
    const result = effectiveDayRanges(week, [], '2026-06-02');
    result[0]!.start = '08:00';
    expect(week.tuesday![0]!.start).toBe('09:00');
  });
});

describe('typedRanges', () => {
  it('fills in available and sorts by start', () => {
    expect(typedRanges([{ start: '12:00', end: '13:00', type: 'premium' }, { start: '08:00', end: '09:00' }])).toEqual([
      { start: '08:00', end: '09:00', type: 'available' },
      { start: '12:00', end: '13:00', type: 'premium' },
    ]);
  });
});

describe('dayRangeProblems', () => {
  it.each([
    ['none', [], []],
    ['touching ranges', [{ start: '09:00', end: '12:00' }, { start: '12:00', end: '24:00' }], []],
    ['a reversed range, not also an overlap', [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '10:00' }], [[1, 'end']]],
    ['an overlap on the later range', [{ start: '11:00', end: '13:00' }, { start: '09:00', end: '12:00' }], [[0]]],
    ['each range inside a long one', [{ start: '08:00', end: '18:00' }, { start: '09:00', end: '10:00' }, { start: '11:00', end: '12:00' }], [[1], [2]]],
    ['same start twice', [{ start: '09:00', end: '10:00' }, { start: '09:00', end: '11:00' }], [[1]]],
  ])('%s', (_name, ranges, expected) => {
    expect(dayRangeProblems(ranges).map((p) => p.path)).toEqual(expected);
  });
});

describe('calendarPatternProblems', () => {
  it.each([
    ['no limits', {}, []],
    ['only a minimum', { minAdvanceMinutes: 10_000 }, []],
    ['a window just wide enough', { minAdvanceMinutes: 1439, maxAdvanceDays: 1 }, []],
    ['a window closed by the minimum notice', { minAdvanceMinutes: 1440, maxAdvanceDays: 1 }, [['maxAdvanceDays']]],
  ])('%s', (_name, pattern, expected) => {
    expect(calendarPatternProblems(pattern).map((p) => p.path)).toEqual(expected);
  });
});

describe('isValidLocalDate', () => {
  it.each([
    ['2026-01-31', true],
    ['2026-04-31', false],
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2000-02-29', true],
    ['2100-02-29', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-01', false],
    ['2026-01-01T00:00', false],
  ])('%s → %s', (value, expected) => {
    expect(isValidLocalDate(value)).toBe(expected);
  });
});
