import { contains, overlaps, type TimeRange } from '../shared/ranges';
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

/**
 * Free slots in the windows: starts step by `stepMinutes` from each window's start, the appointment
 * must fit inside the window, its blocked span must not touch a busy range, and it must start at or
 * after `notBefore`.
 */
export function freeSlots(input: {
  windows: TimeRange[];
  shape: SlotShape;
  stepMinutes: number;
  busy: TimeRange[];
  notBefore: Date;
}): Slot[] {
  if (!(input.stepMinutes > 0)) throw new RangeError('stepMinutes must be positive');
  const slots: Slot[] = [];
  for (const window of input.windows) {
    for (let start = window.start; ; start = addMinutes(start, input.stepMinutes)) {
      const slot = slotAt(start, input.shape);
      if (slot.end > window.end) break;
      if (start < input.notBefore) continue;
      const blocked = { start: slot.blockedStart, end: slot.blockedEnd };
      if (!input.busy.some((busy) => overlaps(busy, blocked))) slots.push(slot);
    }
  }
  return slots;
}
