import { z } from 'zod';
import { organizationRoles } from '../../domain/auth/permissions';
import { organizationConfigSchema } from './organization-config.schemas';
import { idSchema } from './shared.schemas';

const featuresSchema = z
  .strictObject({
    cascadingSlots: z.boolean(),
    waitlistEnabled: z.boolean(),
    recurringBookings: z.boolean(),
    multiDayBookings: z.boolean(),
    paymentProcessing: z.boolean(),
    timesheets: z.boolean(),
    virtualServices: z.boolean(),
  })
  .partial();

/** Sign-in rules for the organization's members (spec §2.2 authConfig). */
const authConfigSchema = z
  .strictObject({
    allowMagicLinks: z.boolean(),
    requireMfa: z.boolean(),
    ssoProvider: z.string().max(100),
    sessionDurationMinutes: z.number().int().min(5).max(43_200),
  })
  .partial();

/** POST /organizations. Feature flags and compliance toggles are spec §2.2; omitted ones are off. */
export const createOrganizationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 1–63 characters')
    .optional(),
  type: z.enum(['individual', 'small_business', 'enterprise', 'franchise']).default('small_business'),
  features: featuresSchema.default({}),
  compliance: z.strictObject({ hipaaEnabled: z.boolean(), soc2Enabled: z.boolean(), gdprEnabled: z.boolean() }).partial().default({}),
  authConfig: authConfigSchema.default({}),
  defaultConfig: organizationConfigSchema.default({}),
});

/** PATCH /organizations/:orgId: any field of the creation body; objects replace the stored ones key by key. */
export const updateOrganizationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    type: z.enum(['individual', 'small_business', 'enterprise', 'franchise']),
    features: featuresSchema,
    compliance: z.strictObject({ hipaaEnabled: z.boolean(), soc2Enabled: z.boolean(), gdprEnabled: z.boolean() }).partial(),
    authConfig: authConfigSchema,
    defaultConfig: organizationConfigSchema,
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });

/** POST /organizations/:orgId/members: adds a signed-up user by email. */
export const addMemberSchema = z.strictObject({
  email: z.email(),
  role: z.enum(organizationRoles),
  locationIds: z.array(idSchema).min(1).optional(),
  /** The provider bookable this member is: they then see and work the bookings assigned to it. */
  providerId: idSchema.optional(),
});

/** POST /organizations/:orgId/api-keys. Keys act with one role below owner. */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(organizationRoles).exclude(['owner']).default('manager'),
});
