import type { TimeRange } from '../shared/ranges';

/** A bookable appointment time and the wider span it blocks on the bookable's calendar. */
export interface Slot extends TimeRange {
  blockedStart: Date;
  blockedEnd: Date;
}
