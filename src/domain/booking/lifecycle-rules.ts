import { DomainError } from '../shared/errors';
import { addMinutes } from '../shared/durations';

/** Check-in settings of a service template (spec §3.3 `lifecycle.checkIn`). */
export interface CheckInRules {
  enabled: boolean;
  openMinutesBefore: number;
  closeMinutesAfter: number;
  allowEarlyCheckIn: boolean;
}

/** Reschedule settings of a service template (spec §3.3 cancellation block). */
export interface RescheduleRules {
  allowReschedule: boolean;
  rescheduleDeadlineHours: number;
  /** Charged (minor units) when the client moves their own booking; absent in older bookings. */
  feeAmount?: number;
}

/** Defaults for templates that leave the blocks out. */
export const defaultCheckInRules: CheckInRules = { enabled: false, openMinutesBefore: 30, closeMinutesAfter: 15, allowEarlyCheckIn: false };
export const defaultRescheduleRules: RescheduleRules = { allowReschedule: true, rescheduleDeadlineHours: 0 };

/** When check-in is possible for a booking starting at `startsAt`: [opens, closes]. */
export function checkInWindow(startsAt: Date, rules: CheckInRules): { opens: Date; closes: Date } {
  return { opens: addMinutes(startsAt, -rules.openMinutesBefore), closes: addMinutes(startsAt, rules.closeMinutesAfter) };
}

/**
 * Refuses a check-in outside its window. Without configured check-in, staff may record arrival any
 * time up to the window's close; `allowEarlyCheckIn` lifts the opening limit.
 */
export function assertCheckInOpen(now: Date, startsAt: Date, rules: CheckInRules): void {
  const { opens, closes } = checkInWindow(startsAt, rules);
  if (now > closes) throw new DomainError('CHECK_IN_CLOSED', 'Check-in for this booking has closed.', { closedAt: closes.toISOString() });
  if (rules.enabled && !rules.allowEarlyCheckIn && now < opens) {
    throw new DomainError('CHECK_IN_NOT_OPEN', 'Check-in has not opened yet.', { opensAt: opens.toISOString() });
  }
}

/** Refuses a reschedule the template forbids, or one asked for after its deadline (hours before the current start). */
export function assertCanReschedule(now: Date, currentStartsAt: Date, rules: RescheduleRules): void {
  if (!rules.allowReschedule) throw new DomainError('RESCHEDULE_NOT_ALLOWED', 'This service cannot be rescheduled; cancel and book again.');
  const deadline = addMinutes(currentStartsAt, -rules.rescheduleDeadlineHours * 60);
  if (now > deadline) throw new DomainError('RESCHEDULE_DEADLINE_PASSED', 'It is too late to reschedule this booking.', { deadline: deadline.toISOString() });
}
