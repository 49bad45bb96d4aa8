import type { Knex } from 'knex';
import { authorisationLapsesAt, type SecurityDepositStatus, type SecurityDepositView } from '../../domain/booking/security-deposit';
import { newId } from '../../ids';
import { recordBookingEvent } from './domain-event.queries';
import { paymentView, type PaymentRecord } from './payment.queries';

/**
 * A booking's security deposit (security_deposits, one row per booking) and its ledger rows. Every
 * change is one transaction: the row's new state, its ledger row (keyed by an idempotency key made of
 * business ids) and its event, so a retried activity writes each once and a change never lacks its event.
 */

type Db = Knex | Knex.Transaction;

/** A booking's security deposit as stored. */
export interface SecurityDepositRow {
  id: string;
  organizationId: string;
  bookingId: string;
  status: SecurityDepositStatus;
  amount: number;
  currency: string;
  holdAt: Date;
  releaseAt: Date;
  stripePaymentIntentId: string | null;
  heldAt: Date | null;
  capturedAmount: number | null;
  captureReason: string | null;
  capturedBy: string | null;
  capturedAt: Date | null;
  releasedAmount: number | null;
  releasedBy: string | null;
  releasedAt: Date | null;
  failureCode: string | null;
  failureMessage: string | null;
  captureBefore: Date | null;
  renewals: number;
  renewalFailedAt: Date | null;
}

/** The security deposit as the API and events show it. */
export function securityDepositView(row: SecurityDepositRow): SecurityDepositView {
  const iso = (at: Date | null) => (at ? at.toISOString() : null);
  return {
    status: row.status,
    amount: row.amount,
    currency: row.currency,
    capturedAmount: row.capturedAmount ?? 0,
    releasedAmount: row.releasedAmount ?? 0,
    holdAt: row.holdAt.toISOString(),
    heldAt: iso(row.heldAt),
    releaseAt: row.releaseAt.toISOString(),
    releasedAt: iso(row.releasedAt),
    capturedAt: iso(row.capturedAt),
    captureReason: row.captureReason,
    stripePaymentIntentId: row.stripePaymentIntentId,
    captureBefore: iso(row.captureBefore),
    renewals: row.renewals,
    failureCode: row.failureCode,
    failureMessage: row.failureMessage,
  };
}

/** The security deposit of a booking, if it has one. */
export async function findSecurityDeposit(db: Db, bookingId: string): Promise<SecurityDepositRow | undefined> {
  return db('security_deposits').where({ bookingId }).first();
}

/**
 * Plans (or plans again, after a reschedule) when the deposit is held and released: the hold time
 * only while it is scheduled, the release time until it is held no more.
 */
export async function planSecurityDeposit(db: Knex, plan: { bookingId: string; amount: number; currency: string; holdAt: Date; releaseAt: Date }): Promise<SecurityDepositRow | undefined> {
  const booking = await db('bookings').where({ id: plan.bookingId }).first('organization_id');
  if (!booking) return undefined;
  await db.raw(
    `INSERT INTO security_deposits (id, organization_id, booking_id, status, amount, currency, hold_at, release_at)
     VALUES (:id, :organizationId, :bookingId, 'scheduled', :amount, :currency, :holdAt, :releaseAt)
     ON CONFLICT (booking_id) DO UPDATE SET
       hold_at = CASE WHEN security_deposits.status = 'scheduled' THEN excluded.hold_at ELSE security_deposits.hold_at END,
       release_at = CASE WHEN security_deposits.status IN ('scheduled', 'held') THEN excluded.release_at ELSE security_deposits.release_at END,
       updated_at = now()`,
    { id: newId('securityDeposit'), organizationId: booking.organizationId, ...plan },
  );
  return findSecurityDeposit(db, plan.bookingId);
}

/** A ledger row of the deposit, once per idempotency key; returns it either way. */
async function ledgerRow(
  trx: Db,
  deposit: SecurityDepositRow,
  row: Pick<PaymentRecord, 'kind' | 'status' | 'amount' | 'idempotencyKey'> & Partial<Pick<PaymentRecord, 'reason' | 'stripePaymentIntentId' | 'stripeCustomerId' | 'stripePaymentMethodId' | 'failureCode' | 'failureMessage'>>,
): Promise<PaymentRecord> {
  // clock_timestamp(), not the transaction's now(): a capture's row and its rest's, written together, list in that order.
  const base = { organizationId: deposit.organizationId, reservationId: null, bookingId: deposit.bookingId, currency: deposit.currency, createdAt: trx.raw('clock_timestamp()') };
  await trx('payment_transactions').insert({ id: newId('payment'), ...base, ...row }).onConflict('idempotency_key').ignore();
  return trx('payment_transactions').where({ idempotencyKey: row.idempotencyKey }).first();
}

/** Moves the deposit from one of `from` to a new state; the row as it is afterwards (unchanged when a retry finds it moved already). */
async function moveDeposit(trx: Db, bookingId: string, from: SecurityDepositStatus[], change: Record<string, unknown>): Promise<{ row: SecurityDepositRow; moved: boolean }> {
  const [moved] = await trx('security_deposits').where({ bookingId }).whereIn('status', from).update({ ...change, updatedAt: trx.fn.now() }).returning('*');
  return { row: moved ?? (await findSecurityDeposit(trx, bookingId))!, moved: moved !== undefined };
}

const depositEvent = async (trx: Db, row: SecurityDepositRow, type: 'deposit.hold_placed' | 'deposit.released' | 'payment.failed' | 'payment.received', dedupeKey: string, payment: PaymentRecord | null) => {
  await recordBookingEvent(trx, { type, bookingId: row.bookingId, dedupeKey, occurredAt: new Date(), extra: { securityDeposit: securityDepositView(row), ...(payment ? { payment: paymentView(payment) } : {}) } });
};

/** A card and what Stripe said of an authorisation on it. */
interface Authorisation {
  paymentIntentId: string;
  card: { customerId: string; paymentMethodId: string };
  /** When Stripe lets it lapse, if it said. */
  captureBefore: string | null;
}

/** Stripe authorised the deposit: held, with its ledger row and `deposit.hold_placed`. */
export async function recordDepositHeld(db: Knex, input: Authorisation & { bookingId: string; idempotencyKey: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const now = new Date();
    const captureBefore = authorisationLapsesAt(now, input.captureBefore ? new Date(input.captureBefore) : null);
    const { row } = await moveDeposit(trx, input.bookingId, ['scheduled'], { status: 'held', stripePaymentIntentId: input.paymentIntentId, heldAt: now, captureBefore });
    const payment = await ledgerRow(trx, row, { kind: 'security_deposit_hold', status: 'succeeded', amount: row.amount, stripePaymentIntentId: input.paymentIntentId, stripeCustomerId: input.card.customerId, stripePaymentMethodId: input.card.paymentMethodId, idempotencyKey: input.idempotencyKey });
    await depositEvent(trx, row, 'deposit.hold_placed', 'security-deposit', payment);
    return row;
  });
}

/** The deposit could not be held (declined, or no saved card): failed, with its ledger row and `payment.failed`. */
export async function recordDepositFailed(db: Knex, input: { bookingId: string; paymentIntentId: string | null; failureCode: string; failureMessage: string; idempotencyKey: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const failure = { failureCode: input.failureCode, failureMessage: input.failureMessage };
    const { row } = await moveDeposit(trx, input.bookingId, ['scheduled'], { status: 'failed', stripePaymentIntentId: input.paymentIntentId, ...failure });
    const payment = await ledgerRow(trx, row, { kind: 'security_deposit_hold', status: 'failed', amount: row.amount, stripePaymentIntentId: input.paymentIntentId, ...failure, idempotencyKey: input.idempotencyKey });
    await depositEvent(trx, row, 'payment.failed', 'security-deposit', payment);
    return row;
  });
}

/**
 * Staff took `amount` of the held deposit: captured, the capture's ledger row and `payment.received`;
 * the rest of the authorisation is released by Stripe, so it gets a release row and `deposit.released`.
 */
export async function recordDepositCaptured(db: Knex, input: { bookingId: string; amount: number; reason: string | null; by: string; idempotencyKey: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const held = (await findSecurityDeposit(trx, input.bookingId))!;
    const { row } = await moveDeposit(trx, input.bookingId, ['held'], { status: 'captured', capturedAmount: input.amount, releasedAmount: held.amount - input.amount, captureReason: input.reason, capturedBy: input.by, capturedAt: trx.fn.now() });
    const intent = { stripePaymentIntentId: row.stripePaymentIntentId, reason: input.reason };
    const capture = await ledgerRow(trx, row, { kind: 'security_deposit_capture', status: 'succeeded', amount: row.capturedAmount!, ...intent, idempotencyKey: input.idempotencyKey });
    await depositEvent(trx, row, 'payment.received', 'security-deposit-capture', capture);
    const rest = row.amount - row.capturedAmount!;
    if (rest > 0) {
      const release = await ledgerRow(trx, row, { kind: 'security_deposit_release', status: 'succeeded', amount: rest, ...intent, idempotencyKey: `${input.idempotencyKey}:rest` });
      await depositEvent(trx, row, 'deposit.released', 'security-deposit', release);
    }
    return row;
  });
}

/**
 * The deposit is given up. Held: released in full, with its ledger row and `deposit.released`.
 * Still scheduled: it will not be placed (released with nothing held, no ledger row, no event).
 */
export async function recordDepositReleased(db: Knex, input: { bookingId: string; by: string; reason: string | null; idempotencyKey: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const before = (await findSecurityDeposit(trx, input.bookingId))!;
    const wasHeld = before.status === 'held';
    const { row, moved } = await moveDeposit(trx, input.bookingId, ['scheduled', 'held'], { status: 'released', releasedAmount: wasHeld ? before.amount : 0, releasedBy: input.by, releasedAt: trx.fn.now() });
    const released = moved ? wasHeld : row.status === 'released' && (row.releasedAmount ?? 0) > 0;
    if (released) {
      const payment = await ledgerRow(trx, row, { kind: 'security_deposit_release', status: 'succeeded', amount: row.releasedAmount!, stripePaymentIntentId: row.stripePaymentIntentId, reason: input.reason, idempotencyKey: input.idempotencyKey });
      await depositEvent(trx, row, 'deposit.released', 'security-deposit', payment);
    }
    return row;
  });
}

/**
 * The deposit was authorised again before its authorisation lapsed (renewal `renewal`): the row names
 * the new PaymentIntent and its lapse; the ledger gets the old authorisation's release and the new one's
 * hold, and `deposit.hold_placed` is sent again. A retry, or a deposit no longer held, changes nothing.
 */
export async function recordDepositRenewed(db: Knex, input: Authorisation & { bookingId: string; renewal: number; previousPaymentIntentId: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const now = new Date();
    const captureBefore = authorisationLapsesAt(now, input.captureBefore ? new Date(input.captureBefore) : null);
    const [renewed] = await trx('security_deposits')
      .where({ bookingId: input.bookingId, status: 'held', renewals: input.renewal - 1 })
      .update({ stripePaymentIntentId: input.paymentIntentId, heldAt: now, captureBefore, renewals: input.renewal, failureCode: null, failureMessage: null, updatedAt: trx.fn.now() })
      .returning('*');
    if (!renewed) return (await findSecurityDeposit(trx, input.bookingId))!;
    const key = `${input.bookingId}:renewal-${input.renewal}`;
    await ledgerRow(trx, renewed, { kind: 'security_deposit_release', status: 'succeeded', amount: renewed.amount, stripePaymentIntentId: input.previousPaymentIntentId, reason: 'renewed before the authorisation lapsed', idempotencyKey: `security-deposit-release:${key}` });
    const hold = await ledgerRow(trx, renewed, { kind: 'security_deposit_hold', status: 'succeeded', amount: renewed.amount, stripePaymentIntentId: input.paymentIntentId, stripeCustomerId: input.card.customerId, stripePaymentMethodId: input.card.paymentMethodId, idempotencyKey: `security-deposit-hold:${key}` });
    await depositEvent(trx, renewed, 'deposit.hold_placed', `security-deposit-renewal-${input.renewal}`, hold);
    return renewed;
  });
}

/**
 * The card refused to authorise the deposit again: it stays held on the old authorisation until that
 * lapses and is not tried again; the refusal is in the ledger and reported as payment.failed.
 */
export async function recordRenewalRefused(db: Knex, input: { bookingId: string; renewal: number; paymentIntentId: string | null; failureCode: string; failureMessage: string }): Promise<SecurityDepositRow> {
  return db.transaction(async (trx) => {
    const failure = { failureCode: input.failureCode, failureMessage: input.failureMessage };
    const [refused] = await trx('security_deposits')
      .where({ bookingId: input.bookingId, status: 'held', renewals: input.renewal - 1 })
      .whereNull('renewal_failed_at')
      .update({ ...failure, renewalFailedAt: trx.fn.now(), updatedAt: trx.fn.now() })
      .returning('*');
    if (!refused) return (await findSecurityDeposit(trx, input.bookingId))!;
    const payment = await ledgerRow(trx, refused, { kind: 'security_deposit_hold', status: 'failed', amount: refused.amount, stripePaymentIntentId: input.paymentIntentId, ...failure, idempotencyKey: `security-deposit-hold:${input.bookingId}:renewal-${input.renewal}` });
    await depositEvent(trx, refused, 'payment.failed', `security-deposit-renewal-${input.renewal}`, payment);
    return refused;
  });
}
