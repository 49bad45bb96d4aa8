import { createStripeGateway, type PaymentGateway } from './stripe-gateway';

/** Stripe as the configuration names it, with the secret its events are signed with; null without an account. */
export function configuredPayments(settings: { secretKey?: string; apiUrl?: string; webhookSecret?: string }): { gateway: PaymentGateway; webhookSecret: string } | null {
  if (!settings.secretKey) return null;
  if (!settings.webhookSecret) throw new Error('STRIPE_WEBHOOK_SECRET is required with STRIPE_SECRET_KEY: Stripe events cannot be verified without it.');
  return { gateway: createStripeGateway({ secretKey: settings.secretKey, apiUrl: settings.apiUrl }), webhookSecret: settings.webhookSecret };
}
