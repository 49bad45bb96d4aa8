import type { BookableFacts } from '../../../src/domain/bookables/bookable-criteria';
import type { AnyWeeklySchedule } from '../../../src/domain/availability/calendar-config';
import type {
  EngineAllocation,
  EngineBookable,
  EngineCalendar,
  EngineRequirement,
  EngineService,
  EngineSlot,
  SlotRefusal,
  SlotSearch,
} from '../../../src/domain/availability/engine/engine-types';
import { weekdays } from '../../../src/domain/shared/time';

/** Builders for availability-engine inputs: small, explicit, overridable. */

export const at = (iso: string) => new Date(iso);

/** Every weekday open with the same ranges. */
export function everyDay(...ranges: Array<[string, string]>): AnyWeeklySchedule {
  return Object.fromEntries(weekdays.map((day) => [day, ranges.map(([start, end]) => ({ start, end }))]));
}

export function calendar(timezone: string, weeklySchedule: AnyWeeklySchedule, extra: Partial<EngineCalendar> = {}): EngineCalendar {
  return { timezone, weeklySchedule, overrides: [], ...extra };
}

export function facts(extra: Partial<BookableFacts> = {}): BookableFacts {
  return { type: 'provider', categoryId: null, tags: [], certifications: [], rating: null, status: 'active', ...extra };
}

export function bookable(id: string, cal: EngineCalendar | null, extra: Partial<Omit<EngineBookable, 'id' | 'calendar'>> = {}): EngineBookable {
  return { id, name: id, facts: facts(), calendar: cal, capacity: 1, allocations: [], stats: { lastBookedAt: null, recentBookings: 0 }, ...extra };
}

export function booking(startIso: string, endIso: string, extra: Partial<EngineAllocation> = {}): EngineAllocation {
  return { start: at(startIso), end: at(endIso), kind: 'booking', ...extra };
}

export function block(startIso: string, endIso: string): EngineAllocation {
  return { start: at(startIso), end: at(endIso), kind: 'block' };
}

export function service(durationMinutes: number, extra: Partial<EngineService> = {}): EngineService {
  return { id: 'svc', durationMinutes, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minAdvanceMinutes: 0, bookingStarts: [], ...extra };
}

export function requirement(key: string, extra: Partial<EngineRequirement> = {}): EngineRequirement {
  return { key, count: 1, optional: false, ...extra };
}

/** A search from `fromIso` to `toIso` with one required requirement per bookable type unless given. */
export function search(fromIso: string, toIso: string, svc: EngineService, bookables: EngineBookable[], extra: Partial<SlotSearch> = {}): SlotSearch {
  return {
    now: at('2026-01-01T00:00:00Z'),
    from: at(fromIso),
    to: at(toIso),
    service: svc,
    requirements: [requirement('provider', { bookableType: 'provider' })],
    bookables,
    assignment: { strategy: 'round_robin' },
    ...extra,
  };
}

export const starts = (slots: EngineSlot[]) => slots.map((slot) => slot.start.toISOString());
export const spans = (slots: EngineSlot[]) => slots.map((slot) => `${slot.start.toISOString()}/${slot.end.toISOString()}`);

/** The slot, or fails the test with the refusal. */
export function slotOf(result: EngineSlot | SlotRefusal): EngineSlot {
  if (!('start' in result)) throw new Error(`expected a slot, got refusal ${JSON.stringify(result)}`);
  return result;
}

/** Every `stepMinutes` from `fromIso` (inclusive) to `toIso` (exclusive), as ISO strings. */
export function every(stepMinutes: number, fromIso: string, toIso: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(fromIso); t < Date.parse(toIso); t += stepMinutes * 60_000) out.push(new Date(t).toISOString());
  return out;
}
