import { checkStart, findSlots } from '../../../src/domain/availability/engine/find-slots';
import type { EngineAllocation } from '../../../src/domain/availability/engine/engine-types';
import { block, booking, bookable, calendar, everyDay, facts, requirement, search, service, slotOf, starts } from './engine-fixtures';

/** Bookables that take several bookings at once (venues, licence pools) and group sessions with seats. */

const day = (hhmm: string) => `2026-06-01T${hhmm}:00.000Z`;
const from = day('00:00');
const to = '2026-06-02T00:00:00.000Z';

function poolSlots(type: 'venue' | 'virtual_resource', capacity: number, allocations: EngineAllocation[], interval = 60) {
  const pool = bookable('pool', calendar('UTC', everyDay(['09:00', '12:00'])), { facts: facts({ type }), capacity, allocations });
  return search(from, to, service(60, { slotIntervalMinutes: interval }), [pool], { requirements: [requirement('pool', { bookableType: type })] });
}

describe('capacity', () => {
  // 60-min appointments every 30 min in 09:00–12:00: candidates 09:00, 09:30, 10:00, 10:30, 11:00.
  it.each([
    ['venue of 2, one booking: still bookable', 'venue', 2, [booking(day('09:00'), day('10:00'))], ['09:00', '09:30', '10:00', '10:30', '11:00']],
    ['venue of 2, two simultaneous bookings: a third is refused', 'venue', 2, [booking(day('09:00'), day('10:00')), booking(day('09:00'), day('10:00'))], ['10:00', '10:30', '11:00']],
    ['licence pool of 3 with 3 overlapping allocations: none', 'virtual_resource', 3, [booking(day('09:00'), day('12:00')), booking(day('09:00'), day('12:00')), booking(day('09:00'), day('12:00'))], []],
    // All three overlap only 10:00–10:30: an appointment must avoid that half hour.
    ['licence pool of 3 full only where all 3 overlap', 'virtual_resource', 3, [booking(day('09:00'), day('11:00')), booking(day('09:30'), day('10:30')), booking(day('10:00'), day('12:00'))], ['09:00', '10:30', '11:00']],
    ['a block closes every unit of a venue of 5', 'venue', 5, [block(day('10:00'), day('11:00'))], ['09:00', '11:00']],
  ] as const)('%s', (_label, type, capacity, allocations, expected) => {
    expect(starts(findSlots(poolSlots(type, capacity, [...allocations], 30)))).toEqual(expected.map(day));
  });

  it('the third overlapping booking is refused with busy', () => {
    const input = poolSlots('venue', 2, [booking(day('09:00'), day('10:00')), booking(day('09:30'), day('10:30'))]);
    expect(checkStart(input, new Date(day('09:30')))).toEqual({ reason: 'busy', requirementKey: 'pool' });
    expect(slotOf(checkStart(input, new Date(day('10:30')))).bookableIds).toEqual(['pool']);
  });
});

describe('group seats', () => {
  const session = (appointmentStart: string, serviceTemplateId = 'yoga'): EngineAllocation => ({
    ...booking(appointmentStart, new Date(Date.parse(appointmentStart) + 3_600_000).toISOString()),
    serviceTemplateId,
    appointmentStart: new Date(appointmentStart),
  });
  const yoga = service(60, { id: 'yoga', group: { maxParticipants: 3 } });
  const input = (allocations: EngineAllocation[], seats?: number) =>
    search(from, to, yoga, [bookable('teacher', calendar('UTC', everyDay(['10:00', '11:00'])), { allocations })], seats === undefined ? {} : { seats });

  it.each([
    [0, 2],
    [1, 1],
    [2, 0],
  ])('with %i participants booked, seatsLeft after this booking is %i', (booked, seatsLeft) => {
    const slots = findSlots(input(Array.from({ length: booked }, () => session(day('10:00')))));
    expect(slots.map((s) => [s.start.toISOString(), s.seatsLeft])).toEqual([[day('10:00'), seatsLeft]]);
  });

  it('a full session is refused as full', () => {
    const three = Array.from({ length: 3 }, () => session(day('10:00')));
    expect(findSlots(input(three))).toEqual([]);
    expect(checkStart(input(three), new Date(day('10:00')))).toEqual({ reason: 'full' });
  });

  it('a booking of two seats needs two free seats', () => {
    const two = Array.from({ length: 2 }, () => session(day('10:00')));
    expect(checkStart(input(two, 2), new Date(day('10:00')))).toEqual({ reason: 'full' });
    expect(slotOf(checkStart(input(two.slice(1), 2), new Date(day('10:00')))).seatsLeft).toBe(0);
  });

  it('a different session of the same service, or another service, overlapping blocks it', () => {
    const other = checkStart(search(from, to, yoga, [bookable('teacher', calendar('UTC', everyDay(['10:00', '11:30'])), { allocations: [session(day('10:30'))] })]), new Date(day('10:00')));
    expect(other).toEqual({ reason: 'busy', requirementKey: 'provider' });
    expect(findSlots(input([session(day('10:00'), 'pilates')]))).toEqual([]);
  });

  it('a booking of several seats fills that many seats but is one booking of the day', () => {
    // One family booked two seats (one allocation per seat, one owner); the teacher takes one booking a day.
    const family = [session(day('10:00')), session(day('10:00'))].map((seat) => ({ ...seat, ownerId: 'bk_family' }));
    const limited = (allocations: EngineAllocation[]) =>
      search(from, to, yoga, [bookable('teacher', calendar('UTC', everyDay(['10:00', '11:00'])), { allocations, maxDailyBookings: 2 })]);
    expect(slotOf(checkStart(limited(family), new Date(day('10:00')))).seatsLeft).toBe(0);
    // Counted per seat, the two seats would have reached the daily limit of two bookings.
    const strangers = [session(day('10:00')), session(day('10:00'))].map((seat, i) => ({ ...seat, ownerId: `bk_${i}` }));
    expect(checkStart(limited(strangers), new Date(day('10:00')))).toEqual({ reason: 'daily_limit', requirementKey: 'provider' });
  });
});

