import type { Knex } from 'knex';
import { recordRefund, type PaymentRecord } from '../db/queries/payment.queries';
import type { PaymentGateway } from './stripe-gateway';

/**
 * Refunds in full the collected payments of a hold that ended (expired or released) without becoming a
 * booking: its money has nothing left to pay for. Keyed by payment intent, so Stripe and the ledger
 * refund each payment once however often this runs.
 */
export async function refundUnclaimedHoldPayments(db: Knex, gateway: PaymentGateway, reservationId: string): Promise<void> {
  const hold = await db('reservations').where({ id: reservationId }).first('status');
  if (!hold || (hold.status !== 'expired' && hold.status !== 'released')) return;
  const payments: PaymentRecord[] = await db('payment_transactions').where({ reservationId, status: 'succeeded' }).whereIn('kind', ['deposit', 'full']);
  for (const payment of payments) {
    const idempotencyKey = `unclaimed-refund:${payment.stripePaymentIntentId}`;
    const refund = await gateway.refund({ paymentIntentId: payment.stripePaymentIntentId!, amount: payment.amount, idempotencyKey, metadata: { reservationId, reason: `hold ${hold.status}` } });
    await recordRefund(db, { organizationId: payment.organizationId, reservationId, bookingId: null, amount: payment.amount, currency: payment.currency, stripePaymentIntentId: payment.stripePaymentIntentId, stripeRefundId: refund.id, idempotencyKey });
  }
}
