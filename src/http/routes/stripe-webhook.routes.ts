import Router from '@koa/router';
import { recordBookingEvent, recordReservationEvent } from '../../db/queries/domain-event.queries';
import { paymentView, rememberStripeEvent, settlePaymentIntent } from '../../db/queries/payment.queries';
import { refundUnclaimedHoldPayments } from '../../payments/unclaimed-payments';
import { DomainError } from '../../domain/shared/errors';
import { createEventDispatcher } from '../../../temporal/commands/event-dispatch';
import { settleHoldPayment } from '../../../temporal/commands/reservation.commands';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';

const outcomes: Partial<Record<string, 'succeeded' | 'failed'>> = { 'payment_intent.succeeded': 'succeeded', 'payment_intent.payment_failed': 'failed' };

/**
 * POST /integrations/stripe/webhook: Stripe's events about the payments of holds. The signature is
 * checked against the raw body (STRIPE_WEBHOOK_SECRET); an event already handled is acknowledged and
 * ignored (Stripe re-delivers). A succeeded or failed payment intent settles its ledger row, is
 * published as payment.received / payment.failed, and is signalled to the hold's workflow, which then
 * lets the hold be confirmed or releases it. A payment that succeeds for a hold that has already ended
 * is refunded in full at once.
 */
export function stripeWebhookRoutes({ db, temporal, payments }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();


  router.post('/integrations/stripe/webhook', async (ctx) => {
    const signature = ctx.get('stripe-signature');
    const rawBody = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
    if (!payments) throw new DomainError('PAYMENTS_UNAVAILABLE', 'Payments are not set up on this platform.');
    let event;
    try {
      event = payments.gateway.verifyWebhook(rawBody, signature, payments.webhookSecret);
    } catch {
      throw new DomainError('FORBIDDEN', 'The Stripe signature does not match this event.');
    }
    const outcome = outcomes[event.type];
    if (!outcome || !(await rememberStripeEvent(db, { id: event.id, type: event.type }))) {
      ctx.body = { received: true };
      return;
    }
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
      // Money that arrived for a hold that expired or was released meanwhile goes back at once.
      if (outcome === 'succeeded' && payments) await refundUnclaimedHoldPayments(db, payments.gateway, payment.reservationId);
    }
    ctx.body = { received: true };
  });

  return router;
}
