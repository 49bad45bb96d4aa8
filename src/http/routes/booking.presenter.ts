import { toLocalIso } from '../../domain/shared/time';
import type { ReservationModel } from '../../db/models/reservation.model';
import type { BookingModel } from '../../db/models/booking.model';

/** UTC times plus their rendering in the booking's own zone. */
export function presentTimes(startsAt: Date, endsAt: Date, timezone: string) {
  return { startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), timezone, local: { startsAt: toLocalIso(startsAt, timezone), endsAt: toLocalIso(endsAt, timezone) } };
}

/** A reservation (hold) as the API shows it. */
export function presentReservation(reservation: ReservationModel) {
  return {
    id: reservation.id,
    organizationId: reservation.organizationId,
    status: reservation.status,
    expiresAt: reservation.expiresAt.toISOString(),
    serviceTemplateId: reservation.serviceTemplateId,
    serviceTemplateVersion: reservation.serviceTemplateVersion,
    locationId: reservation.locationId,
    bookableIds: reservation.bookableIds,
    bookerUserId: reservation.bookerUserId,
    bookingId: reservation.bookingId,
    workflowId: reservation.workflowId,
    ...presentTimes(reservation.startsAt, reservation.endsAt, reservation.timezone),
    price: reservation.priceQuote,
    createdAt: reservation.createdAt,
  };
}

/** A booking as the API shows it, from the database projection. */
export function presentBooking(booking: BookingModel & { bookableIds?: string[] }) {
  return {
    id: booking.id,
    organizationId: booking.organizationId,
    status: booking.status,
    serviceTemplateId: booking.serviceTemplateId,
    serviceTemplateVersion: booking.serviceTemplateVersion,
    locationId: booking.locationId,
    ...(booking.bookableIds ? { bookableIds: booking.bookableIds } : {}),
    bookerUserId: booking.bookerUserId,
    reservationId: booking.reservationId,
    workflowId: booking.workflowId,
    ...presentTimes(booking.startsAt, booking.endsAt, booking.timezone),
    cancellation: booking.cancelledAt ? { cancelledAt: booking.cancelledAt, cancelledBy: booking.cancelledBy, reason: booking.cancellationReason, refund: booking.cancellationDecision } : null,
    cancellationRequest: booking.cancellationRequest,
    rescheduleFeesAmount: booking.rescheduleFeesAmount,
    price: booking.priceQuote,
    checkedInAt: booking.checkedInAt,
    checkInMethod: booking.checkInMethod,
    completedAt: booking.completedAt,
    noShowAt: booking.noShowAt,
    review: booking.review,
    createdAt: booking.createdAt,
    updatedAt: booking.updatedAt,
  };
}
