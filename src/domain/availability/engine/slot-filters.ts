import { localWallClock, nextLocalDate, type Weekday } from '../../shared/time';
import type { TimeRangeType } from '../calendar-config';
import type { EngineSlot } from './engine-types';

/** Filters on found slots (POST /search/query), all read on the wall clock of `timezone` (else each slot's own zone). */
export interface SlotFilters {
  timezone?: string;
  daysOfWeek?: readonly Weekday[];
  dates?: readonly string[];
  /** Starts at or after this wall time `HH:MM`. */
  earliestStart?: string;
  /** Ends at or before this wall time; `24:00` is the midnight that ends the start's day. */
  latestEnd?: string;
  rangeTypes?: readonly TimeRangeType[];
  premium?: boolean;
}

/** Whether a slot passes every filter that is set. */
export function passesFilters(slot: EngineSlot, filters: SlotFilters): boolean {
  const zone = filters.timezone ?? slot.timezone;
  const start = localWallClock(slot.start, zone);
  const end = localWallClock(slot.end, zone);
  if (filters.daysOfWeek && !filters.daysOfWeek.includes(start.localWeekday)) return false;
  if (filters.dates && !filters.dates.includes(start.localDate)) return false;
  if (filters.earliestStart && start.localTime < filters.earliestStart) return false;
  // A slot ending on a later local day ends after every wall time of its first day, except exactly at its midnight.
  const endTime = end.localDate === start.localDate ? end.localTime : end.localTime === '00:00' && end.localDate === nextLocalDate(start.localDate) ? '24:00' : '99:99';
  if (filters.latestEnd && endTime > filters.latestEnd) return false;
  if (filters.rangeTypes && !filters.rangeTypes.includes(slot.rangeType)) return false;
  if (filters.premium !== undefined && slot.premium !== filters.premium) return false;
  return true;
}
