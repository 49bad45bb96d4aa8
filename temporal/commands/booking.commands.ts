import type { UpdateDefinition } from '@temporalio/client';
import type { TemporalGateway } from '../client';
import {
  bookingStateQuery,
  bookingWorkflowId,
  cancelBookingUpdate,
  captureSecurityDepositUpdate,
  releaseSecurityDepositUpdate,
  type BookingView,
} from '../../workflows/booking/booking.contract';
import type { SecurityDepositView } from '../../src/domain/booking/security-deposit';
import type { CancelledBy, RefundMethod } from '../../src/domain/cancellation/refund-decision';
import { DomainError } from '../../src/domain/shared/errors';
import { queryLive, sendUpdate } from './workflow-messages';

/**
 * Sends one of the booking workflow's updates (check-in, complete, no-show, review, reschedule,
 * cancel). A booking whose workflow has ended can no longer change: INVALID_TRANSITION.
 */
export async function updateBooking<Request>(
  temporal: TemporalGateway,
  bookingId: string,
  update: UpdateDefinition<BookingView, [Request]>,
  request: Request,
  updateId: string,
): Promise<BookingView> {
  return sendUpdate(temporal, bookingWorkflowId(bookingId), update, {
    args: [request],
    updateId,
    whenClosed: () => new DomainError('INVALID_TRANSITION', 'The booking has ended and cannot change any more.'),
  });
}

/** Asks the booking workflow to cancel; refused with INVALID_TRANSITION when that is no longer possible. */
export async function cancelBooking(
  temporal: TemporalGateway,
  request: { bookingId: string; cancelledBy: string; reason: string | null; party: CancelledBy; providerId?: string | null; refundAs?: RefundMethod; updateId: string },
): Promise<BookingView> {
  const providerId = request.party === 'provider' && request.providerId ? { providerId: request.providerId } : {};
  const refundAs = request.refundAs ? { refundAs: request.refundAs } : {};
  return updateBooking(temporal, request.bookingId, cancelBookingUpdate, { cancelledBy: request.cancelledBy, reason: request.reason, party: request.party, ...providerId, ...refundAs }, request.updateId);
}

/**
 * Asks the booking workflow to capture (`amount`) or release its security deposit. A booking whose
 * workflow has ended holds no deposit any more: SECURITY_DEPOSIT_NOT_ACTIVE.
 */
export async function changeSecurityDeposit(
  temporal: TemporalGateway,
  request: { bookingId: string; by: string; reason: string | null; updateId: string } & ({ action: 'capture'; amount: number } | { action: 'release' }),
): Promise<SecurityDepositView> {
  const whenClosed = () => new DomainError('SECURITY_DEPOSIT_NOT_ACTIVE', 'The booking has ended; it holds no security deposit any more.');
  const workflowId = bookingWorkflowId(request.bookingId);
  const { by, reason, updateId } = request;
  if (request.action === 'capture') return sendUpdate(temporal, workflowId, captureSecurityDepositUpdate, { args: [{ by, reason, amount: request.amount }], updateId, whenClosed });
  return sendUpdate(temporal, workflowId, releaseSecurityDepositUpdate, { args: [{ by, reason }], updateId, whenClosed });
}

/** The booking workflow's live state, or null when the workflow cannot answer right now. */
export async function liveBooking(temporal: TemporalGateway, bookingId: string): Promise<BookingView | null> {
  return queryLive(temporal, bookingWorkflowId(bookingId), bookingStateQuery);
}
