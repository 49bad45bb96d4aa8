/**
 * Webhook delivery workflow: one event to one subscription, signed per Standard Webhooks, retried
 * with the subscription's backoff for as long as it says (up to days), each attempt in the delivery log.
 *
 * Ends: succeeded (2xx), gone (410: the subscription is disabled), refused (the target is not allowed,
 * e.g. a private address), dead (every retry failed; re-drive starts a new run), cancelled (the
 * subscription was deleted or disabled before the first attempt).
 * Id: `webhook-delivery:dlv_…:<run>`. Every attempt carries the same `webhook-id` (the event id).
 */
import { sleep } from '@temporalio/workflow';
import { webhookActivities } from '../shared/activity-profiles';
import { retryDelayMs, type WebhookDeliveryInput, type WebhookDeliveryOutcome } from './webhook-delivery.contract';

/** Delivers one event to one subscription. */
export async function webhookDeliveryWorkflow(input: WebhookDeliveryInput): Promise<WebhookDeliveryOutcome> {
  const plan = await webhookActivities.planWebhookDelivery({ deliveryId: input.deliveryId });
  if (!plan) return 'cancelled';
  for (let attempt = 1; ; attempt++) {
    const last = attempt > plan.retry.maxRetries;
    const waitMs = last ? 0 : retryDelayMs(plan.retry, attempt);
    const outcome = await webhookActivities.attemptWebhookDelivery({ ...input, attempt, last, nextAttemptAt: last ? null : new Date(Date.now() + waitMs).toISOString() });
    if (outcome !== 'retrying') return outcome;
    await sleep(waitMs);
  }
}
