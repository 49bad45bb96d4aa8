import type { TemporalGateway } from '../client';
import { bookingStateQuery, bookingWorkflowId, cancelBookingUpdate, type BookingView } from '../../workflows/booking/booking.contract';
import { DomainError } from '../../src/domain/shared/errors';
import { queryLive, sendUpdate } from './workflow-messages';

/** Asks the booking workflow to cancel; refused with INVALID_TRANSITION when that is no longer possible. */
export async function cancelBooking(
  temporal: TemporalGateway,
  request: { bookingId: string; cancelledBy: string; reason: string | null; updateId: string },
): Promise<BookingView> {
  return sendUpdate(temporal, bookingWorkflowId(request.bookingId), cancelBookingUpdate, {
    args: [{ cancelledBy: request.cancelledBy, reason: request.reason }],
    updateId: request.updateId,
    whenClosed: () => new DomainError('INVALID_TRANSITION', 'The booking has ended and cannot be cancelled.'),
  });
}

/** The booking workflow's live state, or null when the workflow cannot answer right now. */
export async function liveBooking(temporal: TemporalGateway, bookingId: string): Promise<BookingView | null> {
  return queryLive(temporal, bookingWorkflowId(bookingId), bookingStateQuery);
}
