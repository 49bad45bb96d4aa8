import { DomainError } from '../shared/errors';

/**
 * The booking state machine of spec §4.1, defined once. The workflow applies it, the API validates
 * requests against it, and the database check constraint on bookings.status lists the same values.
 */
export const bookingStatuses = [
  'pending',
  'confirmed',
  'checked_in',
  'completed',
  'reviewed',
  'cancelled',
  'no_show',
  'expired',
] as const;

/** A booking's lifecycle state. */
export type BookingStatus = (typeof bookingStatuses)[number];

/** Something that moves a booking from one state to another. */
export type BookingEvent = 'approve' | 'cancel' | 'check_in' | 'complete' | 'review' | 'mark_no_show' | 'expire';

const transitions: Readonly<Record<BookingStatus, Partial<Record<BookingEvent, BookingStatus>>>> = {
  pending: { approve: 'confirmed', cancel: 'cancelled', expire: 'expired' },
  confirmed: { check_in: 'checked_in', cancel: 'cancelled', mark_no_show: 'no_show' },
  checked_in: { complete: 'completed' },
  completed: { review: 'reviewed' },
  reviewed: {},
  cancelled: {},
  no_show: {},
  expired: {},
};

/** The state a booking reaches when `event` happens in `status`, or undefined when it cannot happen. */
export function bookingTransition(status: BookingStatus, event: BookingEvent): BookingStatus | undefined {
  return transitions[status][event];
}

/** Like bookingTransition, but refuses an impossible move with INVALID_TRANSITION. */
export function nextBookingStatus(status: BookingStatus, event: BookingEvent): BookingStatus {
  const next = bookingTransition(status, event);
  if (!next) {
    throw new DomainError('INVALID_TRANSITION', `A ${status} booking cannot ${event.replaceAll('_', ' ')}.`, {
      status,
      event,
    });
  }
  return next;
}

/** True when nothing can happen to the booking any more. */
export function isTerminalBookingStatus(status: BookingStatus): boolean {
  return Object.keys(transitions[status]).length === 0;
}

/** Statuses in which the booking still occupies its bookables' time. */
export function holdsResources(status: BookingStatus): boolean {
  return status === 'pending' || status === 'confirmed' || status === 'checked_in';
}
