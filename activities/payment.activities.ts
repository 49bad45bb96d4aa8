import type { Knex } from 'knex';
import { recordBookingEvent } from '../src/db/queries/domain-event.queries';
import { collectedPayments, paymentView, recordPaymentIntent, recordRefund } from '../src/db/queries/payment.queries';
import { DomainError } from '../src/domain/shared/errors';
import type { PaymentGateway } from '../src/payments/stripe-gateway';
import type { EventDispatcher } from './event-dispatch';

/** Dependencies of the payment activities; `gateway` is null when the platform has no Stripe account configured. */
export interface PaymentActivityDeps {
  db: Knex;
  gateway: PaymentGateway | null;
  events: EventDispatcher;
}

/** Activities that move money through Stripe, each keyed by business ids so a retry never pays or refunds twice. */
export function createPaymentActivities({ db, gateway, events }: PaymentActivityDeps) {
  const stripe = (): PaymentGateway => {
    if (!gateway) throw new DomainError('PAYMENTS_UNAVAILABLE', 'Payments are not set up on this platform (STRIPE_SECRET_KEY).');
    return gateway;
  };

  return {
    /** The payment intent a hold is paid with (one per hold), recorded as a pending ledger row. */
    async createHoldPaymentIntent(input: { reservationId: string; organizationId: string; amount: number; currency: string; kind: 'deposit' | 'full' }) {
      const idempotencyKey = `hold-payment:${input.reservationId}`;
      const intent = await stripe().createPaymentIntent({
        amount: input.amount,
        currency: input.currency,
        metadata: { organizationId: input.organizationId, reservationId: input.reservationId },
        idempotencyKey,
        description: `${input.kind === 'deposit' ? 'Deposit' : 'Payment'} for ${input.reservationId}`,
      });
      await recordPaymentIntent(db, { organizationId: input.organizationId, reservationId: input.reservationId, bookingId: null, kind: input.kind, amount: input.amount, currency: input.currency, stripePaymentIntentId: intent.id, idempotencyKey });
      return { paymentIntentId: intent.id, clientSecret: intent.clientSecret, amount: input.amount, currency: input.currency, kind: input.kind };
    },

    /** How much was collected for a booking (its hold's payments that succeeded), in minor units. */
    async collectedAmount(input: { bookingId: string; reservationId: string | null }): Promise<number> {
      return (await collectedPayments(db, input)).reduce((sum, payment) => sum + payment.amount, 0);
    },

    /**
     * Pays a refund back through Stripe, from the oldest payment on, and records it with its event.
     * Stripe and the ledger are keyed by booking, cancellation and payment: after a crash between the
     * two, the retry gets the same refund back from Stripe and records it once.
     */
    async refundBooking(input: { bookingId: string; reservationId: string | null; amount: number; dedupeKey: string }): Promise<void> {
      let left = input.amount;
      for (const payment of await collectedPayments(db, input)) {
        const amount = Math.min(left, payment.amount);
        if (amount <= 0) break;
        const idempotencyKey = `refund:${input.bookingId}:${input.dedupeKey}:${payment.id}`;
        const refund = await stripe().refund({ paymentIntentId: payment.stripePaymentIntentId!, amount, idempotencyKey, metadata: { bookingId: input.bookingId } });
        await db.transaction(async (trx) => {
          const row = { organizationId: payment.organizationId, reservationId: payment.reservationId, bookingId: input.bookingId, amount, currency: payment.currency, stripePaymentIntentId: payment.stripePaymentIntentId, stripeRefundId: refund.id, idempotencyKey };
          await recordRefund(trx, row);
          const recorded = await trx('payment_transactions').where({ idempotencyKey }).first();
          await recordBookingEvent(trx, { type: 'payment.refunded', bookingId: input.bookingId, dedupeKey: idempotencyKey, occurredAt: new Date(), extra: { payment: paymentView(recorded) } });
        });
        left -= amount;
      }
      await events.dispatchPending({ bookingId: input.bookingId });
    },
  };
}
