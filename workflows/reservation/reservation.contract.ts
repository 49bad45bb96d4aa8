import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { BookingRules } from '../booking/booking.contract';
import type { HoldRequestFields } from '../../src/domain/reservation/hold-claim';
import type { ReservationWorkflowStatus } from '../../src/domain/reservation/reservation-status';
import type { PaymentTerms } from '../../src/domain/pricing/payment-terms';

/** What the API hands the reservation workflow when a client asks to hold a slot. Times are ISO-8601 UTC. */
export interface ReservationInput extends HoldRequestFields {
  bookingId: string;
  holdSeconds: number;
  summary: string;
  /** The lifecycle rules the booking will keep (absent in reservations made before they existed). */
  bookingRules?: BookingRules;
  /** The booker as the booking's primary participant (null: booked without a person, e.g. by an API key; absent in older reservations). */
  primaryParticipant?: { participantId: string; userId: string } | null;
  /** What must be paid before the hold can be confirmed (absent: nothing; the quote's `dueNowAmount`). */
  payment?: PaymentTerms;
  /** Tell the organization's owners and admins when the hold expires unconfirmed (`onExpiry: notify_admin`). */
  notifyAdminsOnExpiry?: boolean;
  /** How far the holder may extend the hold (absent: not at all). */
  extensions?: { max: number; seconds: number };
}

/** The live state of a reservation, as its queries and updates report it. */
export interface ReservationView {
  reservationId: string;
  status: ReservationWorkflowStatus;
  expiresAt: string | null;
  bookingId: string | null;
  /** How many times the hold was extended (absent in older workflows' answers). */
  extensions?: number;
  /** Where its payment is, for holds that need one. */
  payment?: { status: 'awaiting' | 'requested' | 'paid' | 'failed'; amount: number; currency: string; kind: 'deposit' | 'full' } | null;
}

/**
 * A payment intent made for a hold: the client pays it with Stripe (e.g. Stripe.js with the client secret).
 * `amount` is what Stripe charges; with store credit applied, `storeCreditAmount` is the part credit paid,
 * and a hold credit paid in full has no intent (`paymentIntentId` null) and is paid at once.
 */
export interface PaymentRequestView {
  paymentIntentId: string | null;
  clientSecret: string | null;
  amount: number;
  storeCreditAmount?: number;
  currency: string;
  kind: 'deposit' | 'full';
}

/** Who asks for the payment intent, and whether the booker's store credit pays first. */
export interface RequestPaymentRequest {
  requestedBy: string;
  useStoreCredit?: boolean;
}

/** How a hold's payment ended at Stripe (from Stripe's signed event). */
export interface PaymentSettlement {
  paymentIntentId: string;
  outcome: 'succeeded' | 'failed';
  reason?: string | null;
}

/** Who confirms a hold. */
export interface ConfirmReservationRequest {
  confirmedBy: string;
}

/** Who releases a hold. */
export interface ReleaseReservationRequest {
  releasedBy: string;
}

/** The workflow id of a reservation: `reservation:rs_…`. */
export function reservationWorkflowId(reservationId: string): string {
  return `reservation:${reservationId}`;
}

/** Answers once the hold is claimed (its expiry) or refused (SLOT_UNAVAILABLE); used with Update-with-Start. */
export const awaitHoldUpdate = defineUpdate<ReservationView>('awaitHold');
/** Turns the hold into a booking workflow; fails with RESERVATION_NOT_HELD once it expired or was released. */
export const confirmReservationUpdate = defineUpdate<ReservationView, [ConfirmReservationRequest]>('confirmReservation');
/** Who extends a hold. */
export interface ExtendReservationRequest {
  extendedBy: string;
}

/** Pushes the hold's expiry back by the template's extension time (EXTENSION_NOT_ALLOWED past its limit). */
export const extendReservationUpdate = defineUpdate<ReservationView, [ExtendReservationRequest]>('extendReservation');
/** Gives the slot back before the hold expires. */
export const releaseReservationUpdate = defineUpdate<ReservationView, [ReleaseReservationRequest]>('releaseReservation');
/** Makes (once) the Stripe payment intent the hold must be paid with; INVALID_TRANSITION when it needs none. */
export const requestPaymentUpdate = defineUpdate<PaymentRequestView, [RequestPaymentRequest]>('requestPayment');
/** Stripe settled the hold's payment: paid, it may be confirmed; failed, it is released. */
export const paymentSettledSignal = defineSignal<[PaymentSettlement]>('paymentSettled');
/** The live state. */
export const reservationStateQuery = defineQuery<ReservationView>('reservationState');
