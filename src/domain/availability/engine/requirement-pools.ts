import { BookableTimeline } from './bookable-timeline';
import type { EngineRequirement, SlotSearch } from './engine-types';
import { LocalClock } from './local-clock';
import { OpenHours } from './open-hours';

/** A requirement's pool: the named bookable (or every match of its criteria) and its substitutes. */
export interface RequirementPool {
  requirement: EngineRequirement;
  primary: BookableTimeline[];
  substitutes: BookableTimeline[];
}

/**
 * Each bookable's timeline over [spanFrom, spanTo). Bookables on the same pattern, overrides and zone
 * (a team's hours) share their open hours, and bookables in one zone share its clock.
 */
export function timelinesOf(search: SlotSearch, spanFrom: number, spanTo: number): Map<string, BookableTimeline> {
  const timelines = new Map<string, BookableTimeline>();
  const clocks = new Map<string, LocalClock>();
  const hoursByCalendar = new Map<string, OpenHours>();
  for (const bookable of search.bookables) {
    const { calendar } = bookable;
    if (!calendar) continue;
    const zone = calendar.timezone;
    if (!clocks.has(zone)) clocks.set(zone, new LocalClock(zone));
    const clock = clocks.get(zone)!;
    const key = `${zone}|${JSON.stringify(calendar.weeklySchedule)}|${JSON.stringify(calendar.overrides)}`;
    let hours = hoursByCalendar.get(key);
    if (hours === undefined) {
      hours = new OpenHours(calendar, clock, spanFrom, spanTo);
      hoursByCalendar.set(key, hours);
    }
    timelines.set(bookable.id, new BookableTimeline(bookable, calendar, clock, search.service, spanFrom, spanTo, hours));
  }
  return timelines;
}

/** The active bookables of the requirement's type that may fill it: the named one (or all, for criteria) and its substitutes. */
export function poolOf(requirement: EngineRequirement, timelines: readonly BookableTimeline[], bookables: SlotSearch['bookables']): RequirementPool {
  const active = timelines.filter((t) => t.bookable.facts.status === 'active' && (!requirement.bookableType || t.bookable.facts.type === requirement.bookableType));
  if (!requirement.specificBookableId) return { requirement, primary: active, substitutes: [] };
  const named = active.filter((t) => t.bookable.id === requirement.specificBookableId);
  // The named bookable's facts, even when it has no calendar (its substitutes may still serve).
  const namedFacts = bookables.find((b) => b.id === requirement.specificBookableId)?.facts;
  const substitution = requirement.substitution;
  const substitutes =
    substitution && namedFacts
      ? active.filter(
          (t) =>
            t.bookable.id !== requirement.specificBookableId &&
            t.bookable.facts.type === namedFacts.type &&
            (!substitution.requiresSameCategory || t.bookable.facts.categoryId === namedFacts.categoryId) &&
            substitution.requiresSameTags.every((tag) => t.bookable.facts.tags.includes(tag)),
        )
      : [];
  return { requirement, primary: named, substitutes };
}
