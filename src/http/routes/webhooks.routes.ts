import Router, { type RouterContext } from '@koa/router';
import { recordOrganizationEvent } from '../../db/queries/domain-event.queries';
import {
  createSubscription,
  deleteSubscription,
  ensureDelivery,
  findDelivery,
  findSubscription,
  listAttempts,
  listDeliveries,
  listSubscriptions,
  restartDelivery,
  rotateSecret,
  updateSubscription,
  type SubscriptionRecord,
} from '../../db/queries/webhook.queries';
import { DomainError } from '../../domain/shared/errors';
import { newId } from '../../ids';
import { newWebhookSecret } from '../../webhooks/signing';
import { signingSecrets } from '../../domain/events/webhook-subscription';
import { startWebhookDelivery } from '../../../temporal/commands/automation.commands';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { createWebhookSchema, deliveryListQuerySchema, rotateSecretSchema, updateWebhookSchema } from './webhooks.schemas';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

/** A subscription as the API shows it: never its secrets (they are shown once, when made or rotated). */
function presentSubscription(record: SubscriptionRecord) {
  const { secret: _secret, previousSecret: _previous, ...subscription } = record;
  return { ...subscription, rotating: signingSecrets(record, new Date()).length > 1 };
}

/** Webhook subscriptions (spec §4.2, §9.1): manage them, rotate secrets, send a test, read and re-drive deliveries. */
export function webhookRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const managers = routePermissions.webhookManagers;
  const scope = scopeOfRow(db, 'webhook_subscriptions', null);
  const subscriptionOf = async (ctx: RouterContext<AppState>): Promise<SubscriptionRecord> => {
    const subscription = await findSubscription(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!subscription) throw notFound();
    return subscription;
  };

  router.post('/organizations/:orgId/webhooks', permit(db, managers, orgFromPath), async (ctx) => {
    const input = parseInput(createWebhookSchema, ctx.request.body);
    const secret = newWebhookSecret();
    const created = await createSubscription(db, { id: newId('webhook'), organizationId: ctx.params.orgId!, ...input, description: input.description ?? null, secret, createdBy: ctx.state.access!.actorId });
    ctx.status = 201;
    ctx.set('Location', `/api/v1/webhooks/${created.id}`);
    ctx.body = { ...presentSubscription(created), secret };
  });

  router.get('/organizations/:orgId/webhooks', permit(db, managers, orgFromPath), async (ctx) => {
    ctx.body = { data: (await listSubscriptions(db, ctx.params.orgId!)).map(presentSubscription) };
  });

  router.get('/webhooks/:id', permit(db, managers, scope), async (ctx) => {
    ctx.body = presentSubscription(await subscriptionOf(ctx));
  });

  router.patch('/webhooks/:id', permit(db, managers, scope), async (ctx) => {
    const input = parseInput(updateWebhookSchema, ctx.request.body);
    const updated = await updateSubscription(db, ctx.state.access!.organizationId, ctx.params.id!, input);
    if (!updated) throw notFound();
    ctx.body = presentSubscription(updated);
  });

  router.delete('/webhooks/:id', permit(db, managers, scope), async (ctx) => {
    if (!(await deleteSubscription(db, ctx.state.access!.organizationId, ctx.params.id!))) throw notFound();
    ctx.status = 204;
  });

  router.post('/webhooks/:id/rotate-secret', permit(db, managers, scope), async (ctx) => {
    const { overlapSeconds } = parseInput(rotateSecretSchema, ctx.request.body ?? undefined);
    const secret = newWebhookSecret();
    const rotated = await rotateSecret(db, ctx.state.access!.organizationId, ctx.params.id!, secret, new Date(Date.now() + overlapSeconds * 1000));
    if (!rotated) throw notFound();
    ctx.body = { ...presentSubscription(rotated), secret };
  });

  router.post('/webhooks/:id/test', permit(db, managers, scope), async (ctx) => {
    const subscription = await subscriptionOf(ctx);
    const key = ctx.state.idempotencyKey ?? newId('event');
    const event = await recordOrganizationEvent(db, { organizationId: subscription.organizationId, type: 'webhook.test', data: { message: `Test event for subscription ${subscription.id}.` }, dedupeKey: `webhook.test:${subscription.id}:${key}` });
    const delivery = await ensureDelivery(db, subscription.organizationId, subscription.id, event.id);
    await startWebhookDelivery(temporal, { deliveryId: delivery.id, run: delivery.runs, summary: `webhook.test to ${subscription.url}` });
    ctx.status = 202;
    ctx.body = { eventId: event.id, deliveryId: delivery.id };
  });

  router.get('/webhooks/:id/deliveries', permit(db, managers, scope), async (ctx) => {
    const query = parseInput(deliveryListQuerySchema, ctx.query);
    const subscription = await subscriptionOf(ctx);
    const rows = await listDeliveries(db, subscription.id, query.limit + 1, query.cursor);
    const data = rows.slice(0, query.limit);
    ctx.body = { data, nextCursor: rows.length > query.limit ? data[data.length - 1]!.id : null };
  });

  router.get('/webhooks/:id/deliveries/:deliveryId', permit(db, managers, scope), async (ctx) => {
    const subscription = await subscriptionOf(ctx);
    const delivery = await findDelivery(db, subscription.id, ctx.params.deliveryId!);
    if (!delivery) throw notFound();
    ctx.body = { ...delivery, attempts: await listAttempts(db, delivery.id), attemptCount: delivery.attempts };
  });

  router.post('/webhooks/:id/deliveries/:deliveryId/redeliver', permit(db, managers, scope), async (ctx) => {
    const subscription = await subscriptionOf(ctx);
    const delivery = await findDelivery(db, subscription.id, ctx.params.deliveryId!);
    if (!delivery) throw notFound();
    if (!subscription.enabled) throw new DomainError('INVALID_TRANSITION', 'The subscription is disabled; enable it (PATCH enabled: true) before re-delivering.', { disabledReason: subscription.disabledReason });
    if (delivery.status === 'pending' || delivery.status === 'retrying') throw new DomainError('CONFLICT', 'The delivery is still being attempted.', { status: delivery.status });
    const run = await restartDelivery(db, delivery.id);
    await startWebhookDelivery(temporal, { deliveryId: delivery.id, run, summary: `re-delivery ${run} to ${subscription.url}` });
    ctx.status = 202;
    ctx.body = { deliveryId: delivery.id, run };
  });

  return router;
}
