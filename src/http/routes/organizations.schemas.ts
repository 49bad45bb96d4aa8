import { z } from 'zod';
import { organizationRoles } from '../../domain/auth/permissions';
import { idSchema } from './shared.schemas';

/** POST /organizations. Feature flags and compliance toggles are spec §2.2; omitted ones are off. */
export const createOrganizationSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z
    .string()
    .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'lowercase letters, digits and dashes, 1–63 characters')
    .optional(),
  type: z.enum(['individual', 'small_business', 'enterprise', 'franchise']).default('small_business'),
  features: z
    .strictObject({
      cascadingSlots: z.boolean(),
      waitlistEnabled: z.boolean(),
      recurringBookings: z.boolean(),
      multiDayBookings: z.boolean(),
      paymentProcessing: z.boolean(),
      timesheets: z.boolean(),
      virtualServices: z.boolean(),
    })
    .partial()
    .default({}),
  compliance: z.strictObject({ hipaaEnabled: z.boolean(), soc2Enabled: z.boolean(), gdprEnabled: z.boolean() }).partial().default({}),
});

/** POST /organizations/:orgId/members: adds a signed-up user by email. */
export const addMemberSchema = z.strictObject({
  email: z.email(),
  role: z.enum(organizationRoles),
  locationIds: z.array(idSchema).min(1).optional(),
});

/** POST /organizations/:orgId/api-keys. Keys act with one role below owner. */
export const createApiKeySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  role: z.enum(organizationRoles).exclude(['owner']).default('manager'),
});
