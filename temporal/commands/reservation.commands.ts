import { WithStartWorkflowOperation, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { bookingSearchAttributes } from '../search-attributes';
import type { TemporalGateway } from '../client';
import type { reservationWorkflow } from '../../workflows/reservation/reservation.workflow';
import {
  awaitHoldUpdate,
  confirmReservationUpdate,
  extendReservationUpdate,
  releaseReservationUpdate,
  paymentSettledSignal,
  requestPaymentUpdate,
  reservationStateQuery,
  reservationWorkflowId,
  type PaymentRequestView,
  type PaymentSettlement,
  type ReservationInput,
  type ReservationView,
} from '../../workflows/reservation/reservation.contract';
import { DomainError } from '../../src/domain/shared/errors';
import { UPDATE_DEADLINE_MS, isWorkflowClosed, toDomainError } from './temporal-failures';
import { queryLive, sendUpdate } from './workflow-messages';

/**
 * Starts the reservation workflow and waits for its claim in one round trip (Update-with-Start):
 * the answer is the held reservation or SLOT_UNAVAILABLE. The workflow id comes from the
 * reservation id, which comes from the Idempotency-Key, so a retried request finds the same hold.
 */
export async function startReservation(temporal: TemporalGateway, input: ReservationInput): Promise<ReservationView> {
  const workflowId = reservationWorkflowId(input.reservationId);
  const startWorkflowOperation = new WithStartWorkflowOperation<typeof reservationWorkflow>('reservationWorkflow', {
    workflowId,
    taskQueue: temporal.taskQueue,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    staticSummary: input.summary,
    typedSearchAttributes: bookingSearchAttributes({ ...input, status: 'claiming' }),
  });
  try {
    return await temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      temporal.client.workflow.executeUpdateWithStart(awaitHoldUpdate, { startWorkflowOperation, updateId: 'await-hold' }),
    );
  } catch (error) {
    if (error instanceof WorkflowExecutionAlreadyStartedError) return settledReservation(temporal, workflowId, input.startsAt);
    throw toDomainError(error);
  }
}

// The same request already ran to the end: answer with how it ended.
async function settledReservation(temporal: TemporalGateway, workflowId: string, startsAt: string): Promise<ReservationView> {
  const view = await temporal.client.workflow.getHandle<typeof reservationWorkflow>(workflowId).result();
  if (view.status === 'rejected') throw new DomainError('SLOT_UNAVAILABLE', 'That time is no longer available.', { startsAt });
  return view;
}

/** Asks the reservation workflow to confirm its hold into a booking. */
export async function confirmReservation(
  temporal: TemporalGateway,
  request: { reservationId: string; confirmedBy: string; updateId: string },
): Promise<ReservationView> {
  return sendUpdate(temporal, reservationWorkflowId(request.reservationId), confirmReservationUpdate, {
    args: [{ confirmedBy: request.confirmedBy }],
    updateId: request.updateId,
    whenClosed: () => notHeld(temporal, request.reservationId),
  });
}

/** Asks the reservation workflow to hold its slot longer (EXTENSION_NOT_ALLOWED past the template's limit). */
export async function extendReservation(
  temporal: TemporalGateway,
  request: { reservationId: string; extendedBy: string; updateId: string },
): Promise<ReservationView> {
  return sendUpdate(temporal, reservationWorkflowId(request.reservationId), extendReservationUpdate, {
    args: [{ extendedBy: request.extendedBy }],
    updateId: request.updateId,
    whenClosed: () => notHeld(temporal, request.reservationId),
  });
}

/** Asks the reservation workflow to give its slot back. */
export async function releaseReservation(
  temporal: TemporalGateway,
  request: { reservationId: string; releasedBy: string; updateId: string },
): Promise<ReservationView> {
  return sendUpdate(temporal, reservationWorkflowId(request.reservationId), releaseReservationUpdate, {
    args: [{ releasedBy: request.releasedBy }],
    updateId: request.updateId,
    whenClosed: () => notHeld(temporal, request.reservationId),
  });
}

/** Asks the reservation workflow for the Stripe payment intent its hold must be paid with. */
export async function requestHoldPayment(temporal: TemporalGateway, request: { reservationId: string; requestedBy: string; useStoreCredit?: boolean; updateId: string }): Promise<PaymentRequestView> {
  return sendUpdate(temporal, reservationWorkflowId(request.reservationId), requestPaymentUpdate, {
    args: [{ requestedBy: request.requestedBy, ...(request.useStoreCredit ? { useStoreCredit: true } : {}) }],
    updateId: request.updateId,
    whenClosed: () => notHeld(temporal, request.reservationId),
  });
}

/** Tells the reservation workflow how its payment ended at Stripe; a hold that has ended already ignores it. */
export async function settleHoldPayment(temporal: TemporalGateway, reservationId: string, settlement: PaymentSettlement): Promise<void> {
  try {
    await temporal.client.workflow.getHandle(reservationWorkflowId(reservationId)).signal(paymentSettledSignal, settlement);
  } catch (error) {
    if (!isWorkflowClosed(error)) throw error;
  }
}

async function notHeld(temporal: TemporalGateway, reservationId: string): Promise<DomainError> {
  const status = (await liveReservation(temporal, reservationId))?.status;
  return new DomainError('RESERVATION_NOT_HELD', 'The reservation is no longer held.', { status });
}

/** The reservation workflow's live state, or null when the workflow cannot answer right now. */
export async function liveReservation(temporal: TemporalGateway, reservationId: string): Promise<ReservationView | null> {
  return queryLive(temporal, reservationWorkflowId(reservationId), reservationStateQuery);
}
