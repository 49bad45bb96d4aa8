import { findStays, type StayRules, type StaySearch } from '../../../src/domain/availability/engine/stays';
import type { DateOverride } from '../../../src/domain/availability/calendar-config';
import type { EngineAllocation, EngineBookable } from '../../../src/domain/availability/engine/engine-types';
import { at, block, booking, bookable, calendar, everyDay } from './engine-fixtures';

/** Multi-night stays: check-in 15:00, check-out 11:00 local, open nights, cleaning gaps and DST. */

const rules: StayRules = { minNights: 1, maxNights: 3, checkInTime: '15:00', checkOutTime: '11:00', minGapBetweenBookings: 0 };

function room(zone: string, extra: Partial<EngineBookable> = {}, overrides: DateOverride[] = []) {
  return bookable('room', calendar(zone, everyDay(['00:00', '24:00']), { overrides }), { facts: { type: 'venue', categoryId: null, tags: [], certifications: [], status: 'active' }, ...extra });
}
function stays(bookableUnderTest: EngineBookable, fromDate: string, toDate: string, extra: Partial<StaySearch> = {}, stayRules: Partial<StayRules> = {}) {
  return findStays({ now: at('2026-01-01T00:00:00Z'), bookable: bookableUnderTest, fromDate, toDate, rules: { ...rules, ...stayRules }, ...extra });
}
const view = (found: ReturnType<typeof findStays>) => found.map((s) => `${s.checkInDate}+${s.nights} ${s.start.toISOString()}/${s.end.toISOString()}`);

describe('stays across DST transitions', () => {
  it.each([
    // London spring forward (29 March): 15:00 GMT → 11:00 BST is 19 real hours.
    ['London, over the spring-forward night', 'Europe/London', '2026-03-28', 1, '2026-03-28T15:00:00.000Z', '2026-03-29T10:00:00.000Z', 19],
    ['London, two nights including spring forward', 'Europe/London', '2026-03-27', 2, '2026-03-27T15:00:00.000Z', '2026-03-29T10:00:00.000Z', 43],
    // London fall back (25 October): 15:00 BST → 11:00 GMT is 21 real hours.
    ['London, over the fall-back night', 'Europe/London', '2026-10-24', 1, '2026-10-24T14:00:00.000Z', '2026-10-25T11:00:00.000Z', 21],
    // Sydney spring forward (4 October): 15:00 AEST → 11:00 AEDT.
    ['Sydney, over the October spring-forward night', 'Australia/Sydney', '2026-10-03', 1, '2026-10-03T05:00:00.000Z', '2026-10-04T00:00:00.000Z', 19],
    // Sydney fall back (5 April): 15:00 AEDT → 11:00 AEST.
    ['Sydney, over the April fall-back night', 'Australia/Sydney', '2026-04-04', 1, '2026-04-04T04:00:00.000Z', '2026-04-05T01:00:00.000Z', 21],
    ['Sydney, an ordinary night', 'Australia/Sydney', '2026-06-10', 1, '2026-06-10T05:00:00.000Z', '2026-06-11T01:00:00.000Z', 20],
  ])('%s', (_label, zone, checkIn, nights, start, end, hours) => {
    const [stay] = stays(room(zone), checkIn, checkIn, { nights });
    expect(stay).toMatchObject({ checkInDate: checkIn, nights, timezone: zone });
    expect([stay!.start.toISOString(), stay!.end.toISOString()]).toEqual([start, end]);
    expect((stay!.end.getTime() - stay!.start.getTime()) / 3_600_000).toBe(hours);
  });
});

describe('lengths', () => {
  it('without nights: every length from minNights to maxNights, by check-in then length', () => {
    expect(view(stays(room('UTC'), '2026-06-01', '2026-06-02', {}, { minNights: 2, maxNights: 3 }))).toEqual([
      '2026-06-01+2 2026-06-01T15:00:00.000Z/2026-06-03T11:00:00.000Z',
      '2026-06-01+3 2026-06-01T15:00:00.000Z/2026-06-04T11:00:00.000Z',
      '2026-06-02+2 2026-06-02T15:00:00.000Z/2026-06-04T11:00:00.000Z',
      '2026-06-02+3 2026-06-02T15:00:00.000Z/2026-06-05T11:00:00.000Z',
    ]);
  });

  it.each([
    ['below minNights', 1],
    ['above maxNights', 4],
  ])('a requested length %s gives nothing', (_label, nights) => {
    expect(stays(room('UTC'), '2026-06-01', '2026-06-05', { nights }, { minNights: 2, maxNights: 3 })).toEqual([]);
  });

  it('a bookable without a calendar has no stays', () => {
    expect(stays({ ...room('UTC'), calendar: null }, '2026-06-01', '2026-06-05')).toEqual([]);
  });
});

describe('open nights', () => {
  const closed: DateOverride = { date: '2026-06-03', kind: 'closed', recurringYearly: false };

  it('a night closed by an override cannot be slept; the departure day may be closed', () => {
    const found = stays(room('UTC', {}, [closed]), '2026-06-01', '2026-06-04', {}, { maxNights: 3 });
    expect(found.map((s) => `${s.checkInDate}+${s.nights}`)).toEqual(['2026-06-01+1', '2026-06-01+2', '2026-06-02+1', '2026-06-04+1', '2026-06-04+2', '2026-06-04+3']);
  });

  it('a weekday without hours is a closed night (Sunday 7 June)', () => {
    const weekdaysOnly = bookable('room', calendar('UTC', { monday: [{ start: '00:00', end: '24:00' }], friday: [{ start: '09:00', end: '17:00' }], saturday: [{ start: '09:00', end: '17:00' }] }));
    expect(stays(weekdaysOnly, '2026-06-05', '2026-06-08').map((s) => `${s.checkInDate}+${s.nights}`)).toEqual(['2026-06-05+1', '2026-06-05+2', '2026-06-06+1', '2026-06-08+1']);
  });
});

describe('allocations and cleaning gap (another guest 10 June 15:00 → 12 June 11:00)', () => {
  const guest = booking('2026-06-10T15:00:00Z', '2026-06-12T11:00:00Z');
  it.each([
    [0, ['2026-06-07', '2026-06-08', '2026-06-09', '2026-06-12', '2026-06-13', '2026-06-14']],
    // One empty night before and after the other guest: no arrival on 9 June nor on 12 June.
    [1, ['2026-06-07', '2026-06-08', '2026-06-13', '2026-06-14']],
    [2, ['2026-06-07', '2026-06-14']],
  ])('gap of %i nights: one-night check-ins', (gap, expected) => {
    const found = stays(room('UTC', { allocations: [guest] }), '2026-06-07', '2026-06-14', { nights: 1 }, { minGapBetweenBookings: gap });
    expect(found.map((s) => s.checkInDate)).toEqual(expected);
  });

  it('the gap is counted in wall-clock days across the spring-forward night (London)', () => {
    // Arrival 29 March 15:00 BST (14:00Z); one gap night reaches back to 28 March 15:00 GMT (15:00Z), 25 real hours.
    const endingAt = (iso: string): EngineAllocation[] => [booking('2026-03-27T15:00:00Z', iso)];
    const arrive = (allocations: EngineAllocation[]) => stays(room('Europe/London', { allocations }), '2026-03-29', '2026-03-29', { nights: 1 }, { minGapBetweenBookings: 1 }).length;
    expect(arrive(endingAt('2026-03-28T14:30:00Z'))).toBe(1);
    expect(arrive(endingAt('2026-03-28T15:30:00Z'))).toBe(0);
  });

  it.each([
    ['capacity 2 with one guest: free', 2, [guest], 1],
    ['capacity 2 with two guests: full', 2, [guest, guest], 0],
    ['a block closes every unit', 2, [block('2026-06-11T00:00:00Z', '2026-06-11T01:00:00Z')], 0],
  ])('%s', (_label, capacity, allocations, count) => {
    expect(stays(room('UTC', { capacity, allocations }), '2026-06-10', '2026-06-10', { nights: 1 })).toHaveLength(count);
  });
});

describe('advance (now = 1 June 12:00Z, check-in 15:00Z)', () => {
  const now = at('2026-06-01T12:00:00Z');
  it.each([
    ['no limits', {}, {}, ['2026-06-01', '2026-06-02', '2026-06-03']],
    ['minimum advance 240 min', { minAdvanceMinutes: 240 }, {}, ['2026-06-02', '2026-06-03']],
    ['calendar minimum advance 120 min', {}, { minAdvanceMinutes: 120 }, ['2026-06-01', '2026-06-02', '2026-06-03']],
    ['calendar minimum advance 180 min (exactly 15:00)', {}, { minAdvanceMinutes: 180 }, ['2026-06-01', '2026-06-02', '2026-06-03']],
    ['maximum advance 2 days', { maxAdvanceDays: 2 }, {}, ['2026-06-01', '2026-06-02']],
    ['calendar maximum advance 1 day', {}, { maxAdvanceDays: 1 }, ['2026-06-01']],
  ] as const)('%s', (_label, stayRules, cal, expected) => {
    const unit = bookable('room', calendar('UTC', everyDay(['00:00', '24:00']), cal));
    expect(stays(unit, '2026-06-01', '2026-06-03', { now, nights: 1 }, stayRules).map((s) => s.checkInDate)).toEqual(expected);
  });
});
