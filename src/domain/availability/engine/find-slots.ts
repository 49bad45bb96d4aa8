import { matchesCriteria } from '../../bookables/bookable-criteria';
import { rankCandidates, explainChoice, type Candidate } from './assignment-strategy';
import type { BookableTimeline } from './bookable-timeline';
import { cascadeHorizonDays, cascadeOpenings, type CascadeState } from './cascade';
import { dailyLimitsOf } from './daily-limits';
import type { EngineBookable, EngineRequirement, EngineSlot, RequirementAssignment, SlotRefusal, SlotSearch } from './engine-types';
import type { LocalClock } from './local-clock';
import { poolOf, timelinesOf, type RequirementPool } from './requirement-pools';
import { matchSeats } from './seat-matching';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/**
 * The slots of a service in [from, to) (spec §2.4, §3.1). Candidate starts come from the calendars
 * of the first required requirement's bookables (the anchor: usually the provider): each open range's
 * start, then every slot interval of wall time. A start is offered when every required requirement
 * can be given `count` distinct bookables that are open for the whole appointment, free for it and
 * their buffers, within their advance and daily limits, and opened by their cascade; optional
 * requirements are filled when possible. Several fitting bookables are chosen by the assignment policy.
 */
export function findSlots(search: SlotSearch): EngineSlot[] {
  const engine = new SlotEngine(search);
  return engine.slots();
}

/** Whether one exact start (on the grid or not) can be booked, and with which bookables; else why not. */
export function checkStart(search: SlotSearch, start: Date): EngineSlot | SlotRefusal {
  const engine = new SlotEngine({ ...search, from: start, to: new Date(start.getTime() + 1) });
  return engine.evaluate(start.getTime());
}

class SlotEngine {
  private readonly timelines: Map<string, BookableTimeline>;
  private readonly pools: RequirementPool[];
  private readonly required: RequirementPool[];
  private readonly optional: RequirementPool[];
  /** Why a candidate was chosen (candidates are ranked per requirement and local day): the same words for every slot that day. */
  private readonly explanations = new Map<Candidate, string>();
  /** Whether any calendar limits the slots it offers per day (then offers are counted). */
  private readonly countsOffers: boolean;
  /** Whether any bookable or the service limits bookings per day (then slots name the limits they count against). */
  private readonly limitsDays: boolean;
  private readonly cascades = new Map<string, Map<number, CascadeState>>();
  private readonly criteriaCache = new Map<EngineRequirement, Map<string, boolean>>();
  private readonly rankedPools = new Map<RequirementPool, Map<string, Candidate[]>>();
  /** Whether a bookable could serve two requirements: then assignments need every free candidate. */
  private readonly poolsOverlap: boolean;
  private readonly offeredPerDay = new Map<string, number>();
  private readonly serviceDayCounts = new Map<string, Map<string, number>>();
  private readonly durationMs: number;
  private readonly intervalMinutes: number;

  constructor(private readonly search: SlotSearch) {
    const { service } = search;
    this.durationMs = service.durationMinutes * MINUTE_MS;
    this.intervalMinutes = service.slotIntervalMinutes ?? service.durationMinutes;
    const now = search.now.getTime();
    // Cascades count from now, so their span reaches back to now and forward to their horizon.
    const horizon = Math.max(...search.bookables.map((b) => (b.calendar?.cascading?.enabled ? now + cascadeHorizonDays(b.calendar.cascading) * DAY_MS : 0)));
    const spanFrom = Math.min(search.from.getTime(), horizon > 0 ? now : Number.POSITIVE_INFINITY);
    const spanTo = Math.max(search.to.getTime() + this.durationMs, horizon);
    this.timelines = timelinesOf(search, spanFrom, spanTo);
    this.pools = search.requirements.map((requirement) => poolOf(requirement, [...this.timelines.values()], search.bookables));
    this.required = this.pools.filter((pool) => !pool.requirement.optional);
    this.optional = this.pools.filter((pool) => pool.requirement.optional);
    const seen = new Set<string>();
    this.poolsOverlap = this.pools.some((pool) => [...pool.primary, ...pool.substitutes].some((t) => seen.has(t.bookable.id) || !seen.add(t.bookable.id)));
    this.countsOffers = search.bookables.some((b) => b.calendar?.maxSlotsPerDay !== undefined);
    this.limitsDays = service.maxBookingsPerDay !== undefined || search.bookables.some((b) => b.calendar?.maxBookingsPerDay !== undefined || b.maxDailyBookings !== undefined);
  }

  slots(): EngineSlot[] {
    const anchor = this.pools.find((pool) => !pool.requirement.optional);
    if (!anchor) return [];
    const from = this.search.from.getTime();
    const to = this.search.to.getTime();
    const starts = new Set<number>();
    for (const hours of new Set([...anchor.primary, ...anchor.substitutes].map((timeline) => timeline.hours))) {
      for (const { start } of hours.grid(this.intervalMinutes)) if (start >= from && start < to) starts.add(start);
    }
    const slots: EngineSlot[] = [];
    for (const start of [...starts].sort((a, b) => a - b)) {
      const result = this.evaluate(start);
      if ('start' in result) {
        slots.push(result);
        if (!this.countsOffers) continue;
        const anchorId = result.assignments[0]!.bookableIds[0]!;
        const key = `${anchorId}|${result.localDate}`;
        this.offeredPerDay.set(key, (this.offeredPerDay.get(key) ?? 0) + 1);
      }
    }
    return slots;
  }

  evaluate(start: number): EngineSlot | SlotRefusal {
    const { service, now } = this.search;
    const end = start + this.durationMs;
    const nowMs = now.getTime();
    const window = service.bookingWindow;
    if ((window?.opensAt && nowMs < window.opensAt.getTime()) || (window?.closesAt && nowMs >= window.closesAt.getTime())) return { reason: 'booking_closed' };
    if (start < nowMs + service.minAdvanceMinutes * MINUTE_MS) return { reason: 'too_soon' };
    if (service.maxAdvanceDays !== undefined && start > nowMs + service.maxAdvanceDays * DAY_MS) return { reason: 'too_far' };

    const used = new Set<string>();
    const assignments: RequirementAssignment[] = [];
    let anchorTimeline: BookableTimeline | undefined;
    let seatsTaken = 0;
    let premium = false;
    let multiplier: number | undefined;

    const { required, optional } = this;
    const ranked = new Map<RequirementPool, Candidate[]>();
    for (const pool of required) {
      const free = this.freeCandidates(pool, start, end, pool === required[0]);
      if (free.candidates.length < pool.requirement.count) return { reason: free.reason ?? 'busy', requirementKey: pool.requirement.key };
      ranked.set(pool, this.preferSessions(free.candidates, start, end));
    }
    // Pools that share no bookable cannot compete for one: each takes its best free candidates.
    const matching = this.poolsOverlap
      ? matchSeats(required.flatMap((pool) => Array.from({ length: pool.requirement.count }, () => ranked.get(pool)!)))
      : required.flatMap((pool) => ranked.get(pool)!.slice(0, pool.requirement.count));
    if (!matching) return { reason: 'busy', requirementKey: required[0]?.requirement.key };

    let seat = 0;
    for (const pool of required) {
      const chosen = matching.slice(seat, seat + pool.requirement.count);
      seat += pool.requirement.count;
      chosen.forEach((candidate) => used.add(candidate.timeline.bookable.id));
      anchorTimeline ??= chosen[0]!.timeline;
      const localDate = chosen[0]!.timeline.clock.localDate(start);
      const candidates = this.rankedPool(pool, localDate).length;
      assignments.push({
        requirementKey: pool.requirement.key,
        bookableIds: chosen.map((c) => c.timeline.bookable.id),
        optional: false,
        candidates,
        reason: this.explain(candidates, chosen[0]!, localDate),
      });
      for (const candidate of chosen) {
        const state = this.cascadeState(candidate.timeline, start);
        if (state === 'premium') {
          premium = true;
          multiplier = Math.max(multiplier ?? 0, candidate.timeline.calendar.cascading?.premium?.pricingMultiplierBps ?? 10_000);
        }
      }
    }
    if (!anchorTimeline) return { reason: 'busy' };
    for (const pool of optional) {
      const free = this.freeCandidates(pool, start, end, false).candidates.filter((c) => !used.has(c.timeline.bookable.id));
      const localDate = anchorTimeline.clock.localDate(start);
      const chosen = free.slice(0, pool.requirement.count);
      const candidates = this.rankedPool(pool, localDate).length;
      chosen.forEach((candidate) => used.add(candidate.timeline.bookable.id));
      assignments.push({
        requirementKey: pool.requirement.key,
        bookableIds: chosen.map((c) => c.timeline.bookable.id),
        optional: true,
        candidates,
        reason: chosen.length > 0 ? this.explain(candidates, chosen[0]!, localDate) : 'none free: the optional requirement is left out',
      });
    }

    const localDate = anchorTimeline.clock.localDate(start);
    if (service.maxBookingsPerDay !== undefined && this.serviceBookingsOn(anchorTimeline.clock, localDate) >= service.maxBookingsPerDay) return { reason: 'daily_limit' };
    if (service.group) {
      const check = anchorTimeline.check(start, end);
      seatsTaken = check.free ? check.seatsTaken : service.group.maxParticipants;
      if (seatsTaken + (this.search.seats ?? 1) > service.group.maxParticipants) return { reason: 'full' };
    }
    const open = anchorTimeline.openMinutesOn(localDate);
    const claimed = assignments.flatMap((a) => a.bookableIds).map((id) => this.timelines.get(id)!);
    const dailyLimits = this.limitsDays ? dailyLimitsOf(claimed, service, start, anchorTimeline.clock, localDate) : [];
    return {
      start: new Date(start),
      end: new Date(end),
      localDate,
      timezone: anchorTimeline.clock.zone,
      assignments,
      bookableIds: assignments.flatMap((a) => a.bookableIds),
      blockedStart: new Date(Math.min(...claimed.map((t) => start - t.beforeMs))),
      blockedEnd: new Date(Math.max(...claimed.map((t) => end + t.afterMs))),
      rangeType: anchorTimeline.rangeTypeAt(start),
      premium,
      ...(multiplier !== undefined ? { pricingMultiplierBps: multiplier } : {}),
      ...(service.group ? { seatsLeft: service.group.maxParticipants - seatsTaken - (this.search.seats ?? 1) } : {}),
      utilizationBps: open > 0 ? Math.min(10_000, Math.round((anchorTimeline.bookedMinutesOn(localDate) * 10_000) / open)) : 0,
      ...(dailyLimits.length > 0 ? { dailyLimits } : {}),
    };
  }

  private explain(candidates: number, chosen: Candidate, localDate: string): string {
    let reason = this.explanations.get(chosen);
    if (reason === undefined) {
      reason = explainChoice(candidates, chosen, this.search.assignment, localDate);
      this.explanations.set(chosen, reason);
    }
    return reason;
  }

  // Group services: a bookable already running this session at this start is filled before another opens one.
  private preferSessions(ranked: Candidate[], start: number, end: number): Candidate[] {
    if (!this.search.service.group) return ranked;
    const inSession = (c: Candidate) => {
      const check = c.timeline.check(start, end);
      return check.free && check.seatsTaken > 0;
    };
    return [...ranked.filter(inSession), ...ranked.filter((c) => !inSession(c))];
  }

  /**
   * The pool's bookables that can take the appointment at `start`, best first by the assignment
   * policy, or why none can. Candidates are tried in the policy's order (ranked once per local day)
   * and the search stops at the `count` it needs, unless another requirement could use the same
   * bookables or the service runs group sessions: then every free one is listed, for the matching.
   */
  private freeCandidates(pool: RequirementPool, start: number, end: number, isAnchor: boolean): { candidates: Candidate[]; reason?: SlotRefusal['reason'] } {
    const candidates: Candidate[] = [];
    let reason: SlotRefusal['reason'] | undefined;
    const first = pool.primary[0] ?? pool.substitutes[0];
    if (!first) return { candidates, reason: 'busy' };
    const { count } = pool.requirement;
    const exhaustive = this.poolsOverlap || this.search.service.group !== undefined;
    for (const candidate of this.rankedPool(pool, first.clock.localDate(start))) {
      // Substitutes stand in only when the named bookables cannot.
      if (candidate.substitute && candidates.length >= count) break;
      const problem = this.problemOf(candidate.timeline, start, end, isAnchor);
      if (problem) reason = reason === undefined || rank(problem) > rank(reason) ? problem : reason;
      else {
        candidates.push(candidate);
        if (!exhaustive && candidates.length >= count) break;
      }
    }
    return { candidates, reason: reason ?? 'busy' };
  }

  /** The pool's bookables that meet its criteria on a local date, in the assignment policy's order (the named ones before substitutes). */
  private rankedPool(pool: RequirementPool, localDate: string): Candidate[] {
    let byDate = this.rankedPools.get(pool);
    if (!byDate) {
      byDate = new Map();
      this.rankedPools.set(pool, byDate);
    }
    let ranked = byDate.get(localDate);
    if (!ranked) {
      const { requirement } = pool;
      const eligible = (timeline: BookableTimeline) => !requirement.criteria || this.matches(timeline.bookable, requirement, localDate);
      ranked = rankCandidates(
        [...pool.primary.filter(eligible).map((timeline) => ({ timeline, substitute: false })), ...pool.substitutes.filter(eligible).map((timeline) => ({ timeline, substitute: true }))],
        this.search.assignment,
        localDate,
      );
      byDate.set(localDate, ranked);
    }
    return ranked;
  }

  private problemOf(timeline: BookableTimeline, start: number, end: number, isAnchor: boolean): SlotRefusal['reason'] | null {
    const { bookable, calendar, clock } = timeline;
    const nowMs = this.search.now.getTime();
    const localDate = clock.localDate(start);
    if (!timeline.fits(start, end)) return 'outside_hours';
    if (start < nowMs + (calendar.minAdvanceMinutes ?? 0) * MINUTE_MS) return 'too_soon';
    if (calendar.maxAdvanceDays !== undefined && start > nowMs + calendar.maxAdvanceDays * DAY_MS) return 'too_far';
    const dailyLimit = Math.min(calendar.maxBookingsPerDay ?? Infinity, bookable.maxDailyBookings ?? Infinity);
    if (timeline.bookingsOn(localDate) >= dailyLimit) return 'daily_limit';
    if (isAnchor && calendar.maxSlotsPerDay !== undefined && (this.offeredPerDay.get(`${bookable.id}|${localDate}`) ?? 0) >= calendar.maxSlotsPerDay) return 'daily_limit';
    if (!timeline.check(start, end).free) return 'busy';
    if (calendar.cascading?.enabled && this.cascadeState(timeline, start) === undefined) return 'not_open_yet';
    return null;
  }

  private matches(bookable: EngineBookable, requirement: EngineRequirement, localDate: string): boolean {
    // Only certifications depend on the day; without them one answer holds for the whole search.
    let byBookable = this.criteriaCache.get(requirement);
    if (!byBookable) {
      byBookable = new Map();
      this.criteriaCache.set(requirement, byBookable);
    }
    const key = requirement.criteria!.certifications?.length ? `${bookable.id}|${localDate}` : bookable.id;
    let matched = byBookable.get(key);
    if (matched === undefined) {
      matched = matchesCriteria(bookable.facts, requirement.criteria!, localDate);
      byBookable.set(key, matched);
    }
    return matched;
  }

  private cascadeState(timeline: BookableTimeline, start: number): CascadeState | undefined {
    const config = timeline.calendar.cascading;
    if (!config?.enabled) return 'open';
    let openings = this.cascades.get(timeline.bookable.id);
    if (openings === undefined) {
      const now = this.search.now.getTime();
      const starts = timeline
        .grid(this.intervalMinutes)
        .filter(({ start: s }) => s >= now)
        .map(({ start: s }) => ({ start: s, free: timeline.fits(s, s + this.durationMs) && timeline.check(s, s + this.durationMs).free }));
      openings = cascadeOpenings(config, starts, now);
      this.cascades.set(timeline.bookable.id, openings);
    }
    return openings.get(start);
  }

  private serviceBookingsOn(clock: LocalClock, localDate: string): number {
    let counts = this.serviceDayCounts.get(clock.zone);
    if (!counts) {
      counts = new Map();
      for (const start of this.search.service.bookingStarts) {
        const day = clock.localDate(start.getTime());
        counts.set(day, (counts.get(day) ?? 0) + 1);
      }
      this.serviceDayCounts.set(clock.zone, counts);
    }
    return counts.get(localDate) ?? 0;
  }
}

// When candidates fail for different reasons, the most specific one is reported.
const reasonOrder: Array<SlotRefusal['reason']> = ['outside_hours', 'too_soon', 'too_far', 'not_open_yet', 'daily_limit', 'busy'];
function rank(reason: SlotRefusal['reason']): number {
  return reasonOrder.indexOf(reason);
}
