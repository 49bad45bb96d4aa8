import type { Knex } from 'knex';
import { recordStoreCredit, redeemStoreCreditForHold } from '../src/db/queries/store-credit.queries';
import { storeCreditToApply } from '../src/domain/cancellation/store-credit';

/** Dependencies of the store-credit activities. */
export interface StoreCreditActivityDeps {
  db: Knex;
}

/** The booking's organization, booker and currency, which its store credit is kept in. */
async function creditOwner(db: Knex, bookingId: string): Promise<{ organizationId: string; userId: string; currency: string } | undefined> {
  const booking = await db('bookings').where({ id: bookingId }).first('organization_id', 'booker_user_id', 'price_quote');
  const currency = booking?.priceQuote?.currency as string | undefined;
  if (!booking?.bookerUserId || !currency) return undefined;
  return { organizationId: booking.organizationId, userId: booking.bookerUserId, currency };
}

/** Activities that move a client's store credit, each keyed by business ids so a retry moves it once. */
export function createStoreCreditActivities({ db }: StoreCreditActivityDeps) {
  return {
    /** Issues a cancelled booking's refund as store credit (the bonus included), once per cancellation. */
    async issueStoreCredit(input: { bookingId: string; reservationId: string | null; amount: number; dedupeKey: string }): Promise<void> {
      const owner = await creditOwner(db, input.bookingId);
      if (!owner || input.amount <= 0) return;
      await recordStoreCredit(db, { ...owner, kind: 'issued', amount: input.amount, bookingId: input.bookingId, idempotencyKey: `store-credit:${input.bookingId}:${input.dedupeKey}` });
    },

    /** Pays as much of a hold's amount due as its booker's store credit covers; returns the amount paid with credit. */
    async redeemStoreCreditForHold(input: { reservationId: string; amount: number; currency: string }): Promise<number> {
      return redeemStoreCreditForHold(db, { ...input, apply: (balance) => storeCreditToApply(balance, input.amount) });
    },
  };
}
