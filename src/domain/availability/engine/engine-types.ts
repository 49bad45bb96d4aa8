import type { BookableCriteria, BookableFacts } from '../../bookables/bookable-criteria';
import type { AnyWeeklySchedule, CascadingConfig, DateOverride, TimeRangeType } from '../calendar-config';

/**
 * The availability engine's inputs and outputs (spec §2.3, §2.4, §3.1). Plain data, no I/O: the
 * caller loads bookables, calendars and allocations; the engine decides which slots exist, which
 * bookables would serve each one and why.
 */

/** Time a bookable already gives away: a booking, a live hold, or blocked time. Half-open [start, end), buffers included. */
export interface EngineAllocation {
  start: Date;
  end: Date;
  /** `finished`: a booking completed or missed (a no-show) whose time is free again; it still counts for its day's limits. */
  kind: 'booking' | 'hold' | 'block' | 'finished';
  /** The service booked (absent for blocks). */
  serviceTemplateId?: string | null;
  /** The appointment's own start (without buffers); group seats of one session share it. */
  appointmentStart?: Date | null;
  /** The booking or hold it belongs to: a group booking of several seats has one allocation per seat, and counts once a day. */
  ownerId?: string | null;
}

/** A calendar's settings as the engine applies them. Absent limits do not apply. */
export interface EngineCalendar {
  timezone: string;
  weeklySchedule: AnyWeeklySchedule;
  overrides: readonly DateOverride[];
  preBufferMinutes?: number;
  postBufferMinutes?: number;
  minAdvanceMinutes?: number;
  maxAdvanceDays?: number;
  maxSlotsPerDay?: number;
  maxBookingsPerDay?: number;
  cascading?: CascadingConfig | null;
}

/** Fairness facts the assignment strategies read. */
export interface AssignmentStats {
  /** When the bookable last received a booking (its newest booking's creation); null: never. */
  lastBookedAt: Date | null;
  /** Bookings it received in the fairness period (round robin counts these). */
  recentBookings: number;
}

/** One provider, room, asset or virtual resource that could serve a slot. */
export interface EngineBookable {
  id: string;
  name: string;
  facts: BookableFacts;
  /** No calendar: never available. */
  calendar: EngineCalendar | null;
  /** How many bookings it takes at once: venues' simultaneous bookings, a licence pool's concurrent limit; 1 otherwise. */
  capacity: number;
  /** Venue set-up and tear-down, added to the time it blocks around each booking. */
  setupMinutes?: number;
  teardownMinutes?: number;
  /** A provider's limits (spec §2.3 `maxDailyBookings`, `minRestBetweenBookings`). */
  maxDailyBookings?: number;
  minRestMinutes?: number;
  allocations: readonly EngineAllocation[];
  stats: AssignmentStats;
}

/** How a slot's bookables are chosen when several could serve (spec: assignment strategies). */
export const assignmentStrategies = ['round_robin', 'least_recently_booked', 'most_available', 'balanced_load'] as const;
export type AssignmentStrategy = (typeof assignmentStrategies)[number];

export interface AssignmentPolicy {
  strategy: AssignmentStrategy;
  /** Higher serves first, whatever the strategy (default 0). */
  priorities?: Readonly<Record<string, number>>;
  /** Round robin share: a bookable with weight 2 gets twice the bookings of one with weight 1 (default 1). */
  weights?: Readonly<Record<string, number>>;
}

/** One kind of bookable a service needs: a named one, or any `count` that meet criteria. */
export interface EngineRequirement {
  key: string;
  bookableType?: BookableFacts['type'];
  specificBookableId?: string;
  criteria?: BookableCriteria;
  count: number;
  /** Assigned when free; never makes a slot unavailable. */
  optional: boolean;
  /** When the named bookable is busy, another of its type may stand in (same category, these tags). */
  substitution?: { requiresSameCategory: boolean; requiresSameTags: readonly string[] };
}

/** The service being searched for, with the appointment length already chosen. */
export interface EngineService {
  id: string;
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
  /** Travel to the client, blocked before the appointment (fixed travel time). */
  travelMinutes?: number;
  /** Minutes between candidate starts; default: the appointment length. */
  slotIntervalMinutes?: number;
  minAdvanceMinutes: number;
  maxAdvanceDays?: number;
  maxBookingsPerDay?: number;
  bookingWindow?: { opensAt?: Date; closesAt?: Date };
  /** A group service: several bookings share one session until its seats are gone. */
  group?: { maxParticipants: number };
  /** What this service's own bookings are, for its per-day limit: appointment starts of live bookings and holds. */
  bookingStarts: readonly Date[];
}

export interface SlotSearch {
  now: Date;
  /** Slots whose start lies in [from, to). */
  from: Date;
  to: Date;
  service: EngineService;
  requirements: readonly EngineRequirement[];
  bookables: readonly EngineBookable[];
  assignment: AssignmentPolicy;
  /** Seats the booking needs (group services); default 1. */
  seats?: number;
}

/** The bookables assigned to one requirement, and why those. */
export interface RequirementAssignment {
  requirementKey: string;
  bookableIds: string[];
  optional: boolean;
  /** Bookables that could serve it that day (type and criteria); the chosen are the first free ones in the policy's order. */
  candidates: number;
  reason: string;
}

/** A per-day limit the booking counts against; a hold's claim counts again under a lock, so racing holds cannot pass it. */
export interface DailyLimit {
  /** `bookable`: bookings of one bookable on its local day; `service`: bookings of the service on the anchor's local day. */
  scope: 'bookable' | 'service';
  id: string;
  limit: number;
  /** The local day as UTC instants, [from, until). */
  from: Date;
  until: Date;
}

export interface EngineSlot {
  start: Date;
  end: Date;
  /** The local date of the start in the anchor bookable's zone. */
  localDate: string;
  timezone: string;
  assignments: RequirementAssignment[];
  /** Every bookable a hold would claim, in requirement order. */
  bookableIds: string[];
  /** The span a hold claims on them: the appointment widened by the largest buffers among them. */
  blockedStart: Date;
  blockedEnd: Date;
  /** The wall-time range type it falls in: `premium` and `preferred` ranges are flagged. */
  rangeType: TimeRangeType;
  /** Opened ahead of a cascade (skip the line), priced with `pricingMultiplierBps`. */
  premium: boolean;
  pricingMultiplierBps?: number;
  /** Group services: seats still free in the session after this booking's own. */
  seatsLeft?: number;
  /** Share of the anchor bookable's open time on that local day already taken, in basis points. */
  utilizationBps: number;
  /** The per-day limits this slot counts against (absent when none applies). */
  dailyLimits?: DailyLimit[];
}

/** Why the engine found nothing for a single requested start (what a hold attempt reports). */
export interface SlotRefusal {
  reason: 'outside_hours' | 'too_soon' | 'too_far' | 'booking_closed' | 'busy' | 'daily_limit' | 'not_open_yet' | 'full';
  requirementKey?: string;
}
