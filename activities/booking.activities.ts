import type { Knex } from 'knex';
import type { BookingStatus } from '../src/domain/booking/booking-status';
import type { RefundDecision } from '../src/domain/cancellation/refund-decision';
import { moveBooking, recordBookingTransition } from '../src/db/queries/booking-lifecycle.queries';
import { cancelBookingRecord } from '../src/db/queries/booking.queries';
import { asActivityFailure } from './activity-failure';

/** Dependencies of the booking activities. */
export interface BookingActivityDeps {
  db: Knex;
}

/** Activities that write a booking's transitions to the database. */
export function createBookingActivities({ db }: BookingActivityDeps) {
  return {
    /** Records the cancellation and frees the booking's time. */
    async cancelBooking(input: { bookingId: string; cancelledBy: string; reason: string | null; cancelledAt: string; fromStatus?: BookingStatus; dedupeKey?: string; refund?: RefundDecision }): Promise<void> {
      await cancelBookingRecord(db, { ...input, cancelledAt: new Date(input.cancelledAt) });
    },

    /** Writes a lifecycle transition (check-in, completion, no-show, review) to the projection and the audit trail. */
    async recordBookingTransition(input: {
      bookingId: string;
      event: string;
      fromStatus: BookingStatus;
      toStatus: BookingStatus;
      actor: string;
      occurredAt: string;
      dedupeKey: string;
      reason?: string | null;
      checkInMethod?: string;
      review?: Record<string, unknown>;
    }): Promise<void> {
      await recordBookingTransition(db, { ...input, occurredAt: new Date(input.occurredAt) });
    },

    /** Moves the booking's claim to a new time atomically; SLOT_UNAVAILABLE keeps the old time. */
    async moveBooking(input: { bookingId: string; startsAt: string; endsAt: string; blockedFrom: string; blockedUntil: string; actor: string; occurredAt: string; dedupeKey: string }): Promise<void> {
      await asActivityFailure(() =>
        moveBooking(db, {
          ...input,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          blockedFrom: new Date(input.blockedFrom),
          blockedUntil: new Date(input.blockedUntil),
          occurredAt: new Date(input.occurredAt),
        }),
      );
    },
  };
}
