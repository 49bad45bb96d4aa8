import { z } from 'zod';
import { typedWeeklyScheduleSchema as weeklyScheduleSchema } from './calendars.schemas';
import { organizationConfigSchema } from './organization-config.schemas';
import { idSchema, timeZoneSchema } from './shared.schemas';

const coordinatesSchema = z.strictObject({ lat: z.number().min(-90).max(90), lng: z.number().min(-180).max(180) });

const addressSchema = z.strictObject({
  street: z.string().max(200),
  city: z.string().max(100),
  state: z.string().max(100).optional(),
  zip: z.string().max(20),
  country: z.string().length(2, 'ISO 3166-1 alpha-2 country code'),
  coordinates: coordinatesSchema.optional(),
});

/** Where a mobile service travels: a radius around a centre, or a polygon (spec §2.2 serviceArea). */
const serviceAreaSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('radius'), center: coordinatesSchema, radiusKm: z.number().positive().max(20_000) }),
  z.strictObject({ type: z.literal('polygon'), coordinates: z.array(coordinatesSchema).min(3).max(1_000) }),
]);

const localeSchema = z.string().regex(/^[a-z]{2,3}(?:-[A-Z]{2})?$/, 'a locale such as en-US');

const locationFields = {
  name: z.string().trim().min(1).max(200),
  type: z.enum(['physical', 'virtual', 'mobile']),
  timezone: timeZoneSchema,
  locale: localeSchema,
  parentLocationId: idSchema.nullable(),
  address: addressSchema.nullable(),
  config: organizationConfigSchema,
  operatingHours: weeklyScheduleSchema.nullable(),
  serviceArea: serviceAreaSchema.nullable(),
};

/** POST /organizations/:orgId/locations. A mobile location needs a service area. */
export const createLocationSchema = z
  .strictObject({
    ...locationFields,
    type: locationFields.type.default('physical'),
    locale: locationFields.locale.default('en-US'),
    parentLocationId: idSchema.optional(),
    address: addressSchema.optional(),
    config: organizationConfigSchema.default({}),
    operatingHours: weeklyScheduleSchema.optional(),
    serviceArea: serviceAreaSchema.optional(),
  })
  .refine((body) => body.type !== 'mobile' || body.serviceArea, { message: 'a mobile location needs a service area', path: ['serviceArea'] });

/** PATCH /locations/:id: any field; `null` clears an optional one. `config` replaces the location's overrides. */
export const updateLocationSchema = z
  .strictObject(locationFields)
  .partial()
  .refine((body) => Object.keys(body).length > 0, { message: 'send at least one field to change' });
