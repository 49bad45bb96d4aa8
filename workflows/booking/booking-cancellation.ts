/**
 * Cancelling a booking: who may (the template's rules per party), whose cancellation waits for
 * approval, the refund decided once with the booking's own rules and paid back through Stripe (the
 * compensation of the payment taken for its hold) or, at the client's choice where the tier offers
 * it, issued as store credit with its bonus; a late fee beyond what was paid is charged to the saved
 * card; and what the primary participant's cancellation
 * does to the others (cancel all, transfer to an observer, or wait for a new primary).
 */
import { patched, setHandler } from '@temporalio/workflow';
import { assertMayCancel, cancellationNeedsApproval } from '../../src/domain/cancellation/cancellation-policy';
import { decideRefund, type CancelledBy, type RefundMethod } from '../../src/domain/cancellation/refund-decision';
import { assertStoreCreditOffered, withRefundAsStoreCredit } from '../../src/domain/cancellation/store-credit';
import { primaryCancellationOutcome, primaryOf } from '../../src/domain/participants/participants';
import { DomainError } from '../../src/domain/shared/errors';
import { databaseActivities as db, paymentActivities as payments } from '../shared/activity-profiles';
import {
  approveCancellationUpdate,
  cancelBookingUpdate,
  declineCancellationUpdate,
  type BookingView,
  type CancelBookingRequest,
  type CancellationDecisionRequest,
} from './booking.contract';
import type { Notifier } from './booking-notifications';
import type { BookingRun } from './booking-run';

/** A cancellation to carry out: by whom, for which party, why, when, and the moment its refund is decided for (the request's, when approved later). */
interface Cancellation {
  by: string;
  party: CancelledBy;
  reason: string | null;
  at: Date;
  refundAsOf?: Date;
  dedupeKey: string;
  /** The client's choice of store credit instead of a refund. */
  refundAs?: RefundMethod;
}

/** The cancellation operations, shared by the handlers and the booking's own timers. */
export function createCanceller(run: BookingRun, notifier: Notifier) {
  const { input, state } = run;

  /** Cancels the whole booking and frees its time; call inside `exclusive`. */
  const cancelWhole = async (cancellation: Cancellation): Promise<BookingView> => {
    // Compensation (behind patch `booking-refunds`): what was paid is refunded as the decision says.
    const refunds = patched('booking-refunds');
    const subject = { bookingId: input.bookingId, reservationId: input.reservationId };
    const paidAmount = refunds ? await payments.collectedAmount(subject) : 0;
    // Decided here, once, with the rules the booking was made under.
    const decided = decideRefund({ cancelledAt: cancellation.refundAsOf ?? cancellation.at, startsAt: new Date(state.startsAt), cancelledBy: cancellation.party, paidAmount, rules: run.rules.refund });
    const refund = cancellation.refundAs === 'store_credit' ? withRefundAsStoreCredit(decided) : decided;
    await db.cancelBooking({
      bookingId: input.bookingId,
      cancelledBy: cancellation.by,
      reason: cancellation.reason,
      cancelledAt: cancellation.at.toISOString(),
      fromStatus: state.status,
      dedupeKey: cancellation.dedupeKey,
      refund,
    });
    state.cancelledBy = cancellation.by;
    state.cancellationReason = cancellation.reason;
    state.cancellationRequest = null;
    run.setStatus('cancelled');
    // After the cancellation is recorded, in the same update: a crash in between resumes here and
    // refunds once (Stripe and the ledger are keyed by the booking and this cancellation).
    // Taken as store credit (behind patch `booking-store-credit`), the refund plus its bonus is credited instead.
    if (refund.refundAs === 'store_credit' && patched('booking-store-credit')) await db.issueStoreCredit({ ...subject, amount: refund.storeCreditAmount!, dedupeKey: cancellation.dedupeKey });
    else if (refund.refundAmount > 0) await payments.refundBooking({ ...subject, amount: refund.refundAmount, dedupeKey: cancellation.dedupeKey });
    // A late fee the payment did not cover goes to the saved card (behind patch `booking-late-fees`).
    const feeToCharge = refund.lateFeeChargeAmount ?? 0;
    if (feeToCharge > 0 && patched('booking-late-fees')) await payments.chargeBooking({ ...subject, amount: feeToCharge, reason: 'late_cancellation_fee', dedupeKey: cancellation.dedupeKey });
    notifier.notify('booking_cancelled', { dedupeKey: cancellation.dedupeKey, reason: cancellation.reason });
    return run.view();
  };

  /** The primary leaves; the others keep the booking (transferred to an observer, or waiting for a new primary). */
  const primaryLeaves = async (cancellation: Cancellation): Promise<BookingView | null> => {
    const participants = state.participants;
    const primary = participants && primaryOf(participants);
    if (!participants || !primary) return null;
    const outcome = primaryCancellationOutcome(participants, run.rules.cancellation.whenPrimaryCancels);
    if (outcome.kind === 'cancel_booking') return null;
    const successor = outcome.kind === 'transfer' ? outcome.to : null;
    await db.replacePrimaryParticipant({
      bookingId: input.bookingId,
      leavingParticipantId: primary.id,
      successorParticipantId: successor?.id ?? null,
      actor: cancellation.by,
      reason: cancellation.reason,
      status: state.status,
      occurredAt: cancellation.at.toISOString(),
      dedupeKey: cancellation.dedupeKey,
    });
    primary.status = 'cancelled';
    if (successor) successor.role = 'primary';
    state.awaitingNewPrimary = !successor;
    state.cancellationRequest = null;
    return run.view();
  };

  /** Carries out a cancellation: the primary client leaving when others stay, otherwise the whole booking. Call inside `exclusive`. */
  const settleNow = async (cancellation: Cancellation): Promise<BookingView> => (cancellation.party === 'client' ? await primaryLeaves(cancellation) : null) ?? (await cancelWhole(cancellation));

  return { settleNow, settle: (cancellation: Cancellation) => run.exclusive(() => settleNow(cancellation)) };
}

/** The booking's canceller. */
export type Canceller = ReturnType<typeof createCanceller>;

/** Someone who may take over from a provider cancelling (a backup); null when nobody does. */
export type StandIn = (request: CancelBookingRequest, dedupeKey: string) => Promise<BookingView | null>;

/** Registers the cancel update and the approval of cancellation requests. */
export function registerCancellationHandlers(run: BookingRun, canceller: Canceller, standIn?: StandIn): void {
  const { input, state } = run;
  const rules = run.rules.cancellation;

  setHandler(
    cancelBookingUpdate,
    async (request) => {
      const party = request.party ?? 'organization';
      const at = new Date();
      // A provider cancelling may be replaced by a backup: the booking then goes on with the backup.
      const replaced = party === 'provider' && standIn ? await run.exclusive(() => standIn(request, run.updateId())) : null;
      if (replaced) return replaced;
      const refundAs = request.refundAs === 'store_credit' ? { refundAs: request.refundAs } : {};
      if (!cancellationNeedsApproval(party, rules)) return canceller.settle({ by: request.cancelledBy, party, reason: request.reason, at, dedupeKey: run.updateId(), ...refundAs });
      return run.exclusive(async () => {
        const pending = { requestedBy: request.cancelledBy, party, reason: request.reason, requestedAt: at.toISOString(), ...refundAs };
        await db.recordCancellationRequest({ bookingId: input.bookingId, request: pending, event: 'cancellation_requested', actor: request.cancelledBy, reason: request.reason, status: state.status, occurredAt: at.toISOString(), dedupeKey: run.updateId() });
        state.cancellationRequest = pending;
        return run.view();
      });
    },
    {
      validator: (request: CancelBookingRequest) =>
        run.guard('cancel', () => {
          const party = request.party ?? 'organization';
          assertMayCancel(party, rules);
          if (state.cancellationRequest && cancellationNeedsApproval(party, rules)) throw new DomainError('CONFLICT', 'A cancellation of this booking is already waiting for approval.');
          // Store credit only where the tier offers it (it does not depend on what was paid).
          if (request.refundAs === 'store_credit') assertStoreCreditOffered(decideRefund({ cancelledAt: new Date(), startsAt: new Date(state.startsAt), cancelledBy: party, paidAmount: 0, rules: run.rules.refund }));
        })(),
    },
  );

  const requestPending = () => {
    if (!state.cancellationRequest) throw new DomainError('INVALID_TRANSITION', 'No cancellation of this booking is waiting for approval.');
  };

  setHandler(
    approveCancellationUpdate,
    (decision) =>
      run.exclusive(async () => {
        const request = state.cancellationRequest!;
        await db.appendBookingNote({ bookingId: input.bookingId, event: 'cancellation_approved', actor: decision.by, reason: decision.reason ?? null, status: state.status, occurredAt: new Date().toISOString(), dedupeKey: `${run.updateId()}:approved` });
        // The refund is decided for the moment the client asked, not the moment someone got round to approving.
        return canceller.settleNow({ by: request.requestedBy, party: request.party, reason: request.reason, at: new Date(), refundAsOf: new Date(request.requestedAt), dedupeKey: run.updateId(), ...(request.refundAs ? { refundAs: request.refundAs } : {}) });
      }),
    { validator: (_decision: CancellationDecisionRequest) => run.guard('cancel', requestPending)() },
  );

  setHandler(
    declineCancellationUpdate,
    (decision) =>
      run.exclusive(async () => {
        await db.recordCancellationRequest({ bookingId: input.bookingId, request: null, event: 'cancellation_declined', actor: decision.by, reason: decision.reason ?? null, status: state.status, occurredAt: new Date().toISOString(), dedupeKey: run.updateId() });
        state.cancellationRequest = null;
        return run.view();
      }),
    { validator: (_decision: CancellationDecisionRequest) => run.guard(null, requestPending)() },
  );
}
