import type { z } from 'zod';
import { emittedToday, eventDescriptions, eventTypes, type EventType } from '../../domain/events/event-catalogue';
import { eventEnvelopeSchemas } from '../routes/event-payloads.schemas';

type JsonObject = Record<string, unknown>;

const delivery = `**Delivery** follows [Standard Webhooks](https://www.standardwebhooks.com/): a \`POST\` with a JSON body and the headers
- \`webhook-id\`: the event id (\`evt_…\`, the body's \`id\`), the same for every retry of one event: deduplicate on it;
- \`webhook-timestamp\`: Unix seconds when this attempt was sent: refuse ones far from your clock to stop replays;
- \`webhook-signature\`: \`v1,<base64 HMAC-SHA256>\` of \`{webhook-id}.{webhook-timestamp}.{raw body}\` keyed with the endpoint's signing secret (\`whsec_…\`: the base64 after the prefix, decoded), space-separated, one per active secret while a secret is being rotated: accept the delivery when any one verifies.

A 2xx answer acknowledges the event; 410 Gone disables the subscription; anything else (or no answer) is retried with backoff as the webhook's \`retryConfig\` says.`;

const responses = {
  '2XX': { description: 'Acknowledged: the event is not sent again.' },
  '410': { description: 'Gone: the subscription is disabled and nothing more is sent to it.' },
  default: { description: 'Not acknowledged: the delivery is retried with backoff.' },
};

/** `booking.checked_in` → `bookingCheckedInWebhook`. */
const operationId = (type: EventType) => `${type.replace(/[._]([a-z])/g, (_, letter: string) => letter.toUpperCase())}Webhook`;

function webhook(type: EventType, convert: (schema: z.ZodType) => JsonObject): JsonObject {
  const schema = eventEnvelopeSchemas[type];
  if (emittedToday.has(type) !== (schema !== undefined)) throw new Error(`${type}: emitted today needs a payload schema in event-payloads.schemas.ts, and only then.`);
  return {
    operationId: operationId(type),
    summary: schema ? type : `${type} (not emitted yet)`,
    description: schema ? `${eventDescriptions[type]}\n\n${delivery}` : eventDescriptions[type],
    ...(schema ? { requestBody: { required: true, content: { 'application/json': { schema: convert(schema) } } } } : {}),
    responses,
  };
}

/** The OpenAPI 3.1 `webhooks` object: a POST per event type of the catalogue, bodies converted by `convert`. */
export function eventWebhooks(convert: (schema: z.ZodType) => JsonObject): Record<string, { post: JsonObject }> {
  return Object.fromEntries(eventTypes.map((type) => [type, { post: webhook(type, convert) }]));
}
