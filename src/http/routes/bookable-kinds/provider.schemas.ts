import { z } from 'zod';
import { instantSchema, timeZoneSchema } from '../shared.schemas';
import { typedWeeklyScheduleSchema as weeklyScheduleSchema } from '../calendars.schemas';
import { baseFields, createBody, localDateSchema, patchBody, requireOrder, uniqueIds, whenValid } from './common.schemas';

/**
 * A certification a provider holds (spec §2.3 `Certification`). `name` is what search matches
 * (`certifications=BLS`); a certification counts only when `verified` and not expired on the day asked.
 */
export const certificationSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    issuer: z.string().max(200).optional(),
    number: z.string().max(100).optional(),
    issuedOn: localDateSchema.optional(),
    expiresOn: localDateSchema.optional(),
    verified: z.boolean().default(false),
    verifiedAt: instantSchema.optional(),
  })
  .superRefine((cert, ctx) => requireOrder(ctx, cert.issuedOn, cert.expiresOn, ['expiresOn'], 'expiresOn must not be before issuedOn'), whenValid);

/** A background check (spec §2.3 `Provider.backgroundCheck`). */
export const backgroundCheckSchema = z
  .strictObject({
    status: z.enum(['pending', 'passed', 'failed', 'expired']),
    checkedOn: localDateSchema.optional(),
    expiresOn: localDateSchema.optional(),
    provider: z.string().max(200).optional(),
  })
  .superRefine((check, ctx) => requireOrder(ctx, check.checkedOn, check.expiresOn, ['expiresOn'], 'expiresOn must not be before checkedOn'), whenValid);

/** Limits that keep a provider from being overbooked (spec §2.3 "Working preferences"). */
export const workingLimitsSchema = z.strictObject({
  maxDailyBookings: z.number().int().min(1).max(1000).optional(),
  maxWeeklyHours: z.number().positive().max(168).optional(),
  minRestMinutesBetweenBookings: z.number().int().min(0).max(24 * 60).optional(),
  maxConsecutiveBookings: z.number().int().min(1).max(1000).optional(),
});

const providerFields = {
  required: {
    ...baseFields.required,
    // Required, as in the first release's createProviderSchema: a provider is bookable only in its hours.
    weeklySchedule: weeklyScheduleSchema,
  },
  optional: {
    ...baseFields.optional,
    email: z.email(),
    phone: z.string().max(40),
    bio: z.string().max(5000),
    userId: z.string().max(64),
    timezone: timeZoneSchema,
    backgroundCheck: backgroundCheckSchema,
    workingLimits: workingLimitsSchema,
    canWorkAtLocationIds: uniqueIds(100),
    travelRadiusKm: z.number().positive().max(1000),
    rating: z.number().min(0).max(5),
  },
  defaulted: {
    ...baseFields.defaulted,
    specialties: z.array(z.string().max(100)).max(50).default([]),
    languages: z
      .array(z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a language tag such as en or pt-BR'))
      .max(30)
      .default([]),
    certifications: z.array(certificationSchema).max(50).default([]),
  },
};

/**
 * POST /organizations/:orgId/bookables/providers: a person who delivers services (spec §2.3 `Provider`).
 * A superset of the first release's `createProviderSchema` in catalogue.schemas.ts: every body it
 * accepted is accepted here and parses to the same values, plus the new fields' defaults.
 */
export const createProviderSchema = createBody(providerFields);

/** PATCH /organizations/:orgId/bookables/:bookableId for a provider. */
export const patchProviderSchema = patchBody(providerFields);

export type CreateProviderInput = z.infer<typeof createProviderSchema>;
export type PatchProviderInput = z.infer<typeof patchProviderSchema>;
