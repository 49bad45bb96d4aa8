import type { AssignmentPolicy } from './engine-types';
import type { BookableTimeline } from './bookable-timeline';

/** A free candidate for one requirement at one slot, with what the strategies compare. */
export interface Candidate {
  timeline: BookableTimeline;
  /** The named bookable of a requirement ranks before its substitutes. */
  substitute: boolean;
}

const never = Number.NEGATIVE_INFINITY;

/**
 * Orders free candidates best first (spec §3.1, Calendly / Cal.com round robin):
 * - the named bookable before substitutes, then higher `priorities` first, whatever the strategy;
 * - round_robin: fewest bookings in the fairness period per unit of weight, then least recently booked;
 * - least_recently_booked: the one whose last booking is oldest (never booked first);
 * - most_available: the most open, unbooked minutes on the slot's local day;
 * - balanced_load: the fewest booked minutes on the slot's local day, then fewest bookings in the period.
 * Ties go to the smaller id, so the order is stable.
 */
export function rankCandidates(candidates: Candidate[], policy: AssignmentPolicy, localDate: string): Candidate[] {
  const key = strategyKey(policy, localDate);
  // Each candidate's priority and strategy key are computed once, not on every comparison.
  const keyed = candidates.map((candidate) => ({ candidate, priority: policy.priorities?.[candidate.timeline.bookable.id] ?? 0, key: key(candidate) }));
  keyed.sort((a, b) => {
    if (a.candidate.substitute !== b.candidate.substitute) return a.candidate.substitute ? 1 : -1;
    if (a.priority !== b.priority) return b.priority - a.priority;
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i]! - b.key[i]!;
    return a.candidate.timeline.bookable.id < b.candidate.timeline.bookable.id ? -1 : 1;
  });
  return keyed.map((entry) => entry.candidate);
}

// Smaller keys rank first.
function strategyKey(policy: AssignmentPolicy, localDate: string): (c: Candidate) => number[] {
  const lastBooked = (c: Candidate) => c.timeline.bookable.stats.lastBookedAt?.getTime() ?? never;
  switch (policy.strategy) {
    case 'round_robin':
      return (c) => [c.timeline.bookable.stats.recentBookings / weightOf(policy, c), lastBooked(c)];
    case 'least_recently_booked':
      return (c) => [lastBooked(c)];
    case 'most_available':
      return (c) => [-(c.timeline.openMinutesOn(localDate) - c.timeline.bookedMinutesOn(localDate))];
    case 'balanced_load':
      return (c) => [c.timeline.bookedMinutesOn(localDate), c.timeline.bookable.stats.recentBookings];
  }
}

function weightOf(policy: AssignmentPolicy, candidate: Candidate): number {
  const weight = policy.weights?.[candidate.timeline.bookable.id] ?? 1;
  return weight > 0 ? weight : 1;
}

/** Why the chosen candidate serves, in words an admin reading a slot understands. */
export function explainChoice(candidates: number, chosen: Candidate, policy: AssignmentPolicy, localDate: string): string {
  const { bookable } = chosen.timeline;
  const among = `first free among ${candidates} that could serve`;
  if (chosen.substitute) return `substitute for the named bookable, which is not free (${among})`;
  const priority = policy.priorities?.[bookable.id];
  const prefix = priority !== undefined ? `priority ${priority}; ` : '';
  switch (policy.strategy) {
    case 'round_robin':
      return `${prefix}round robin: ${bookable.stats.recentBookings} bookings in the period at weight ${weightOf(policy, chosen)}, the fewest per weight, ${among}`;
    case 'least_recently_booked':
      return `${prefix}least recently booked: last booked ${bookable.stats.lastBookedAt?.toISOString() ?? 'never'} (${among})`;
    case 'most_available':
      return `${prefix}most available: ${chosen.timeline.openMinutesOn(localDate) - chosen.timeline.bookedMinutesOn(localDate)} free minutes on ${localDate} (${among})`;
    case 'balanced_load':
      return `${prefix}balanced load: ${chosen.timeline.bookedMinutesOn(localDate)} booked minutes on ${localDate}, the least, ${among}`;
  }
}
