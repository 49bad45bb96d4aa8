/**
 * A reservation is a temporary hold on bookable time (spec §4.1 RESERVED). It is claimed, then held
 * until it is confirmed into a booking, released by its holder, or expires when its timer fires.
 * `rejected` is a hold that never got its slot; it has no database row.
 */
export const reservationStatuses = ['held', 'confirmed', 'released', 'expired'] as const;

/** A stored reservation's state. */
export type ReservationStatus = (typeof reservationStatuses)[number];

/** The reservation workflow's own view, which adds the moments before a hold exists. */
export type ReservationWorkflowStatus = 'claiming' | 'rejected' | ReservationStatus;
