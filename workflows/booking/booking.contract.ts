import { defineQuery, defineUpdate } from '@temporalio/workflow';
import type { BackupRule, BackupTrigger } from '../../src/domain/bookables/backups';
import type { BookingStatus } from '../../src/domain/booking/booking-status';
import type { CheckInRules, RescheduleRules } from '../../src/domain/booking/lifecycle-rules';
import type { SecurityDepositView } from '../../src/domain/booking/security-deposit';
import type { CancelledBy, RefundMethod, RefundRules } from '../../src/domain/cancellation/refund-decision';
import type { TimerRules } from '../../src/domain/booking/lifecycle-timers';
import type { CancellationRules } from '../../src/domain/cancellation/cancellation-policy';
import type { NotificationRules } from '../../src/domain/notifications/notification-rules';
import type { Participant, ParticipantRole } from '../../src/domain/participants/participants';


/** The lifecycle rules a booking keeps from the template version it was booked with. */
export interface BookingRules {
  checkIn: CheckInRules;
  reschedule: RescheduleRules;
  /** Absent in bookings made before refund rules travelled with them. */
  refund?: RefundRules;
  /** Timed transitions (approval deadline, automatic no-show and completion); absent in older bookings. */
  timers?: TimerRules;
  /** The booking waits in `pending` for someone to approve it. */
  requireApproval?: boolean;
  /** Who may cancel, whose cancellation needs approval, what the primary's cancellation does; absent in older bookings. */
  cancellation?: CancellationRules;
  /** What the booking tells people, and when; absent in bookings made before notifications. */
  notifications?: NotificationRules;
  /** Who stands by for the booking's bookables, and what they earn; absent in bookings made before backups. */
  backups?: BackupRule[];
  /** The amount held on the client's card around the booking (its quote's security deposit); absent without one. */
  securityDeposit?: SecurityDepositRules;
}

/** A booking's security deposit: what is held, in which currency, and how long after the end it is released. */
export interface SecurityDepositRules {
  amount: number;
  currency: string;
  releaseAfterHours: number;
}

/** What a booking workflow starts with. Times are ISO-8601 UTC. `rules` is absent in bookings made before lifecycle rules existed. */
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
  rules?: BookingRules;
  /** The people of the booking; absent in bookings made before participants existed (they cannot change). */
  participants?: Participant[];
}

/** The live state of a booking. */
export interface BookingView {
  bookingId: string;
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  cancelledBy: string | null;
  cancellationReason: string | null;
  /** A cancellation waiting for approval (absent in older workflows' answers). */
  cancellationRequest?: CancellationRequestView | null;
  participants?: Participant[];
  /** The primary left and nobody has taken over yet; the booking is cancelled at its start if nobody does. */
  awaitingNewPrimary?: boolean;
}

/** A cancellation that waits for someone to approve it. */
export interface CancellationRequestView {
  requestedBy: string;
  party: CancelledBy;
  reason: string | null;
  requestedAt: string;
  /** The client asked for the refund as store credit (absent: to the original payment). */
  refundAs?: RefundMethod;
}

/** Who cancels, and why. */
export interface CancelBookingRequest {
  cancelledBy: string;
  reason: string | null;
  /** Whether the client or the business cancels (decides the refund); absent means the business. */
  party?: CancelledBy;
  /** The provider (bookable) who cancels, when a provider does: a backup may take over instead. */
  providerId?: string | null;
  /** The client takes the refund as store credit with its bonus (STORE_CREDIT_NOT_OFFERED where the tier does not offer it). */
  refundAs?: RefundMethod;
}

/** A primary bookable that fell through: a backup takes over. */
export interface ActivateBackupRequest {
  by: string;
  trigger: BackupTrigger;
  /** Absent: whichever primary a covering backup stands in for. */
  primaryBookableId?: string | null;
  reason: string | null;
}

/** Staff take part or all of a held security deposit (once), and say why. */
export interface CaptureSecurityDepositRequest {
  by: string;
  /** Minor units, at most what is held. */
  amount: number;
  reason: string | null;
}

/** Staff give a security deposit up: a held one is released, a scheduled one never placed. */
export interface ReleaseSecurityDepositRequest {
  by: string;
  reason: string | null;
}

/** Who decides on a cancellation request, and why. */
export interface CancellationDecisionRequest {
  by: string;
  reason?: string | null;
}

/** Someone joining the booking. The API chooses the id (derived from the Idempotency-Key). */
export interface AddParticipantRequest {
  by: string;
  participantId: string;
  userId: string | null;
  email: string | null;
  phone?: string | null;
  name: string | null;
  role: ParticipantRole;
}

/** Someone leaving the booking (removed by staff or the primary, or leaving by themselves). */
export interface RemoveParticipantRequest {
  by: string;
  participantId: string;
  reason: string | null;
}

/** One participant's arrival. */
export interface CheckInParticipantRequest {
  by: string;
  participantId: string;
  method: string;
}

/** Who records the client's arrival, and how (manual, qr_code, geo, self). */
export interface CheckInRequest {
  by: string;
  method: string;
}

/** Who records a transition without further data (complete, no-show). */
export interface ActorRequest {
  by: string;
  reason?: string | null;
}

/** The client's review after completion. */
export interface ReviewRequest {
  by: string;
  rating: number;
  comment: string | null;
}

/** The new time of a rescheduled booking, with the span it blocks (buffers included). */
export interface RescheduleRequest {
  by: string;
  startsAt: string;
  endsAt: string;
  blockedFrom: string;
  blockedUntil: string;
  /** Who asks: a client's reschedule may carry the template's fee (absent: the business). */
  party?: CancelledBy;
}

/** The workflow id of a booking: `booking:bk_…`. */
export function bookingWorkflowId(bookingId: string): string {
  return `booking:${bookingId}`;
}

/**
 * Cancels the booking and frees its time; INVALID_TRANSITION when the booking can no longer be cancelled,
 * CANCELLATION_NOT_ALLOWED when the template forbids this party to cancel. A party whose cancellations
 * need approval gets a pending request instead; the primary cancelling may leave the booking to the others.
 */
export const cancelBookingUpdate = defineUpdate<BookingView, [CancelBookingRequest]>('cancelBooking');
/** Records arrival inside the check-in window (CHECK_IN_NOT_OPEN / CHECK_IN_CLOSED otherwise). */
export const checkInBookingUpdate = defineUpdate<BookingView, [CheckInRequest]>('checkInBooking');
/** Approves a pending booking (manual approval): it becomes confirmed. */
export const approveBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('approveBooking');
/** Rejects a pending booking: it is cancelled by the business and its time freed. */
export const rejectBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('rejectBooking');
/** Records that the service was delivered. */
export const completeBookingUpdate = defineUpdate<BookingView, [ActorRequest]>('completeBooking');
/** Records that the client did not come; frees the time. */
export const markNoShowUpdate = defineUpdate<BookingView, [ActorRequest]>('markBookingNoShow');
/** Records the client's review of a completed booking. */
export const reviewBookingUpdate = defineUpdate<BookingView, [ReviewRequest]>('reviewBooking');
/** Moves the booking to a new time: the new time is claimed before the old is released, atomically. */
export const rescheduleBookingUpdate = defineUpdate<BookingView, [RescheduleRequest]>('rescheduleBooking');
/** Approves a cancellation request: the booking is cancelled as of the request (its refund decided for that time). */
export const approveCancellationUpdate = defineUpdate<BookingView, [CancellationDecisionRequest]>('approveCancellation');
/** Declines a cancellation request: the booking stays as it is. */
export const declineCancellationUpdate = defineUpdate<BookingView, [CancellationDecisionRequest]>('declineCancellation');
/** Adds an observer, a guest, or a primary when the booking has none. */
export const addParticipantUpdate = defineUpdate<BookingView, [AddParticipantRequest]>('addParticipant');
/** Removes an observer or guest. */
export const removeParticipantUpdate = defineUpdate<BookingView, [RemoveParticipantRequest]>('removeParticipant');
/** Records one participant's arrival; the first arrival checks the booking in. */
export const checkInParticipantUpdate = defineUpdate<BookingView, [CheckInParticipantRequest]>('checkInParticipant');
/**
 * A backup takes over from a primary bookable that fell through (BACKUP_NOT_CONFIGURED when no backup
 * covers it, BACKUP_UNAVAILABLE when every backup is busy: nothing changes).
 */
export const activateBackupUpdate = defineUpdate<BookingView, [ActivateBackupRequest]>('activateBackup');
/**
 * Takes part or all of the held security deposit (SECURITY_DEPOSIT_NOT_ACTIVE unless one is held;
 * VALIDATION_FAILED above the amount held); Stripe releases the rest.
 */
export const captureSecurityDepositUpdate = defineUpdate<SecurityDepositView, [CaptureSecurityDepositRequest]>('captureSecurityDeposit');
/** Releases the held security deposit, or waives a scheduled one (SECURITY_DEPOSIT_NOT_ACTIVE otherwise). */
export const releaseSecurityDepositUpdate = defineUpdate<SecurityDepositView, [ReleaseSecurityDepositRequest]>('releaseSecurityDeposit');
/** The live state. */
export const bookingStateQuery = defineQuery<BookingView>('bookingState');
