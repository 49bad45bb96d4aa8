import type { Knex } from 'knex';
import { recordBookingEvent } from '../src/db/queries/domain-event.queries';
import { collectedPayments, paymentView, recordPaymentIntent, recordRefund, savedCard } from '../src/db/queries/payment.queries';
import { refundToStoreCredit, storeCreditPaidForHold } from '../src/db/queries/store-credit.queries';
import { noShowChargeAmount } from '../src/domain/cancellation/no-show-charge';
import { refundUnclaimedHoldPayments } from '../src/payments/unclaimed-payments';
import { bookingTerms } from '../src/db/queries/service-template.queries';
import { DomainError } from '../src/domain/shared/errors';
import type { PaymentGateway } from '../src/payments/stripe-gateway';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';

/** Why a booking's saved card is charged after the fact. */
type ChargeReason = 'no_show' | 'reschedule_fee' | 'late_cancellation_fee';

const chargeDescriptions: Record<ChargeReason, string> = { no_show: 'No-show charge', reschedule_fee: 'Reschedule fee', late_cancellation_fee: 'Late-cancellation fee' };

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

  /** What was collected for a booking (its hold's payments that succeeded, and the store credit that paid it), in minor units. */
  const collected = async (subject: { bookingId: string; reservationId: string | null }) =>
    (await collectedPayments(db, subject)).reduce((sum, payment) => sum + payment.amount, 0) + (subject.reservationId ? await storeCreditPaidForHold(db, subject.reservationId) : 0);

  /**
   * Charges the card saved with the booking's payment, off-session, keyed by booking, reason and change;
   * its outcome arrives as a Stripe event. Without a saved card the charge is recorded as failed
   * (`no_saved_card`), so the business sees what is owed.
   */
  async function charge(input: { bookingId: string; reservationId: string | null; amount: number; reason: ChargeReason; dedupeKey: string }): Promise<void> {
    const booking = await db('bookings').where({ id: input.bookingId }).first('organization_id', 'price_quote');
    const currency = booking?.priceQuote?.currency as string | undefined;
    if (!booking || !currency) return;
    const idempotencyKey = `charge:${input.bookingId}:${input.reason}:${input.dedupeKey}`;
    const card = await savedCard(db, input);
    const row = { organizationId: booking.organizationId, reservationId: input.reservationId, bookingId: input.bookingId, kind: 'charge' as const, reason: input.reason, amount: input.amount, currency, idempotencyKey };
    if (!card) {
      await recordPaymentIntent(db, { ...row, stripePaymentIntentId: null, status: 'failed', failureCode: 'no_saved_card' });
      return;
    }
    const intent = await stripe().chargeSavedCard({ ...card, amount: input.amount, currency, metadata: { organizationId: booking.organizationId, bookingId: input.bookingId, reason: input.reason }, idempotencyKey, description: `${chargeDescriptions[input.reason]} for ${input.bookingId}` });
    await recordPaymentIntent(db, { ...row, stripePaymentIntentId: intent.id, stripeCustomerId: card.customerId, stripePaymentMethodId: card.paymentMethodId });
  }

  return {
    /** The payment intent a hold is paid with (one per hold), recorded as a pending ledger row. */
    async createHoldPaymentIntent(input: { reservationId: string; organizationId: string; amount: number; currency: string; kind: 'deposit' | 'full' }) {
      const idempotencyKey = `hold-payment:${input.reservationId}`;
      // The booker's card is saved with their Stripe customer, for charges made later (a no-show, a fee).
      const booker = await db('reservations as r').join('users as u', 'u.id', 'r.booker_user_id').where('r.id', input.reservationId).first('u.id', 'u.email', 'u.name');
      const customer = booker
        ? await stripe().createCustomer({ email: booker.email, name: booker.name, metadata: { organizationId: input.organizationId, userId: booker.id }, idempotencyKey: `customer:${input.organizationId}:${booker.id}` })
        : undefined;
      const intent = await stripe().createPaymentIntent({
        amount: input.amount,
        currency: input.currency,
        metadata: { organizationId: input.organizationId, reservationId: input.reservationId },
        idempotencyKey,
        description: `${input.kind === 'deposit' ? 'Deposit' : 'Payment'} for ${input.reservationId}`,
        ...(customer ? { customerId: customer.id } : {}),
      });
      await recordPaymentIntent(db, { organizationId: input.organizationId, reservationId: input.reservationId, bookingId: null, kind: input.kind, amount: input.amount, currency: input.currency, stripePaymentIntentId: intent.id, stripeCustomerId: customer?.id ?? null, idempotencyKey });
      return { paymentIntentId: intent.id, clientSecret: intent.clientSecret, amount: input.amount, currency: input.currency, kind: input.kind };
    },

    /** Refunds what a hold collected when it ended without becoming a booking (it expired after being paid). */
    async refundUnclaimedHold(input: { reservationId: string }): Promise<void> {
      await refundUnclaimedHoldPayments(db, stripe(), input.reservationId);
    },

    /** How much was collected for a booking (its hold's payments that succeeded, store credit included), in minor units. */
    async collectedAmount(input: { bookingId: string; reservationId: string | null }): Promise<number> {
      return collected(input);
    },

    /** Charges the client's saved card for something owed after the fact (a reschedule fee, a late-cancellation fee); see `charge` above. */
    async chargeBooking(input: { bookingId: string; reservationId: string | null; amount: number; reason: Exclude<ChargeReason, 'no_show'>; dedupeKey: string }): Promise<void> {
      await charge(input);
    },

    /** Charges a client who did not show up what the template's no-show policy says, less what they paid already. */
    async chargeNoShow(input: { bookingId: string; reservationId: string | null; dedupeKey: string }): Promise<void> {
      const terms = await bookingTerms(db, input.bookingId);
      const amount = noShowChargeAmount({ valueAmount: terms?.priceQuote?.totalAmount ?? 0, collectedAmount: await collected(input), ...(terms?.rules.noShowCharge ?? { chargeBps: 0 }) });
      if (amount > 0) await charge({ ...input, amount, reason: 'no_show' });
    },

    /**
     * Pays a refund back through Stripe, from the oldest payment on, and records it with its event; what
     * the cards do not cover was paid with store credit and goes back as store credit.
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
      await refundToStoreCredit(db, { ...input, amount: left, idempotencyKey: `store-credit-refund:${input.bookingId}:${input.dedupeKey}` });
      await events.dispatchPending({ bookingId: input.bookingId });
    },
  };
}
