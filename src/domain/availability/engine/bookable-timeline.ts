import { effectiveDayRanges, type TimeRangeType } from '../calendar-config';
import { nextLocalDate, wallTimeToUtc } from '../../shared/time';
import type { EngineBookable, EngineCalendar, EngineService } from './engine-types';
import { minuteOfDay, type LocalClock } from './local-clock';

const MINUTE_MS = 60_000;

/** A stretch of a local day the calendar opens, in absolute time, with the wall minutes it came from. */
export interface OpenPiece {
  start: number;
  end: number;
  type: TimeRangeType;
  localDate: string;
  startMinute: number;
  endMinute: number;
}

/** A candidate start on a bookable's own grid. */
export interface GridStart {
  start: number;
  localDate: string;
}

/** What stands in the way of a span on one bookable. */
export type SpanCheck = { free: true; seatsTaken: number } | { free: false };

/**
 * One bookable's time as the engine reads it over a search span: open pieces from its weekly pattern
 * and date overrides (local wall time on each date, converted to UTC), merged open windows, the merged
 * intervals where it has no capacity left, and its bookings per local day. Everything is sorted, so
 * a span is checked with two binary searches.
 */
export class BookableTimeline {
  readonly pieces: OpenPiece[] = [];
  private readonly windowStarts: number[] = [];
  private readonly windowEnds: number[] = [];
  private readonly fullStarts: number[] = [];
  private readonly fullEnds: number[] = [];
  /** This group service's own allocations (sessions), sorted by start. */
  private readonly sessions: Array<{ start: number; end: number; appointmentStart: number }> = [];
  private readonly longestSession: number = 0;
  private readonly bookingsByDay = new Map<string, number>();
  private readonly bookedMinutesByDay = new Map<string, number>();
  private readonly openMinutesByDay = new Map<string, number>();
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
  ) {
    const rest = bookable.minRestMinutes ?? 0;
    const before = service.bufferBeforeMinutes + (service.travelMinutes ?? 0) + (calendar.preBufferMinutes ?? 0) + (bookable.setupMinutes ?? 0);
    const after = service.bufferAfterMinutes + (calendar.postBufferMinutes ?? 0) + (bookable.teardownMinutes ?? 0);
    this.beforeMs = Math.max(before, rest) * MINUTE_MS;
    this.afterMs = Math.max(after, rest) * MINUTE_MS;
    this.buildPieces(spanFrom, spanTo);
    this.longestSession = this.buildAllocations(service);
  }

  private buildPieces(spanFrom: number, spanTo: number): void {
    const { calendar, clock } = this;
    for (const localDate of clock.datesAround(spanFrom, spanTo)) {
      for (const range of effectiveDayRanges(calendar.weeklySchedule, calendar.overrides, localDate)) {
        const startMinute = minuteOfDay(range.start);
        const endMinute = minuteOfDay(range.end);
        const start = this.edge(localDate, startMinute);
        const end = endMinute === 1440 ? this.edge(nextLocalDate(localDate), 0) : this.edge(localDate, endMinute);
        if (end <= start) continue;
        this.pieces.push({ start, end, type: range.type, localDate, startMinute, endMinute });
        this.openMinutesByDay.set(localDate, (this.openMinutesByDay.get(localDate) ?? 0) + (end - start) / MINUTE_MS);
      }
    }
    this.pieces.sort((a, b) => a.start - b.start);
    // Pieces that touch or overlap (across midnight too) make one window: an appointment may span the seam.
    for (const piece of this.pieces) {
      const last = this.windowEnds.length - 1;
      if (last >= 0 && piece.start <= this.windowEnds[last]!) this.windowEnds[last] = Math.max(this.windowEnds[last]!, piece.end);
      else {
        this.windowStarts.push(piece.start);
        this.windowEnds.push(piece.end);
      }
    }
  }

  // A range edge: its wall time's first occurrence; inside a spring-forward gap it moves forward with the clocks.
  private edge(localDate: string, minute: number): number {
    const instants = this.clock.instants(localDate, minute);
    if (instants.length > 0) return instants[0]!;
    const wall = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
    return wallTimeToUtc(localDate, wall, this.clock.zone).getTime();
  }

  private buildAllocations(service: EngineService): number {
    const { bookable, clock } = this;
    const events: Array<[number, number]> = [];
    const blocked: Array<[number, number]> = [];
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
      this.bookingsByDay.set(day, (this.bookingsByDay.get(day) ?? 0) + 1);
      this.bookedMinutesByDay.set(day, (this.bookedMinutesByDay.get(day) ?? 0) + (end - start) / MINUTE_MS);
      if (service.group && allocation.serviceTemplateId === service.id) {
        this.sessions.push({ start, end, appointmentStart });
        longest = Math.max(longest, end - start);
        continue;
      }
      events.push([start, 1], [end, -1]);
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
    const index = lastAtOrBefore(this.windowStarts, start);
    return index >= 0 && end <= this.windowEnds[index]!;
  }

  /** The type of the open range an instant falls in (`available` if none says otherwise). */
  rangeTypeAt(instant: number): TimeRangeType {
    let type: TimeRangeType = 'available';
    for (const piece of this.pieces) {
      if (piece.start > instant) break;
      if (instant < piece.end && piece.type !== 'available') type = piece.type;
    }
    return type;
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
    if (index >= 0 && this.fullEnds[index]! > from) return { free: false };
    let seatsTaken = 0;
    for (let i = firstAtOrAfter(this.sessions, from - this.longestSession); i < this.sessions.length && this.sessions[i]!.start < to; i++) {
      const session = this.sessions[i]!;
      if (session.end <= from) continue;
      if (session.appointmentStart !== start) return { free: false };
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
    return this.openMinutesByDay.get(localDate) ?? 0;
  }

  /** Candidate starts: each open range's start, then every `intervalMinutes` of wall time inside it (none in a DST gap, both in a repeat). */
  grid(intervalMinutes: number): GridStart[] {
    const starts: GridStart[] = [];
    for (const piece of this.pieces) {
      for (let minute = piece.startMinute; minute < piece.endMinute; minute += intervalMinutes) {
        for (const start of this.clock.instants(piece.localDate, minute)) starts.push({ start, localDate: piece.localDate });
      }
    }
    return starts;
  }
}

/** Index of the last value ≤ target in a sorted array, or −1. */
function lastAtOrBefore(values: readonly number[], target: number): number {
  let low = 0;
  let high = values.length - 1;
  let found = -1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    if (values[mid]! <= target) {
      found = mid;
      low = mid + 1;
    } else high = mid - 1;
  }
  return found;
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
