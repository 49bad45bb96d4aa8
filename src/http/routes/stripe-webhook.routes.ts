import Router from '@koa/router';
import { DomainError } from '../../domain/shared/errors';
import { handleStripePaymentEvent } from '../../../temporal/commands/stripe-payment-events';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';

/**
 * POST /integrations/stripe/webhook: Stripe's events about payments. The signature is checked against
 * the raw body (STRIPE_WEBHOOK_SECRET); what the event means is temporal/commands/stripe-payment-events.ts.
 */
export function stripeWebhookRoutes({ db, temporal, payments }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/integrations/stripe/webhook', async (ctx) => {
    if (!payments) throw new DomainError('PAYMENTS_UNAVAILABLE', 'Payments are not set up on this platform.');
    const rawBody = (ctx.request as unknown as { rawBody?: string }).rawBody ?? '';
    let event;
    try {
      event = payments.gateway.verifyWebhook(rawBody, ctx.get('stripe-signature'), payments.webhookSecret);
    } catch {
      throw new DomainError('FORBIDDEN', 'The Stripe signature does not match this event.');
    }
    await handleStripePaymentEvent({ db, temporal, gateway: payments.gateway }, event);
    ctx.body = { received: true };
  });

  return router;
}
