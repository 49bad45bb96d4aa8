import type { Weekday } from '../shared/time';

/** One bookable stretch of a day in local wall time, `HH:MM`–`HH:MM`; `24:00` means midnight at the end. */
export interface WallTimeRange {
  start: string;
  end: string;
}

/** A recurring week of working hours, by weekday (spec §2.4 `weeklySchedule`). Missing days are closed. */
export type WeeklySchedule = Partial<Record<Weekday, WallTimeRange[]>>;
