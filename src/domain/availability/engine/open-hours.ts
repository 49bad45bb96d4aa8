import { effectiveDayRanges, type TimeRangeType } from '../calendar-config';
import { nextLocalDate, wallTimeToUtc } from '../../shared/time';
import type { EngineCalendar } from './engine-types';
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

/** A candidate start on a calendar's grid. */
export interface GridStart {
  start: number;
  localDate: string;
}

/**
 * When a calendar is open over a search span: its weekly pattern and date overrides read on each
 * local date in its zone and converted to UTC, merged into windows an appointment may span. Many
 * bookables share one pattern (a team's hours), so the engine builds this once per distinct
 * calendar and lets their timelines share it; nothing here changes after construction.
 */
export class OpenHours {
  readonly pieces: OpenPiece[] = [];
  private readonly windowStarts: number[] = [];
  private readonly windowEnds: number[] = [];
  private readonly openMinutesByDay = new Map<string, number>();
  private readonly grids = new Map<number, GridStart[]>();

  constructor(
    calendar: Pick<EngineCalendar, 'weeklySchedule' | 'overrides'>,
    readonly clock: LocalClock,
    spanFrom: number,
    spanTo: number,
  ) {
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

  /** The merged open windows, earliest first. */
  windows(): Array<{ start: Date; end: Date }> {
    return this.windowStarts.map((start, i) => ({ start: new Date(start), end: new Date(this.windowEnds[i]!) }));
  }

  openMinutesOn(localDate: string): number {
    return this.openMinutesByDay.get(localDate) ?? 0;
  }

  /** Candidate starts: each open range's start, then every `intervalMinutes` of wall time inside it (none in a DST gap, both in a repeat). Shared: do not change it. */
  grid(intervalMinutes: number): readonly GridStart[] {
    let starts = this.grids.get(intervalMinutes);
    if (starts === undefined) {
      starts = [];
      for (const piece of this.pieces) {
        for (let minute = piece.startMinute; minute < piece.endMinute; minute += intervalMinutes) {
          for (const start of this.clock.instants(piece.localDate, minute)) starts.push({ start, localDate: piece.localDate });
        }
      }
      this.grids.set(intervalMinutes, starts);
    }
    return starts;
  }
}

/** Index of the last value ≤ target in a sorted array, or −1. */
export function lastAtOrBefore(values: readonly number[], target: number): number {
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
