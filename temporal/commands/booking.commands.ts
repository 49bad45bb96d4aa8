import type { TemporalGateway } from '../client';
import { bookingStateQuery, bookingWorkflowId, cancelBookingUpdate, type BookingView } from '../../workflows/booking/booking.contract';
import { DomainError } from '../../src/domain/shared/errors';
import { UPDATE_DEADLINE_MS, isWorkflowClosed, toDomainError } from './temporal-failures';

/** Asks the booking workflow to cancel; refused with INVALID_TRANSITION when that is no longer possible. */
export async function cancelBooking(
  temporal: TemporalGateway,
  request: { bookingId: string; cancelledBy: string; reason: string | null; updateId: string },
): Promise<BookingView> {
  const handle = temporal.client.workflow.getHandle(bookingWorkflowId(request.bookingId));
  try {
    return await temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      handle.executeUpdate(cancelBookingUpdate, {
        args: [{ cancelledBy: request.cancelledBy, reason: request.reason }],
        updateId: request.updateId,
      }),
    );
  } catch (error) {
    if (isWorkflowClosed(error)) throw new DomainError('INVALID_TRANSITION', 'The booking has ended and cannot be cancelled.');
    throw toDomainError(error);
  }
}

/** The booking workflow's live state, or null when the workflow cannot answer right now. */
export async function liveBooking(temporal: TemporalGateway, bookingId: string): Promise<BookingView | null> {
  try {
    const handle = temporal.client.workflow.getHandle(bookingWorkflowId(bookingId));
    return await temporal.client.withDeadline(Date.now() + 5_000, () => handle.query(bookingStateQuery));
  } catch {
    return null;
  }
}
