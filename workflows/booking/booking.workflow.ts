/**
 * Booking workflow: the life of one booking (spec §4.1), from confirmed onwards.
 *
 * States: the booking state machine of src/domain/booking/booking-status.ts.
 * Messages: update `cancelBooking`, query `bookingState`.
 * Timers: none yet (reminders, check-in windows and no-show grace periods come with the lifecycle).
 * Id: `booking:bk_…`, started by the reservation workflow that confirmed its hold.
 * Compensation: cancelling frees the booking's allocations in the same transaction that records it.
 */
import { condition, allHandlersFinished, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { bookingTransition, isTerminalBookingStatus, type BookingStatus } from '../../src/domain/booking/booking-status';
import { searchAttributes } from '../../temporal/search-attributes';
import { databaseActivities as db } from '../shared/activity-profiles';
import { businessFailure } from '../shared/failures';
import { bookingStateQuery, cancelBookingUpdate, type BookingInput, type BookingView, type CancelBookingRequest } from './booking.contract';

/** Runs a booking until it reaches a terminal state. */
export async function bookingWorkflow(input: BookingInput): Promise<BookingView> {
  let status: BookingStatus = input.status;
  let cancelledBy: string | null = null;
  let cancellationReason: string | null = null;
  let busy = false;

  const view = (): BookingView => ({
    bookingId: input.bookingId,
    status,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    cancelledBy,
    cancellationReason,
  });

  setHandler(bookingStateQuery, view);

  setHandler(
    cancelBookingUpdate,
    async (request) => {
      busy = true;
      try {
        const cancelledAt = new Date().toISOString();
        await db.cancelBooking({ bookingId: input.bookingId, cancelledBy: request.cancelledBy, reason: request.reason, cancelledAt });
        status = 'cancelled';
        cancelledBy = request.cancelledBy;
        cancellationReason = request.reason;
        upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
        return view();
      } finally {
        busy = false;
      }
    },
    {
      validator: (_request: CancelBookingRequest) => {
        if (busy) throw businessFailure('CONFLICT', 'Another change to this booking is in progress.');
        if (!bookingTransition(status, 'cancel')) {
          throw businessFailure('INVALID_TRANSITION', `A ${status} booking cannot be cancelled.`, { status, event: 'cancel' });
        }
      },
    },
  );

  await condition(() => isTerminalBookingStatus(status));
  await condition(allHandlersFinished);
  return view();
}
