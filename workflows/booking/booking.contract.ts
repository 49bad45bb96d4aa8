import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BookingStatus } from '../../src/domain/booking/booking-status';

/** What a booking workflow starts with. Times are ISO-8601 UTC. */
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
}

/** The workflow id of a booking: `booking:bk_…`. */
export function bookingWorkflowId(bookingId: string): string {
  return `booking:${bookingId}`;
}

/** Cancels the booking and frees its time; INVALID_TRANSITION when the booking can no longer be cancelled. */
export const cancelBookingUpdate = defineUpdate<BookingView, [CancelBookingRequest]>('cancelBooking');
/** The live state. */
export const bookingStateQuery = defineQuery<BookingView>('bookingState');
