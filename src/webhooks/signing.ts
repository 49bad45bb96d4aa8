import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A fresh endpoint signing secret in the Standard Webhooks format: `whsec_` + base64 of 32 random bytes. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Standard Webhooks headers for one message, with one `v1,` signature per secret (several during rotation). */
export function signWebhook({ msgId, timestamp, payload, secrets }: { msgId: string; timestamp: Date; payload: string; secrets: string[] }): Record<string, string> {
  if (secrets.length === 0) throw new Error('signWebhook needs at least one secret');
  const signatures = secrets.map((secret) => new Webhook(secret).sign(msgId, timestamp, payload));
  return {
    'webhook-id': msgId,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
