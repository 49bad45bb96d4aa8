import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BookingStatus } from '../../src/domain/booking/booking-status';
import type { CheckInRules, RescheduleRules } from '../../src/domain/booking/lifecycle-rules';
import type { CancelledBy, RefundRules } from '../../src/domain/cancellation/refund-decision';
import type { TimerRules } from '../../src/domain/booking/lifecycle-timers';

/** The lifecycle rules a booking keeps from the template version it was booked with. */
export interface BookingRules {
  checkIn: CheckInRules;
  reschedule: RescheduleRules;
  /** Absent in bookings made before refund rules travelled with them. */
  refund?: RefundRules;
  /** Timed transitions (approval deadline, automatic no-show and completion); absent in older bookings. */
  timers?: TimerRules;
  /** The booking waits in `pending` for someone to approve it. */
  requireApproval?: boolean;
}

/** What a booking workflow starts with. Times are ISO-8601 UTC. `rules` is absent in bookings made before lifecycle rules existed. */
export interface BookingInput {
  bookingId: string;
  reservationId: string | null;
  organizationId: string;
  locationId: string;
  serviceTemplateId: string;
  bookableIds: string[];
  bookerUserId: string | null;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  timezone: string;
  rules?: BookingRules;
}

/** The live state of a booking. */
export interface BookingView {
  bookingId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  cancelledBy: string | null;
  cancellationReason: string | null;
}

/** Who cancels, and why. */
export interface CancelBookingRequest {
  cancelledBy: string;
  reason: string | null;
  /** Whether the client or the business cancels (decides the refund); absent means the business. */
  party?: CancelledBy;
}

/** Who records the client's arrival, and how (manual, qr_code, geo, self). */
export interface CheckInRequest {
  by: string;
  method: string;
}

/** Who records a transition without further data (complete, no-show). */
export interface ActorRequest {
  by: string;
  reason?: string | null;
}

/** The client's review after completion. */
export interface ReviewRequest {
  by: string;
  rating: number;
  comment: string | null;
}

/** The new time of a rescheduled booking, with the span it blocks (buffers included). */
export interface RescheduleRequest {
  by: string;
  startsAt: string;
  endsAt: string;
  blockedFrom: string;
  blockedUntil: string;
}

/** The workflow id of a booking: `booking:bk_…`. */
export function bookingWorkflowId(bookingId: string): string {
  return `booking:${bookingId}`;
}

/** Cancels the booking and frees its time; INVALID_TRANSITION when the booking can no longer be cancelled. */
export const cancelBookingUpdate = defineUpdate<BookingView, [CancelBookingRequest]>('cancelBooking');
/** Records arrival inside the check-in window (CHECK_IN_NOT_OPEN / CHECK_IN_CLOSED otherwise). */
export const checkInBookingUpdate = defineUpdate<BookingView, [CheckInRequest]>('checkInBooking');
/** Approves a pending booking (manual approval): it becomes confirmed. */
export const approveBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('approveBooking');
/** Rejects a pending booking: it is cancelled by the business and its time freed. */
export const rejectBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('rejectBooking');
/** Records that the service was delivered. */
export const completeBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('completeBooking');
/** Records that the client did not come; frees the time. */
export const markNoShowUpdate = defineUpdate<BookingView, [ActorRequest]>('markBookingNoShow');
/** Records the client's review of a completed booking. */
export const reviewBookingUpdate = defineUpdate<BookingView, [ReviewRequest]>('reviewBooking');
/** Moves the booking to a new time: the new time is claimed before the old is released, atomically. */
export const rescheduleBookingUpdate = defineUpdate<BookingView, [RescheduleRequest]>('rescheduleBooking');
/** The live state. */
export const bookingStateQuery = defineQuery<BookingView>('bookingState');
