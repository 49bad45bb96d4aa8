import { contains, type TimeRange } from '../shared/ranges';
import { addMinutes } from '../shared/durations';

/** How a service occupies time: the visible appointment plus the buffers that block the bookable. */
export interface SlotShape {
  durationMinutes: number;
  bufferBeforeMinutes: number;
  bufferAfterMinutes: number;
}

/** A bookable appointment time and the wider span it blocks on the bookable's calendar. */
export interface Slot extends TimeRange {
  blockedStart: Date;
  blockedEnd: Date;
}

/** The appointment starting at `start` with this shape, including its blocked span. */
export function slotAt(start: Date, shape: SlotShape): Slot {
  const end = addMinutes(start, shape.durationMinutes);
  return {
    start,
    end,
    blockedStart: addMinutes(start, -shape.bufferBeforeMinutes),
    blockedEnd: addMinutes(end, shape.bufferAfterMinutes),
  };
}

/** True when the appointment (not its buffers) lies inside one of the open windows. */
export function fitsWindows(slot: TimeRange, windows: TimeRange[]): boolean {
  return windows.some((window) => contains(window, slot));
}
