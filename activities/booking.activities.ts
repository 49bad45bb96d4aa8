import type { Knex } from 'knex';
import { cancelBookingRecord } from '../src/db/queries/booking.queries';

/** Dependencies of the booking activities. */
export interface BookingActivityDeps {
  db: Knex;
}

/** Activities that write a booking's transitions to the database. */
export function createBookingActivities({ db }: BookingActivityDeps) {
  return {
    /** Records the cancellation and frees the booking's time. */
    async cancelBooking(input: { bookingId: string; cancelledBy: string; reason: string | null; cancelledAt: string }): Promise<void> {
      await cancelBookingRecord(db, { ...input, cancelledAt: new Date(input.cancelledAt) });
    },
  };
}
