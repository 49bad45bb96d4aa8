import { z } from 'zod';
import { eventTypes } from '../../domain/events/event-catalogue';
import { httpUrlSchema, uniqueArray } from './service-template-blocks/common.schemas';
import { idSchema, limitSchema } from './shared.schemas';

/** Header names a subscription may add; the signature, content type and user agent are ours. */
const headerNameSchema = z
  .string()
  .regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name')
  .refine((name) => !/^(webhook-|content-type$|content-length$|user-agent$|host$)/i.test(name), 'is set by the platform');

const retryConfigSchema = z
  .strictObject({
    /** Attempts after the first; with the defaults the last one comes about three days after the event. */
    maxRetries: z.number().int().min(0).max(30).default(12),
    retryDelayMs: z.number().int().min(100).max(86_400_000).default(60_000),
    /** Each wait is the previous one times this, at most a day. */
    backoffMultiplier: z.number().min(1).max(10).default(2),
  })
  .prefault({});

const filterSchema = z
  .strictObject({
    /** Only events whose booking (or hold) is in one of these states after the change. */
    states: uniqueArray(z.string().regex(/^[a-z_]+$/), 20).optional(),
    locations: uniqueArray(idSchema, 100).optional(),
    serviceTemplates: uniqueArray(idSchema, 100).optional(),
  })
  .prefault({});

/** POST /organizations/:orgId/webhooks (spec §4.2 WebhookConfig; the secret is generated, `whsec_…`). */
export const createWebhookSchema = z.strictObject({
  url: httpUrlSchema,
  events: uniqueArray(z.enum(eventTypes), eventTypes.length).min(1),
  method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  headers: z.record(headerNameSchema, z.string().max(2000)).default({}),
  filter: filterSchema,
  retryConfig: retryConfigSchema,
  description: z.string().trim().max(500).optional(),
  enabled: z.boolean().default(true),
});

/** PATCH /webhooks/:id: any field but the secret (rotate it instead); `enabled: true` re-enables a disabled one. */
export const updateWebhookSchema = z
  .strictObject({
    url: httpUrlSchema.optional(),
    events: uniqueArray(z.enum(eventTypes), eventTypes.length).min(1).optional(),
    method: z.enum(['POST', 'PUT', 'PATCH']).optional(),
    headers: z.record(headerNameSchema, z.string().max(2000)).optional(),
    filter: filterSchema.optional(),
    retryConfig: retryConfigSchema.optional(),
    description: z.string().trim().max(500).optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: 'must change at least one field' });

/** POST /webhooks/:id/rotate-secret: how long the old secret keeps signing beside the new one. */
export const rotateSecretSchema = z.strictObject({ overlapSeconds: z.number().int().min(0).max(7 * 86_400).default(86_400) }).default({ overlapSeconds: 86_400 });

/** GET /webhooks/:id/deliveries: newest first; `cursor` is the last id of the previous page. */
export const deliveryListQuerySchema = z.strictObject({ limit: limitSchema, cursor: idSchema.optional() });
