import type { TimeRange } from '../shared/ranges';
import { localDatesBetween, wallTimeToUtc, nextLocalDate, type Weekday } from '../shared/time';
import { effectiveDayRanges, type DateOverride } from './calendar-config';

/** One bookable stretch of a day in local wall time, `HH:MM`–`HH:MM`; `24:00` means midnight at the end. */
export interface WallTimeRange {
  start: string;
  end: string;
}

/** A recurring week of working hours, by weekday (spec §2.4 `weeklySchedule`). Missing days are closed. */
export type WeeklySchedule = Partial<Record<Weekday, WallTimeRange[]>>;

/**
 * The absolute time ranges a weekly schedule opens within [from, to), evaluated in `zone`.
 *
 * DST rule: each range is local wall time on its own date. On a spring-forward day a range edge that
 * falls in the gap moves forward with the clocks (09:00–17:00 stays 8 wall-clock hours but 7 real
 * ones if the gap lies inside it). On a fall-back day a range that spans the repeated hour contains
 * both occurrences of it, so 01:30 can be offered twice (at two different instants).
 * Date overrides (closed days, changed hours) replace a date's weekly ranges. Ranges that touch or
 * overlap (across midnight too) are returned as one window.
 */
export function scheduleWindows(schedule: WeeklySchedule, zone: string, from: Date, to: Date, overrides: readonly DateOverride[] = []): TimeRange[] {
  const windows: TimeRange[] = [];
  // One extra day on each side: a local day in a far zone can overlap [from, to) from outside it.
  for (const localDate of localDatesBetween(new Date(from.getTime() - 86_400_000), new Date(to.getTime() + 86_400_000), zone)) {
    for (const range of effectiveDayRanges(schedule, overrides, localDate)) {
      const start = wallTimeToUtc(localDate, range.start, zone);
      const end = range.end === '24:00' ? wallTimeToUtc(nextLocalDate(localDate), '00:00', zone) : wallTimeToUtc(localDate, range.end, zone);
      if (end > start && end > from && start < to) windows.push({ start, end });
    }
  }
  return mergeTouching(windows.sort((a, b) => a.start.getTime() - b.start.getTime()));
}

// Working time that continues across a range boundary (a day ending at 24:00 and the next starting at
// 00:00, or 09:00–12:00 then 12:00–15:00) is one window, so an appointment may span the boundary.
function mergeTouching(sorted: TimeRange[]): TimeRange[] {
  const merged: TimeRange[] = [];
  for (const window of sorted) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) last.end = window.end > last.end ? window.end : last.end;
    else merged.push({ ...window });
  }
  return merged;
}
