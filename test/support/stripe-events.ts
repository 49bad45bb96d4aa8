import Stripe from 'stripe';
import { request, type ApiResponse } from './http-client';
import type { TestApp } from './test-app';

/**
 * Sends the app's Stripe endpoint an event about a payment intent, signed as Stripe signs it (with the
 * app's webhook secret unless another is given): stripe-mock never sends events, so tests play Stripe.
 */
export function sendStripeEvent(app: Pick<TestApp, 'baseUrl' | 'stripeWebhookSecret'>, event: { id: string; type: string; paymentIntent: Record<string, unknown> }, secret = app.stripeWebhookSecret): Promise<ApiResponse> {
  const payload = JSON.stringify({ id: event.id, object: 'event', type: event.type, data: { object: { object: 'payment_intent', ...event.paymentIntent } } });
  return request(app.baseUrl, 'POST', '/integrations/stripe/webhook', { rawBody: payload, headers: { 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret }) } });
}
