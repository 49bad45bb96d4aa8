import type { Knex } from 'knex';
import { findEvent } from '../src/db/queries/domain-event.queries';
import { disableSubscription, markDeliveryDead, recordAttempt, type DeliveryRecord, type RetryConfig, type SubscriptionRecord } from '../src/db/queries/webhook.queries';
import { signingSecrets } from '../src/domain/events/webhook-subscription';
import { sendWebhookRequest } from '../src/webhooks/http-sender';
import { signWebhook } from '../src/webhooks/signing';
import { WebhookTargetRefused, type EgressPolicy, type Resolver } from '../src/webhooks/ssrf-guard';

/** Where webhooks may go: the resolver the guard checks with and the hosts exempt from its refusals. */
export interface EgressDeps {
  resolver: Resolver;
  policy: EgressPolicy;
}

/** Dependencies of the webhook activities. */
export interface WebhookActivityDeps {
  db: Knex;
  egress: EgressDeps;
}

/** The envelope every webhook body is: the same bytes on every attempt of one event. */
export function webhookBody(event: { id: string; type: string; occurredAt: Date; organizationId: string; data: unknown }): string {
  return JSON.stringify({ id: event.id, type: event.type, timestamp: event.occurredAt.toISOString(), organizationId: event.organizationId, data: event.data });
}

async function loadDelivery(db: Knex, deliveryId: string): Promise<{ delivery: DeliveryRecord; subscription: SubscriptionRecord } | undefined> {
  const delivery: DeliveryRecord | undefined = await db('webhook_deliveries').where({ id: deliveryId }).first();
  if (!delivery) return undefined;
  const subscription: SubscriptionRecord | undefined = await db('webhook_subscriptions').where({ id: delivery.subscriptionId }).whereNull('deleted_at').first();
  return subscription ? { delivery, subscription } : undefined;
}

/** Activities that deliver webhooks: one signed, guarded HTTP attempt at a time, each in the delivery log. */
export function createWebhookActivities({ db, egress }: WebhookActivityDeps) {
  return {
    /** The retry policy of a delivery's subscription, or null when it was deleted or disabled meanwhile. */
    async planWebhookDelivery(input: { deliveryId: string }): Promise<{ retry: RetryConfig } | null> {
      const loaded = await loadDelivery(db, input.deliveryId);
      return loaded?.subscription.enabled ? { retry: loaded.subscription.retryConfig } : null;
    },

    /**
     * One attempt: 2xx succeeds, 410 disables the subscription, a refused target ends the delivery,
     * anything else is retried by the workflow (or ends it dead when it was the last attempt).
     */
    async attemptWebhookDelivery(input: { deliveryId: string; run: number; attempt: number; last: boolean; nextAttemptAt: string | null }): Promise<'succeeded' | 'gone' | 'refused' | 'dead' | 'retrying' | 'cancelled'> {
      const loaded = await loadDelivery(db, input.deliveryId);
      if (!loaded || !loaded.subscription.enabled) return 'cancelled';
      const { delivery, subscription } = loaded;
      const event = (await findEvent(db, delivery.organizationId, delivery.eventId))!;
      const startedAt = new Date();
      const body = webhookBody(event);
      const record = { deliveryId: delivery.id, attempt: delivery.attempts + 1, dedupeKey: `${delivery.id}:${input.run}:${input.attempt}`, startedAt };
      try {
        const headers = { ...subscription.headers, ...signWebhook({ msgId: event.id, timestamp: startedAt, payload: body, secrets: signingSecrets(subscription, startedAt) }) };
        const response = await sendWebhookRequest({ url: subscription.url, method: subscription.method, headers, body }, egress);
        const ok = response.statusCode >= 200 && response.statusCode < 300;
        const status = ok ? 'succeeded' : response.statusCode === 410 ? 'gone' : input.last ? 'dead' : 'retrying';
        await recordAttempt(db, { ...record, statusCode: response.statusCode, latencyMs: response.latencyMs, error: null, responseExcerpt: response.responseExcerpt, status, nextAttemptAt: status === 'retrying' ? new Date(input.nextAttemptAt!) : null });
        if (status === 'gone') await disableSubscription(db, subscription.id, `The receiver answered 410 Gone at ${startedAt.toISOString()}.`);
        return status;
      } catch (error) {
        const refused = error instanceof WebhookTargetRefused;
        const status = refused ? 'refused' : input.last ? 'dead' : 'retrying';
        const message = error instanceof Error ? error.message : String(error);
        await recordAttempt(db, { ...record, statusCode: null, latencyMs: Date.now() - startedAt.getTime(), error: message, responseExcerpt: null, status, nextAttemptAt: status === 'retrying' ? new Date(input.nextAttemptAt!) : null });
        if (status === 'dead') await markDeliveryDead(db, delivery.id);
        return status;
      }
    },
  };
}
