import type { Endpoint } from '../endpoint';

/** Outside /api/v1: GET /health, and the endpoint Stripe calls. */
export const healthEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/health',
    operationId: 'getHealth',
    summary: 'Database and Temporal reachability',
    tag: 'Health',
    authenticated: false,
    success: { status: 200, description: 'Both the database and Temporal answer: `{ status: "ok", database: "ok", temporal: "ok" }`.' },
    otherResponses: [{ status: 503, description: 'One of them does not answer: `{ status: "degraded", database, temporal }` with `ok` or `unavailable` each.' }],
    errors: [],
  },
  {
    method: 'post',
    path: '/integrations/stripe/webhook',
    operationId: 'receiveStripeEvent',
    summary: 'Stripe’s events about payments (called by Stripe)',
    description:
      'Not for API clients: point a Stripe webhook endpoint here with the events `payment_intent.succeeded` and `payment_intent.payment_failed`. The `Stripe-Signature` header is checked against the raw body with `STRIPE_WEBHOOK_SECRET`; an event already handled is acknowledged again and ignored. A succeeded payment lets its hold be confirmed; a failed one releases the hold.',
    tag: 'Health',
    authenticated: false,
    success: { status: 200, description: '`{ received: true }` (also for events it does not act on).' },
    errors: ['FORBIDDEN', 'PAYMENTS_UNAVAILABLE'],
  },
];
