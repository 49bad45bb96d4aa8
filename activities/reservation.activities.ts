import type { Knex } from 'knex';
import { claimHold, confirmHold, endHold, extendHoldRecord, type HoldConfirmation } from '../src/db/queries/hold.queries';
import type { HoldClaimMessage } from '../src/domain/reservation/hold-claim';
import { asActivityFailure } from './activity-failure';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';

/** Dependencies of the reservation activities. */
export interface ReservationActivityDeps {
  db: Knex;
  /** Hands the events each change recorded to webhooks and handlers. */
  events: EventDispatcher;
}

/** Activities that claim, confirm and end holds. Each is one transaction and idempotent. */
export function createReservationActivities({ db, events }: ReservationActivityDeps) {
  return {
    /** Claims the hold's time for every bookable, or fails with SLOT_UNAVAILABLE. */
    async claimHold(input: HoldClaimMessage): Promise<void> {
      await asActivityFailure(() =>
        claimHold(db, {
          ...input,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          blockedFrom: new Date(input.blockedFrom),
          blockedUntil: new Date(input.blockedUntil),
          expiresAt: new Date(input.expiresAt),
          dailyLimits: input.dailyLimits?.map((limit) => ({ ...limit, from: new Date(limit.from), until: new Date(limit.until) })),
        }),
      );
      await events.dispatchPending({ reservationId: input.reservationId });
    },

    /** Turns the hold into a booking row; RESERVATION_NOT_HELD when it lapsed. */
    async confirmHold(input: HoldConfirmation): Promise<void> {
      await asActivityFailure(() => confirmHold(db, input));
      // The hold's own events (its payment) and the booking's.
      await events.dispatchPending({ reservationId: input.reservationId });
      await events.dispatchPending({ bookingId: input.bookingId });
    },

    /** Moves the hold's expiry later; RESERVATION_NOT_HELD once it lapsed. */
    async extendHold(input: { reservationId: string; expiresAt: string }): Promise<void> {
      await asActivityFailure(() => extendHoldRecord(db, input.reservationId, new Date(input.expiresAt)));
    },

    /** Frees the hold's time, recording it as released or expired. */
    async endHold(input: { reservationId: string; outcome: 'released' | 'expired' }): Promise<void> {
      await endHold(db, input.reservationId, input.outcome);
      await events.dispatchPending({ reservationId: input.reservationId });
    },
  };
}
