/** What a webhook delivery workflow is started with: the delivery and which run of it (a re-drive is a new run). */
export interface WebhookDeliveryInput {
  deliveryId: string;
  run: number;
}

/** How a delivery ended. */
export type WebhookDeliveryOutcome = 'succeeded' | 'gone' | 'dead' | 'refused' | 'cancelled';

/** The workflow id of one run of one delivery: `webhook-delivery:dlv_…:1`. */
export function webhookDeliveryWorkflowId(deliveryId: string, run: number): string {
  return `webhook-delivery:${deliveryId}:${run}`;
}

/** The longest single wait between attempts; the retry policy grows delays up to it. */
export const MAX_RETRY_DELAY_MS = 24 * 3_600_000;

/** The wait after failed attempt `attempt` (1-based): retryDelayMs × backoffMultiplier^(attempt−1), at most a day. */
export function retryDelayMs(retry: { retryDelayMs: number; backoffMultiplier: number }, attempt: number): number {
  return Math.min(MAX_RETRY_DELAY_MS, Math.round(retry.retryDelayMs * retry.backoffMultiplier ** (attempt - 1)));
}
