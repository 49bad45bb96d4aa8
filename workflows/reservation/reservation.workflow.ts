/**
 * Reservation workflow: a hold on bookable time (spec §4.1 RESERVED).
 *
 * States: claiming → held → confirmed | released | expired; claiming → rejected when the slot is taken.
 * Messages: update `awaitHold` (answers the creating request: held + expiry, or SLOT_UNAVAILABLE),
 *   update `requestPayment` and signal `paymentSettled` (holds whose service takes payment first: confirming
 *   waits for the payment with PAYMENT_REQUIRED; a failed payment releases the hold; behind patch
 *   `hold-store-credit` the booker's store credit may pay first, in full without Stripe),
 *   update `extendReservation` (behind patch `hold-extensions`: the expiry wait restarts),
 *   update `confirmReservation` (starts the booking workflow), update `releaseReservation`,
 *   query `reservationState`.
 * Timers: the hold expiry (`lifecycle.reservation.holdDurationSeconds` of the service template).
 * Id: `reservation:rs_…`. Compensation: an expired or released hold frees its allocations and gives back
 *   the store credit that paid it (in the same transaction).
 * The workflow ends once the hold is settled; a confirmed hold lives on as `booking:bk_…`.
 */
import {
  ParentClosePolicy,
  condition,
  allHandlersFinished,
  patched,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { bookingSearchAttributes, searchAttributes } from '../../temporal/search-attributes';
import { bookingWorkflow } from '../booking/booking.workflow';
import { bookingWorkflowId } from '../booking/booking.contract';
import { databaseActivities as db, notificationActivities, paymentActivities } from '../shared/activity-profiles';
import { activityFailureCode, activityFailureDetails, businessFailure, refusalFromActivity } from '../shared/failures';
import {
  awaitHoldUpdate,
  confirmReservationUpdate,
  extendReservationUpdate,
  releaseReservationUpdate,
  reservationStateQuery,
  paymentSettledSignal,
  requestPaymentUpdate,
  type ConfirmReservationRequest,
  type PaymentRequestView,
  type RequestPaymentRequest,
  type ExtendReservationRequest,
  type ReleaseReservationRequest,
  type ReservationInput,
  type ReservationView,
} from './reservation.contract';
import { holdClaimMessage } from '../../src/domain/reservation/hold-claim';
import type { ReservationWorkflowStatus } from '../../src/domain/reservation/reservation-status';
import type { Participant } from '../../src/domain/participants/participants';

type Status = ReservationWorkflowStatus | 'confirming' | 'releasing';

// The booker becomes the booking's primary participant (their email lives in the database row).
function primaryParticipants(primary: ReservationInput['primaryParticipant']): Participant[] {
  return primary ? [{ id: primary.participantId, userId: primary.userId, email: null, role: 'primary', status: 'active', checkedIn: false }] : [];
}

/** Holds a slot until it is confirmed, released or expires. */
export async function reservationWorkflow(input: ReservationInput): Promise<ReservationView> {
  let status: Status = 'claiming';
  let rejection: Record<string, unknown> = {};
  let expiresAt: Date | null = null;
  let bookingId: string | null = null;
  let extensions = 0;
  let extending = false;
  let paymentStatus: 'awaiting' | 'requested' | 'paid' | 'failed' = 'awaiting';
  let paymentIntent: PaymentRequestView | null = null;

  const view = (): ReservationView => ({
    reservationId: input.reservationId,
    status: status === 'confirming' || status === 'releasing' ? 'held' : status,
    expiresAt: expiresAt?.toISOString() ?? null,
    bookingId,
    extensions,
    ...(input.payment ? { payment: { status: paymentStatus, ...input.payment } } : {}),
  });
  const moveTo = (next: Status): void => {
    status = next;
    upsertSearchAttributes([{ key: searchAttributes.status, value: next }]);
  };
  const requireHeld = (): void => {
    if (status !== 'held') throw businessFailure('RESERVATION_NOT_HELD', `The reservation is ${view().status}.`, { status: view().status });
  };

  setHandler(reservationStateQuery, view);

  setHandler(awaitHoldUpdate, async () => {
    await condition(() => status !== 'claiming');
    if (status === 'rejected') throw businessFailure('SLOT_UNAVAILABLE', 'That time is no longer available.', { startsAt: input.startsAt, ...rejection });
    return view();
  });

  setHandler(
    confirmReservationUpdate,
    async ({ confirmedBy }) => {
      moveTo('confirming');
      const newBookingId = input.bookingId;
      // A service that needs manual approval starts its booking pending.
      const bookingStatus = input.bookingRules?.requireApproval ? 'pending' : 'confirmed';
      try {
        await db.confirmHold({
          reservationId: input.reservationId,
          bookingId: newBookingId,
          bookingWorkflowId: bookingWorkflowId(newBookingId),
          confirmedBy,
          status: bookingStatus,
          ...(input.primaryParticipant ? { primaryParticipantId: input.primaryParticipant.participantId } : {}),
        });
      } catch (error) {
        if (activityFailureCode(error) !== 'RESERVATION_NOT_HELD') throw error;
        // The database says the hold lapsed (its clock passed expires_at first): settle as expired.
        moveTo('expired');
        await db.endHold({ reservationId: input.reservationId, outcome: 'expired' });
        throw businessFailure('RESERVATION_NOT_HELD', 'The hold has expired.', { status: 'expired' });
      }
      await startChild(bookingWorkflow, {
        workflowId: bookingWorkflowId(newBookingId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: input.summary,
        typedSearchAttributes: bookingSearchAttributes({ ...input, status: bookingStatus }),
        args: [
          {
            bookingId: newBookingId,
            reservationId: input.reservationId,
            organizationId: input.organizationId,
            locationId: input.locationId,
            serviceTemplateId: input.serviceTemplateId,
            bookableIds: input.bookableIds,
            bookerUserId: input.bookerUserId,
            status: bookingStatus,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            timezone: input.timezone,
            rules: input.bookingRules,
            ...(input.primaryParticipant === undefined ? {} : { participants: primaryParticipants(input.primaryParticipant) }),
          },
        ],
      });
      bookingId = newBookingId;
      moveTo('confirmed');
      return view();
    },
    {
      validator: (_request: ConfirmReservationRequest) => {
        requireHeld();
        if (input.payment && paymentStatus !== 'paid') {
          throw businessFailure('PAYMENT_REQUIRED', `This hold is confirmed once its ${input.payment.kind === 'deposit' ? 'deposit' : 'payment'} is paid.`, { payment: { status: paymentStatus, ...input.payment } });
        }
      },
    },
  );

  // The booker's store credit pays what it covers; Stripe is asked for the rest, if any.
  const payWithStoreCredit = async (): Promise<PaymentRequestView> => {
    const terms = input.payment!;
    const storeCreditAmount = await db.redeemStoreCreditForHold({ reservationId: input.reservationId, amount: terms.amount, currency: terms.currency });
    const rest = terms.amount - storeCreditAmount;
    if (rest <= 0) return { paymentIntentId: null, clientSecret: null, amount: 0, storeCreditAmount, currency: terms.currency, kind: terms.kind };
    const intent = await paymentActivities.createHoldPaymentIntent({ reservationId: input.reservationId, organizationId: input.organizationId, ...terms, amount: rest });
    return { ...intent, storeCreditAmount };
  };

  setHandler(
    requestPaymentUpdate,
    async (request) => {
      // One intent per hold, whoever asks and however often; the first request decides whether store credit pays first.
      if (request.useStoreCredit && !paymentIntent && patched('hold-store-credit')) paymentIntent = await payWithStoreCredit();
      paymentIntent ??= await paymentActivities.createHoldPaymentIntent({ reservationId: input.reservationId, organizationId: input.organizationId, ...input.payment! });
      if (paymentStatus === 'awaiting') paymentStatus = paymentIntent.paymentIntentId === null ? 'paid' : 'requested';
      return paymentIntent;
    },
    {
      validator: (_request: RequestPaymentRequest) => {
        requireHeld();
        if (!input.payment) throw businessFailure('INVALID_TRANSITION', 'This hold needs no payment.');
        if (paymentStatus === 'paid') throw businessFailure('INVALID_TRANSITION', 'This hold is paid already.');
      },
    },
  );

  setHandler(paymentSettledSignal, async (settlement) => {
    if (!input.payment || status !== 'held' || settlement.paymentIntentId !== paymentIntent?.paymentIntentId) return;
    if (settlement.outcome === 'succeeded') {
      paymentStatus = 'paid';
      return;
    }
    paymentStatus = 'failed';
    moveTo('releasing');
    await db.endHold({ reservationId: input.reservationId, outcome: 'released' });
    moveTo('released');
  });

  setHandler(
    extendReservationUpdate,
    async () => {
      extending = true;
      try {
        const extended = new Date(expiresAt!.getTime() + input.extensions!.seconds * 1000);
        await db.extendHold({ reservationId: input.reservationId, expiresAt: extended.toISOString() }).catch((error: unknown) => {
          throw refusalFromActivity(error);
        });
        expiresAt = extended;
        extensions += 1;
        return view();
      } finally {
        extending = false;
      }
    },
    {
      validator: (_request: ExtendReservationRequest) => {
        requireHeld();
        if (extending) throw businessFailure('CONFLICT', 'The hold is being extended already.');
        const allowed = input.extensions?.max ?? 0;
        if (extensions >= allowed) {
          throw businessFailure('EXTENSION_NOT_ALLOWED', allowed === 0 ? 'This hold cannot be extended.' : `This hold was extended ${extensions} times, the most allowed.`, { extensions, max: allowed });
        }
      },
    },
  );

  setHandler(
    releaseReservationUpdate,
    async () => {
      moveTo('releasing');
      await db.endHold({ reservationId: input.reservationId, outcome: 'released' });
      if (input.payment && paymentStatus === 'paid') await paymentActivities.refundUnclaimedHold({ reservationId: input.reservationId });
      moveTo('released');
      return view();
    },
    { validator: (_request: ReleaseReservationRequest) => requireHeld() },
  );

  // A function, not a comparison, because handlers change `status` between awaits.
  const holding = (): boolean => status === 'held';
  // Settle before the activity runs, so a confirm arriving meanwhile is refused, not raced.
  const expire = async () => {
    moveTo('expired');
    await db.endHold({ reservationId: input.reservationId, outcome: 'expired' });
    // A paid hold that was never confirmed gives its money back.
    if (input.payment && paymentStatus === 'paid') await paymentActivities.refundUnclaimedHold({ reservationId: input.reservationId });
    // The slot is free again either way; the message is best effort and never keeps the hold.
    if (input.notifyAdminsOnExpiry) await notificationActivities.notifyHoldExpired({ reservationId: input.reservationId }).catch(() => undefined);
  };

  try {
    // Workflow time is deterministic: replaying this line after a crash yields the same expiry.
    const holdUntil = new Date(Date.now() + input.holdSeconds * 1000);
    await db.claimHold(holdClaimMessage(input, { workflowId: workflowInfo().workflowId, expiresAt: holdUntil.toISOString() }));
    expiresAt = holdUntil;
    moveTo('held');
  } catch (error) {
    if (activityFailureCode(error) !== 'SLOT_UNAVAILABLE') throw error;
    // Why the claim was refused (taken, or a day already full) goes back to the caller with the refusal.
    rejection = activityFailureDetails(error);
    moveTo('rejected');
    await condition(allHandlersFinished);
    return view();
  }

  if (patched('hold-extensions')) {
    // Wait for the current expiry; an extension moves it, so the wait starts again.
    for (;;) {
      const until: Date = expiresAt;
      const woke = await condition(() => status !== 'held' || extending || expiresAt !== until, Math.max(1, until.getTime() - Date.now()));
      if (extending) await condition(() => !extending);
      if (!holding()) break;
      if (woke || expiresAt !== until) continue;
      await expire();
      break;
    }
  } else if (!(await condition(() => status !== 'held', expiresAt.getTime() - Date.now()))) {
    await expire();
  }
  await condition(() => status !== 'confirming' && status !== 'releasing');
  await condition(allHandlersFinished);
  return view();
}
