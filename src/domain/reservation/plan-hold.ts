import type { DateOverride } from '../availability/calendar-config';
import { fitsWindows, slotAt, type Slot } from '../availability/slots';
import { scheduleWindows, type WeeklySchedule } from '../availability/weekly-schedule';
import { DomainError } from '../shared/errors';
import { addMinutes } from '../shared/durations';
import type { DurationRules, ReservationRules, SchedulingRules } from '../service-template/service-template-rules';

/** What the hold is asked for and everything the decision depends on. */
export interface HoldRequest {
  startsAt: Date;
  now: Date;
  template: { status: string; duration: DurationRules; reservation: ReservationRules; scheduling: SchedulingRules };
  bookable: { status: string; deleted: boolean };
  calendar: { timezone: string; weeklySchedule: WeeklySchedule; overrides?: readonly DateOverride[] };
}

/** The decided hold: the appointment, the span it blocks, and how long it is held. */
export interface HoldPlan {
  slot: Slot;
  holdSeconds: number;
  timezone: string;
}

/** Refuses a service that is not active, or a named bookable that is not active (or is gone). */
export function assertBookable(template: { status: string }, bookable?: { status: string; deleted: boolean }): void {
  if (template.status !== 'active') {
    throw new DomainError('TEMPLATE_NOT_BOOKABLE', `The service is ${template.status} and cannot be booked.`, { status: template.status });
  }
  if (bookable && (bookable.deleted || bookable.status !== 'active')) {
    throw new DomainError('BOOKABLE_NOT_BOOKABLE', 'That provider cannot be booked at the moment.', { status: bookable.deleted ? 'deleted' : bookable.status });
  }
}

/**
 * Decides whether the slot may be held: the template must be active, the bookable active, the slot
 * in the future by at least the minimum notice, and the appointment inside the bookable's working
 * hours. Whether the time is still free is not decided here: the database claim decides that.
 */
export function planHold(request: HoldRequest): HoldPlan {
  const { template, bookable, calendar } = request;
  assertBookable(template, bookable);
  const slot = slotAt(request.startsAt, {
    durationMinutes: template.duration.fixedMinutes,
    bufferBeforeMinutes: template.duration.preBufferMinutes,
    bufferAfterMinutes: template.duration.postBufferMinutes,
  });
  const earliest = addMinutes(request.now, template.scheduling.minAdvanceMinutes);
  if (slot.start < earliest) {
    throw new DomainError('SLOT_IN_THE_PAST', 'That time is too soon to book.', { earliestStart: earliest.toISOString() });
  }
  const windows = scheduleWindows(calendar.weeklySchedule, calendar.timezone, slot.start, slot.end, calendar.overrides);
  if (!fitsWindows(slot, windows)) {
    throw new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'That time is outside the working hours.', { timezone: calendar.timezone });
  }
  return { slot, holdSeconds: template.reservation.holdDurationSeconds, timezone: calendar.timezone };
}
