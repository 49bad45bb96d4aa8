import { z } from 'zod';
import { timeZoneSchema } from './shared.schemas';

/**
 * The settings an organization sets as defaults and a location may override (spec §2.2
 * `OrgConfiguration`, which the spec leaves open; these are the settings the platform reads).
 * Every field is optional so a location can override just one; see GET /locations/:id/effective-config.
 */
export const organizationConfigSchema = z.strictObject({
  currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as EUR').optional(),
  locale: z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a locale such as en-US').optional(),
  timezone: timeZoneSchema.optional(),
  booking: z
    .strictObject({
      minAdvanceMinutes: z.number().int().min(0).max(525_600),
      maxAdvanceDays: z.number().int().min(1).max(1_095),
      holdDurationSeconds: z.number().int().min(1).max(604_800),
      requireApproval: z.boolean(),
      allowGuestCheckout: z.boolean(),
    })
    .partial()
    .optional(),
  reminders: z
    .strictObject({
      hoursBefore: z.array(z.number().int().min(1).max(720)).max(10),
      channels: z.array(z.enum(['email', 'sms', 'push'])).max(3),
    })
    .partial()
    .optional(),
  cancellation: z
    .strictObject({
      freeCancellationHours: z.number().int().min(0).max(8_760),
      lateCancellationFeeBps: z.number().int().min(0).max(10_000),
    })
    .partial()
    .optional(),
  walkIns: z.strictObject({ mode: z.enum(['queue', 'immediate', 'scheduled']) }).partial().optional(),
  branding: z
    .strictObject({
      displayName: z.string().max(200),
      primaryColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a hex colour such as #003366'),
    })
    .partial()
    .optional(),
});

/** Organization or location settings (all optional). */
export type OrganizationConfig = z.infer<typeof organizationConfigSchema>;
