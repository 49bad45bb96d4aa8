import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BookingRules } from '../booking/booking.contract';
import type { HoldRequestFields } from '../../src/domain/reservation/hold-claim';
import type { ReservationWorkflowStatus } from '../../src/domain/reservation/reservation-status';

/** What the API hands the reservation workflow when a client asks to hold a slot. Times are ISO-8601 UTC. */
export interface ReservationInput extends HoldRequestFields {
  bookingId: string;
  holdSeconds: number;
  summary: string;
  /** The lifecycle rules the booking will keep (absent in reservations made before they existed). */
  bookingRules?: BookingRules;
  /** The booker as the booking's primary participant (null: booked without a person, e.g. by an API key; absent in older reservations). */
  primaryParticipant?: { participantId: string; userId: string } | null;
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
/** The live state. */
export const reservationStateQuery = defineQuery<ReservationView>('reservationState');
