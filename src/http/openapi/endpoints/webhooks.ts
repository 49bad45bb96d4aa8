import { createWebhookSchema, deliveryListQuerySchema, rotateSecretSchema, updateWebhookSchema } from '../../routes/webhooks.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const permissions = routePermissions.webhookManagers;
const base = { tag: 'Webhooks' as const, authenticated: true, permissions };
const subscription =
  'The subscription without its secrets: `{ id, url, method, headers, events, filter, retryConfig, enabled, disabledReason, rotating, previousSecretExpiresAt, description, createdAt, updatedAt }`.';

/** Webhook subscriptions and deliveries (webhooks.routes.ts). */
export const webhookEndpoints: Endpoint[] = [
  {
    ...base,
    method: 'post',
    path: '/api/v1/organizations/{orgId}/webhooks',
    operationId: 'createWebhook',
    summary: 'Subscribe a URL to events',
    description:
      'Every event whose type is in `events` and that passes `filter` (the booking’s state after the change, its location, its service template) is POSTed (or PUT/PATCHed) to `url`, signed per Standard Webhooks with the `whsec_…` secret returned here, once. A delivery is a durable workflow: non-2xx answers, timeouts (10 s) and network errors are retried `maxRetries` times, waiting `retryDelayMs × backoffMultiplier^(n−1)` (at most a day) between attempts; 410 disables the subscription. Targets are checked after DNS resolution: private, loopback, link-local and metadata addresses are refused (a deployment may allow hosts with `WEBHOOK_ALLOWED_HOSTS`); redirects are not followed; at most 64 KiB of a response is read. The events and their bodies are in this document’s `webhooks` section.',
    body: createWebhookSchema,
    success: { status: 201, description: `${subscription} Plus \`secret\`, shown only now.` },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...base, method: 'get', path: '/api/v1/organizations/{orgId}/webhooks', operationId: 'listWebhooks', summary: 'The organization’s subscriptions', success: { status: 200, description: `\`{ data: [subscription] }\`. ${subscription}` }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'get', path: '/api/v1/webhooks/{id}', operationId: 'getWebhook', summary: 'One subscription', success: { status: 200, description: subscription }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'patch', path: '/api/v1/webhooks/{id}', operationId: 'updateWebhook', summary: 'Change a subscription', description: '`enabled: true` turns a disabled one (e.g. after a 410) back on.', body: updateWebhookSchema, success: { status: 200, description: subscription }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'delete', path: '/api/v1/webhooks/{id}', operationId: 'deleteWebhook', summary: 'Unsubscribe', description: 'No new deliveries start; the delivery log stays.', success: { status: 204, description: 'Deleted.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  {
    ...base,
    method: 'post',
    path: '/api/v1/webhooks/{id}/rotate-secret',
    operationId: 'rotateWebhookSecret',
    summary: 'Rotate the signing secret',
    description: 'A new `whsec_…` secret signs from now on; for `overlapSeconds` (default a day) the old one signs too, so `webhook-signature` carries two `v1,…` values and receivers can switch without missing a message.',
    body: rotateSecretSchema,
    success: { status: 200, description: `${subscription} Plus the new \`secret\`, shown only now.` },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...base, method: 'post', path: '/api/v1/webhooks/{id}/test', operationId: 'testWebhook', summary: 'Send a test event', description: 'Delivers a `webhook.test` event to this subscription only, like any other.', success: { status: 202, description: '`{ eventId, deliveryId }`.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  {
    ...base,
    method: 'get',
    path: '/api/v1/webhooks/{id}/deliveries',
    operationId: 'listWebhookDeliveries',
    summary: 'The delivery log',
    description: '`status`: pending, retrying (with `nextAttemptAt`), succeeded, gone (410), refused (target not allowed), dead (every retry failed: re-deliver it).',
    query: deliveryListQuerySchema,
    success: { status: 200, description: '`{ data: [{ id, eventId, eventType, status, attempts, runs, lastStatusCode, lastError, nextAttemptAt, createdAt, deliveredAt }], nextCursor }`, newest first.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...base, method: 'get', path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}', operationId: 'getWebhookDelivery', summary: 'One delivery with every attempt', success: { status: 200, description: 'The delivery and `attempts: [{ attempt, startedAt, statusCode, latencyMs, error, responseExcerpt }]`.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  {
    ...base,
    method: 'post',
    path: '/api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver',
    operationId: 'redeliverWebhook',
    summary: 'Deliver an event again',
    description: 'Starts a new run of a finished delivery (dead, succeeded, refused, gone), with the same `webhook-id`. The subscription must be enabled.',
    success: { status: 202, description: '`{ deliveryId, run }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'INVALID_TRANSITION'],
  },
];
