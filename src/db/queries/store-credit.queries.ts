import type { Knex } from 'knex';
import { newId } from '../../ids';

/** One movement of a client's store credit with an organization, in minor units (redemptions are negative). */
export interface StoreCreditEntry {
  id: string;
  organizationId: string;
  userId: string;
  kind: 'issued' | 'redeemed' | 'restored';
  amount: number;
  currency: string;
  bookingId: string | null;
  reservationId: string | null;
  idempotencyKey: string;
  createdAt: Date;
}

type NewEntry = Omit<StoreCreditEntry, 'id' | 'createdAt' | 'bookingId' | 'reservationId'> & Partial<Pick<StoreCreditEntry, 'bookingId' | 'reservationId'>>;

/** Records a movement once per idempotency key; returns the row either way. */
export async function recordStoreCredit(db: Knex | Knex.Transaction, entry: NewEntry): Promise<StoreCreditEntry> {
  await db('store_credit_entries').insert({ id: newId('storeCredit'), ...entry }).onConflict('idempotency_key').ignore();
  return db('store_credit_entries').where({ idempotencyKey: entry.idempotencyKey }).first();
}

/** A client's balance per currency with one organization: the sum of the ledger. */
export async function storeCreditBalances(db: Knex | Knex.Transaction, owner: { organizationId: string; userId: string }): Promise<Record<string, number>> {
  const rows: Array<{ currency: string; amount: string | number }> = await db('store_credit_entries').where(owner).groupBy('currency').select('currency').sum({ amount: 'amount' });
  return Object.fromEntries(rows.map((row) => [row.currency, Number(row.amount)]));
}

/** A client's ledger with one organization, newest first. */
export async function storeCreditLedger(db: Knex, owner: { organizationId: string; userId: string }): Promise<StoreCreditEntry[]> {
  return db('store_credit_entries').where(owner).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]);
}

/** How much store credit paid for a hold, net of what went back already, in minor units. */
export async function storeCreditPaidForHold(db: Knex | Knex.Transaction, reservationId: string): Promise<number> {
  const row = await db('store_credit_entries').where({ reservationId }).whereIn('kind', ['redeemed', 'restored']).sum({ amount: 'amount' }).first();
  return -Number(row?.amount ?? 0);
}

/**
 * Pays (part of) a held reservation with its booker's store credit in `currency`, at most `amount`:
 * once per hold (a retry gets the first answer), only while the hold is held, and serialized per client
 * so two holds never spend the same credit. Returns the amount paid with credit.
 */
export async function redeemStoreCreditForHold(db: Knex, input: { reservationId: string; amount: number; currency: string; apply: (balance: number) => number }): Promise<number> {
  return db.transaction(async (trx) => {
    const idempotencyKey = `store-credit-hold:${input.reservationId}`;
    const hold = await trx('reservations').where({ id: input.reservationId }).forUpdate().first('organization_id', 'booker_user_id', 'status');
    const earlier = await trx('store_credit_entries').where({ idempotencyKey }).first('amount');
    if (earlier) return -earlier.amount;
    if (!hold || hold.status !== 'held' || !hold.bookerUserId) return 0;
    const owner = { organizationId: hold.organizationId, userId: hold.bookerUserId };
    await trx.raw('select pg_advisory_xact_lock(hashtext(?))', [`store-credit:${owner.organizationId}:${owner.userId}`]);
    const applied = input.apply((await storeCreditBalances(trx, owner))[input.currency] ?? 0);
    if (applied > 0) await recordStoreCredit(trx, { ...owner, kind: 'redeemed', amount: -applied, currency: input.currency, reservationId: input.reservationId, idempotencyKey });
    return applied;
  });
}

/** Gives back the store credit that paid a hold which ended unconfirmed (released, expired, its payment failed); once. */
export async function restoreHoldStoreCredit(trx: Knex.Transaction, reservationId: string): Promise<void> {
  const redeemed = await trx('store_credit_entries').where({ reservationId, kind: 'redeemed' }).first();
  if (!redeemed) return;
  await recordStoreCredit(trx, { organizationId: redeemed.organizationId, userId: redeemed.userId, kind: 'restored', amount: -redeemed.amount, currency: redeemed.currency, reservationId, idempotencyKey: `store-credit-restore:${reservationId}` });
}

/** Gives back, as store credit, up to `amount` of what store credit paid for a booking's hold (its refund's part not paid by card); once per key. */
export async function refundToStoreCredit(db: Knex, input: { bookingId: string; reservationId: string | null; amount: number; idempotencyKey: string }): Promise<void> {
  if (!input.reservationId || input.amount <= 0) return;
  const redeemed = await db('store_credit_entries').where({ reservationId: input.reservationId, kind: 'redeemed' }).first();
  const amount = Math.min(input.amount, await storeCreditPaidForHold(db, input.reservationId));
  if (!redeemed || amount <= 0) return;
  await recordStoreCredit(db, { organizationId: redeemed.organizationId, userId: redeemed.userId, kind: 'restored', amount, currency: redeemed.currency, bookingId: input.bookingId, reservationId: input.reservationId, idempotencyKey: input.idempotencyKey });
}

/** A ledger row as the API shows it. */
export function storeCreditView(entry: StoreCreditEntry) {
  const { id, kind, amount, currency, bookingId, reservationId, createdAt } = entry;
  return { id, kind, amount, currency, bookingId, reservationId, createdAt };
}
