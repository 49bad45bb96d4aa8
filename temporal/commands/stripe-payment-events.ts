import type { Knex } from 'knex';
import { recordBookingEvent, recordReservationEvent } from '../../src/db/queries/domain-event.queries';
import { paymentView, rememberStripeEvent, settlePaymentIntent, stripeEventHandled } from '../../src/db/queries/payment.queries';
import type { PaymentGateway, StripeEventLike } from '../../src/payments/stripe-gateway';
import { refundUnclaimedHoldPayments } from '../../src/payments/unclaimed-payments';
import type { TemporalGateway } from '../client';
import { createEventDispatcher } from './event-dispatch';
import { settleHoldPayment } from './reservation.commands';

const outcomes: Partial<Record<string, 'succeeded' | 'failed'>> = { 'payment_intent.succeeded': 'succeeded', 'payment_intent.payment_failed': 'failed' };

/**
 * Acts on a verified Stripe event about a payment intent: settles its ledger row, publishes
 * payment.received / payment.failed (for the hold, or for the booking of a charge made later) and
 * signals the hold's workflow, which then lets the hold be confirmed or releases it; money that
 * arrives for a hold that has already ended goes back at once. Every step is idempotent, and the event
 * is remembered only once all of them succeeded, so Stripe's re-delivery after a failure finishes the
 * work and a re-delivery after success changes nothing.
 */
export async function handleStripePaymentEvent(deps: { db: Knex; temporal: TemporalGateway; gateway: PaymentGateway }, event: StripeEventLike): Promise<void> {
  const { db, temporal, gateway } = deps;
  const outcome = outcomes[event.type];
  if (!outcome || (await stripeEventHandled(db, event.id))) return;
  const intent = event.data.object as { id: string; customer?: string | null; payment_method?: string | null; last_payment_error?: { code?: string; message?: string } | null };
  const failure = intent.last_payment_error ?? null;
  const type = outcome === 'succeeded' ? 'payment.received' : 'payment.failed';
  const payment = await db.transaction(async (trx) => {
    const settled = await settlePaymentIntent(trx, intent.id, { status: outcome, failureCode: failure?.code ?? null, failureMessage: failure?.message ?? null, customerId: intent.customer, paymentMethodId: intent.payment_method });
    const extra = settled ? { payment: paymentView(settled) } : {};
    // A charge made later belongs to its booking; a hold's payment to the hold.
    if (settled?.kind === 'charge' && settled.bookingId) await recordBookingEvent(trx, { type, bookingId: settled.bookingId, dedupeKey: `${type}:${intent.id}`, occurredAt: new Date(), extra });
    else if (settled?.reservationId) await recordReservationEvent(trx, { type, reservationId: settled.reservationId, occurredAt: new Date(), extra });
    return settled;
  });
  if (payment?.kind === 'charge' && payment.bookingId) await createEventDispatcher({ db, temporal }).dispatchPending({ bookingId: payment.bookingId });
  if (payment?.reservationId && payment.kind !== 'charge') {
    await settleHoldPayment(temporal, payment.reservationId, { paymentIntentId: intent.id, outcome, reason: failure?.message ?? null });
    if (outcome === 'succeeded') await refundUnclaimedHoldPayments(db, gateway, payment.reservationId);
  }
  await rememberStripeEvent(db, { id: event.id, type: event.type });
}
