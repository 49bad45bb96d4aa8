import { checkStart, findSlots } from '../../../src/domain/availability/engine/find-slots';
import type { AssignmentPolicy, EngineBookable } from '../../../src/domain/availability/engine/engine-types';
import { at, booking, bookable, calendar, everyDay, search, service, slotOf } from './engine-fixtures';

/** Which of several free bookables a slot goes to, and the explanation given. */

const t = (hhmm: string, date = '2026-06-01') => `${date}T${hhmm}:00.000Z`;
const now = at('2026-05-31T00:00:00Z');

describe('round robin with priorities and weights over many bookings', () => {
  it('the priority provider takes one a day (its limit); the rest split 1 : 2 : 3 by weight', () => {
    const cal = () => calendar('UTC', everyDay(['09:00', '15:00']));
    const team: EngineBookable[] = [bookable('vip', cal(), { maxDailyBookings: 1 }), bookable('a', cal()), bookable('b', cal()), bookable('c', cal())];
    const policy: AssignmentPolicy = { strategy: 'round_robin', priorities: { vip: 10 }, weights: { a: 1, b: 2, c: 3 } };
    const chosen: string[] = [];
    // 12 days × 6 hourly bookings = 72: each booking lands on the chosen provider and bumps its stats.
    for (let d = 1; d <= 12; d++) {
      for (let h = 9; h < 15; h++) {
        const start = new Date(Date.UTC(2026, 5, d, h));
        const slot = slotOf(checkStart(search(t('00:00'), t('00:00', '2026-06-30'), service(60), team, { now, assignment: policy }), start));
        const id = slot.bookableIds[0]!;
        chosen.push(id);
        const index = team.findIndex((b) => b.id === id);
        const previous = team[index]!;
        team[index] = {
          ...previous,
          allocations: [...previous.allocations, booking(start.toISOString(), new Date(start.getTime() + 3_600_000).toISOString())],
          stats: { lastBookedAt: start, recentBookings: previous.stats.recentBookings + 1 },
        };
      }
    }
    expect(chosen.slice(0, 6)).toEqual(['vip', 'a', 'b', 'c', 'c', 'b']);
    const counts = Object.fromEntries(team.map((b) => [b.id, chosen.filter((id) => id === b.id).length]));
    expect(counts).toEqual({ vip: 12, a: 10, b: 20, c: 30 });
  });

  it('the explanation names priority and strategy', () => {
    const cal = () => calendar('UTC', everyDay(['09:00', '10:00']));
    const slots = findSlots(search(t('00:00'), t('23:59'), service(60), [bookable('a', cal()), bookable('b', cal(), { stats: { lastBookedAt: null, recentBookings: 4 } })], { now, assignment: { strategy: 'round_robin', priorities: { a: 1 }, weights: { b: 2 } } }));
    expect(slots[0]!.assignments[0]!.reason).toBe('priority 1; round robin: 0 bookings in the period at weight 1, the fewest per weight, first free among 2 that could serve');
  });
});

describe('other strategies', () => {
  const cal = (end = '17:00') => calendar('UTC', everyDay(['09:00', end]));
  const hours = (from: string, to: string) => booking(t(from), t(to));
  const pick = (strategy: AssignmentPolicy['strategy'], team: EngineBookable[]) => findSlots(search(t('09:00'), t('09:01'), service(60), team, { now, assignment: { strategy } }))[0]!.assignments[0]!;

  it.each([
    [
      'least_recently_booked: never booked first',
      'least_recently_booked',
      [bookable('a', cal(), { stats: { lastBookedAt: at('2026-05-30T00:00:00Z'), recentBookings: 1 } }), bookable('b', cal()), bookable('c', cal(), { stats: { lastBookedAt: at('2026-05-20T00:00:00Z'), recentBookings: 9 } })],
      'b',
      'least recently booked: last booked never (first free among 3 that could serve)',
    ],
    [
      'least_recently_booked: the oldest last booking',
      'least_recently_booked',
      [bookable('a', cal(), { stats: { lastBookedAt: at('2026-05-30T00:00:00Z'), recentBookings: 1 } }), bookable('c', cal(), { stats: { lastBookedAt: at('2026-05-20T00:00:00Z'), recentBookings: 9 } })],
      'c',
      'least recently booked: last booked 2026-05-20T00:00:00.000Z (first free among 2 that could serve)',
    ],
    [
      'most_available: most open, unbooked minutes that day',
      'most_available',
      // a: 480 open − 120 booked = 360; b: 240 open; c: 480 − 300 = 180
      [bookable('a', cal(), { allocations: [hours('10:00', '12:00')] }), bookable('b', cal('13:00')), bookable('c', cal(), { allocations: [hours('10:00', '15:00')] })],
      'a',
      'most available: 360 free minutes on 2026-06-01 (first free among 3 that could serve)',
    ],
    [
      'balanced_load: fewest booked minutes that day, then fewest recent bookings',
      'balanced_load',
      [bookable('a', cal(), { allocations: [hours('10:00', '11:00')] }), bookable('b', cal(), { stats: { lastBookedAt: null, recentBookings: 5 } }), bookable('d', cal(), { stats: { lastBookedAt: null, recentBookings: 2 } })],
      'd',
      'balanced load: 0 booked minutes on 2026-06-01, the least, first free among 3 that could serve',
    ],
  ] as const)('%s', (_label, strategy, team, expected, reason) => {
    const assignment = pick(strategy, [...team]);
    expect(assignment.bookableIds).toEqual([expected]);
    expect(assignment.reason).toBe(reason);
  });
});
