import type { TimeRangeType } from '../calendar-config';
import type { EngineBookable, EngineCalendar, EngineService } from './engine-types';
import type { LocalClock } from './local-clock';
import { lastAtOrBefore, OpenHours, type GridStart } from './open-hours';

const MINUTE_MS = 60_000;

/** What stands in the way of a span on one bookable. */
export type SpanCheck = { free: true; seatsTaken: number } | { free: false };

// The answers almost every check gives, shared (a search checks thousands of spans).
const BUSY: SpanCheck = Object.freeze({ free: false });
const FREE: SpanCheck = Object.freeze({ free: true, seatsTaken: 0 });

/**
 * One bookable's time as the engine reads it over a search span: its calendar's open hours (shared
 * with every bookable on the same pattern), the merged intervals where it has no capacity left, and
 * its bookings per local day. Everything is sorted, so a span is checked with two binary searches.
 */
export class BookableTimeline {
  readonly hours: OpenHours;
  private readonly fullStarts: number[] = [];
  private readonly fullEnds: number[] = [];
  /** This group service's own allocations (sessions), sorted by start. */
  private readonly sessions: Array<{ start: number; end: number; appointmentStart: number }> = [];
  private readonly longestSession: number = 0;
  private readonly bookingsByDay = new Map<string, number>();
  private readonly bookedMinutesByDay = new Map<string, number>();
  /** Time blocked before and after an appointment on this bookable, in ms. */
  readonly beforeMs: number;
  readonly afterMs: number;

  constructor(
    readonly bookable: EngineBookable,
    readonly calendar: EngineCalendar,
    readonly clock: LocalClock,
    service: EngineService,
    spanFrom: number,
    spanTo: number,
    /** The calendar's open hours when the caller already built them for another bookable on the same pattern. */
    hours?: OpenHours,
  ) {
    const rest = bookable.minRestMinutes ?? 0;
    const before = service.bufferBeforeMinutes + (service.travelMinutes ?? 0) + (calendar.preBufferMinutes ?? 0) + (bookable.setupMinutes ?? 0);
    const after = service.bufferAfterMinutes + (calendar.postBufferMinutes ?? 0) + (bookable.teardownMinutes ?? 0);
    // A provider's rest follows each booking (its clean-up counts as rest), so the time a booking blocks
    // ends `rest` after it and the next one's preparation starts no sooner: two bookings are at least `rest`
    // apart, in the engine and, through the blocked period, under the database's exclusion constraint.
    this.beforeMs = before * MINUTE_MS;
    this.afterMs = Math.max(after, rest) * MINUTE_MS;
    this.hours = hours ?? new OpenHours(calendar, clock, spanFrom, spanTo);
    this.longestSession = this.buildAllocations(service);
  }

  private buildAllocations(service: EngineService): number {
    const { bookable, clock } = this;
    const events: Array<[number, number]> = [];
    const blocked: Array<[number, number]> = [];
    const owners = new Set<string>();
    let longest = 0;
    for (const allocation of bookable.allocations) {
      const start = allocation.start.getTime();
      const end = allocation.end.getTime();
      if (allocation.kind === 'block') {
        blocked.push([start, end]);
        continue;
      }
      const appointmentStart = (allocation.appointmentStart ?? allocation.start).getTime();
      const day = clock.localDate(appointmentStart);
      // The seats of one group booking are one booking of the day.
      const counted = allocation.ownerId ? owners.has(allocation.ownerId) || !owners.add(allocation.ownerId) : false;
      if (!counted) {
        this.bookingsByDay.set(day, (this.bookingsByDay.get(day) ?? 0) + 1);
        this.bookedMinutesByDay.set(day, (this.bookedMinutesByDay.get(day) ?? 0) + (end - start) / MINUTE_MS);
      }
      if (allocation.kind === 'finished') continue;
      if (service.group && allocation.serviceTemplateId === service.id) {
        this.sessions.push({ start, end, appointmentStart });
        longest = Math.max(longest, end - start);
        continue;
      }
      // With room for one, every allocation makes the bookable full.
      if (this.bookable.capacity <= 1) blocked.push([start, end]);
      else events.push([start, 1], [end, -1]);
    }
    this.sessions.sort((a, b) => a.start - b.start);
    // Where as many allocations overlap as the bookable has capacity, it is full.
    events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    let inUse = 0;
    let fullFrom: number | null = null;
    for (const [at, delta] of events) {
      inUse += delta;
      if (inUse >= this.bookable.capacity && fullFrom === null) fullFrom = at;
      else if (inUse < this.bookable.capacity && fullFrom !== null) {
        if (at > fullFrom) blocked.push([fullFrom, at]);
        fullFrom = null;
      }
    }
    blocked.sort((a, b) => a[0] - b[0]);
    for (const [start, end] of blocked) {
      const last = this.fullEnds.length - 1;
      if (last >= 0 && start <= this.fullEnds[last]!) this.fullEnds[last] = Math.max(this.fullEnds[last]!, end);
      else {
        this.fullStarts.push(start);
        this.fullEnds.push(end);
      }
    }
    return longest;
  }

  /** True when the appointment [start, end) lies inside one open window. */
  fits(start: number, end: number): boolean {
    return this.hours.fits(start, end);
  }

  rangeTypeAt(instant: number): TimeRangeType {
    return this.hours.rangeTypeAt(instant);
  }

  /**
   * Whether the appointment starting at `start` with this bookable's buffers can have it. A group
   * service's own session at the very same start does not stand in the way: its bookings are counted
   * as seats taken instead.
   */
  check(start: number, end: number): SpanCheck {
    const from = start - this.beforeMs;
    const to = end + this.afterMs;
    const index = lastBefore(this.fullStarts, to);
    if (index >= 0 && this.fullEnds[index]! > from) return BUSY;
    if (this.sessions.length === 0) return FREE;
    let seatsTaken = 0;
    for (let i = firstAtOrAfter(this.sessions, from - this.longestSession); i < this.sessions.length && this.sessions[i]!.start < to; i++) {
      const session = this.sessions[i]!;
      if (session.end <= from) continue;
      if (session.appointmentStart !== start) return BUSY;
      seatsTaken++;
    }
    return { free: true, seatsTaken };
  }

  bookingsOn(localDate: string): number {
    return this.bookingsByDay.get(localDate) ?? 0;
  }

  bookedMinutesOn(localDate: string): number {
    return this.bookedMinutesByDay.get(localDate) ?? 0;
  }

  openMinutesOn(localDate: string): number {
    return this.hours.openMinutesOn(localDate);
  }

  grid(intervalMinutes: number): readonly GridStart[] {
    return this.hours.grid(intervalMinutes);
  }
}

/** Index of the last value < target in a sorted array, or −1. */
function lastBefore(values: readonly number[], target: number): number {
  return lastAtOrBefore(values, target - 1);
}

/** Index of the first session starting at or after `target`. */
function firstAtOrAfter(sessions: ReadonlyArray<{ start: number }>, target: number): number {
  let low = 0;
  let high = sessions.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sessions[mid]!.start < target) low = mid + 1;
    else high = mid;
  }
  return low;
}
