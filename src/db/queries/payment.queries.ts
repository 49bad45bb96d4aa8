import type { Knex } from 'knex';
import { newId } from '../../ids';

/** The ledger kinds of a security deposit: the authorisation, what staff captured, and what was released. */
export const securityDepositKinds = ['security_deposit_hold', 'security_deposit_capture', 'security_deposit_release'] as const;

/** A ledger row: a payment collected for a hold (deposit or full price), a refund of one, a charge made later, or a security deposit's move. */
export interface PaymentRecord {
  id: string;
  organizationId: string;
  reservationId: string | null;
  bookingId: string | null;
  kind: 'deposit' | 'full' | 'refund' | 'charge' | (typeof securityDepositKinds)[number];
  /** Why a charge was made (no_show, reschedule_fee), or why staff captured a security deposit. */
  reason: string | null;
  status: 'pending' | 'succeeded' | 'failed';
  amount: number;
  currency: string;
  stripePaymentIntentId: string | null;
  stripeRefundId: string | null;
  stripeCustomerId: string | null;
  stripePaymentMethodId: string | null;
  idempotencyKey: string;
  failureCode: string | null;
  failureMessage: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Records a payment intent made for a hold, once per idempotency key; returns the row either way. */
export async function recordPaymentIntent(
  db: Knex,
  row: Pick<PaymentRecord, 'organizationId' | 'reservationId' | 'bookingId' | 'kind' | 'amount' | 'currency' | 'stripePaymentIntentId' | 'idempotencyKey'> & Partial<Pick<PaymentRecord, 'stripeCustomerId' | 'stripePaymentMethodId' | 'reason'>> & { status?: PaymentRecord['status']; failureCode?: string },
): Promise<PaymentRecord> {
  await db('payment_transactions').insert({ id: newId('payment'), status: 'pending', ...row }).onConflict('idempotency_key').ignore();
  return db('payment_transactions').where({ idempotencyKey: row.idempotencyKey }).first();
}

/**
 * Settles a payment intent's row (from Stripe's event); returns it, or undefined when the intent is not ours.
 * A security deposit's rows are not settled by events: its workflow records Stripe's answers itself.
 */
export async function settlePaymentIntent(
  db: Knex | Knex.Transaction,
  paymentIntentId: string,
  outcome: { status: 'succeeded' | 'failed'; failureCode?: string | null; failureMessage?: string | null; customerId?: string | null; paymentMethodId?: string | null },
): Promise<PaymentRecord | undefined> {
  const [row] = await db('payment_transactions')
    .where({ stripePaymentIntentId: paymentIntentId })
    .whereNotIn('kind', ['refund', ...securityDepositKinds])
    .update({
      status: outcome.status,
      failureCode: outcome.failureCode ?? null,
      failureMessage: outcome.failureMessage ?? null,
      // The card the client paid with, saved for charges made later.
      ...(outcome.paymentMethodId ? { stripePaymentMethodId: outcome.paymentMethodId } : {}),
      ...(outcome.customerId ? { stripeCustomerId: outcome.customerId } : {}),
      updatedAt: db.fn.now(),
    })
    .returning('*');
  return row;
}

/** The card saved with a booking's (or its hold's) last collected payment, if the client's card was saved. */
export async function savedCard(db: Knex, subject: { bookingId: string; reservationId: string | null }): Promise<{ customerId: string; paymentMethodId: string } | undefined> {
  const payment = (await collectedPayments(db, subject)).reverse().find((p) => p.stripeCustomerId && p.stripePaymentMethodId);
  return payment ? { customerId: payment.stripeCustomerId!, paymentMethodId: payment.stripePaymentMethodId! } : undefined;
}

/** Collected (succeeded) payments of a booking or of the hold it came from, oldest first. */
export async function collectedPayments(db: Knex, subject: { bookingId: string; reservationId: string | null }): Promise<PaymentRecord[]> {
  return db('payment_transactions')
    .whereIn('kind', ['deposit', 'full'])
    .where({ status: 'succeeded' })
    .where((q) => {
      q.where({ bookingId: subject.bookingId });
      if (subject.reservationId) q.orWhere({ reservationId: subject.reservationId });
    })
    .orderBy(['created_at', 'id']);
}

/** Records a refund, once per idempotency key. */
export async function recordRefund(db: Knex | Knex.Transaction, row: Pick<PaymentRecord, 'organizationId' | 'reservationId' | 'bookingId' | 'amount' | 'currency' | 'stripePaymentIntentId' | 'stripeRefundId' | 'idempotencyKey'>): Promise<void> {
  await db('payment_transactions').insert({ id: newId('payment'), ...row, kind: 'refund', status: 'succeeded' }).onConflict('idempotency_key').ignore();
}

/** The ledger of a booking (and its hold), oldest first. */
export async function listPayments(db: Knex, subject: { bookingId: string; reservationId: string | null }): Promise<PaymentRecord[]> {
  return db('payment_transactions')
    .where((q) => {
      q.where({ bookingId: subject.bookingId });
      if (subject.reservationId) q.orWhere({ reservationId: subject.reservationId });
    })
    .orderBy(['created_at', 'id']);
}

/** Whether a Stripe event was handled to the end before (Stripe re-delivers). */
export async function stripeEventHandled(db: Knex, eventId: string): Promise<boolean> {
  return (await db('stripe_events').where({ id: eventId }).first('id')) !== undefined;
}

/** Remembers a Stripe event as handled to the end. */
export async function rememberStripeEvent(db: Knex, event: { id: string; type: string }): Promise<void> {
  await db('stripe_events').insert(event).onConflict('id').ignore();
}

/** A ledger row as events and the API show it (no internal keys). */
export function paymentView(row: PaymentRecord) {
  const { id, kind, reason, status, amount, currency, stripePaymentIntentId, stripeRefundId, failureCode, failureMessage, createdAt } = row;
  return { id, kind, reason, status, amount, currency, stripePaymentIntentId, stripeRefundId, failureCode, failureMessage, createdAt };
}
