import { z } from 'zod';
import { weekdays } from '../../domain/shared/time';
import { timeRangeTypes } from '../../domain/availability/calendar-config';
import { commaList, idSchema, instantSchema, timeZoneSchema } from './shared.schemas';
import { localDateSchema } from './bookable-kinds/common.schemas';

const MAX_RANGE_DAYS = 31;
const DAY_MS = 86_400_000;
const wallTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a wall time HH:MM');

/** `from`/`to` of every slot query: instants with an offset, `to` after `from`, at most 31 days apart. */
const rangeFields = {
  from: instantSchema,
  to: instantSchema,
  /** The zone slots are rendered in (`local`); default: each slot's bookable's own zone. Never changes which slots exist. */
  timezone: timeZoneSchema.optional(),
  /** The appointment length for variable or range durations; fixed services refuse any other length. */
  durationMinutes: z.coerce.number().int().min(1).max(24 * 60).optional(),
  /** Seats the booking needs (group services). */
  seats: z.coerce.number().int().min(1).max(10_000).default(1),
  /** At most this many slots, earliest first. */
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
};

function validRange<T extends { from: Date; to: Date }>(schema: z.ZodType<T>) {
  return schema
    .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
    .refine((q) => q.to.getTime() - q.from.getTime() <= MAX_RANGE_DAYS * DAY_MS, { message: `at most ${MAX_RANGE_DAYS} days at a time`, path: ['to'] });
}

/** GET /bookables/:id/availability and GET /calendars/:id/slots: slots are generated for a service (its length, buffers, notice). */
export const bookableSlotsQuerySchema = validRange(z.strictObject({ serviceTemplateId: idSchema, ...rangeFields }));

/** GET /search/availability. */
export const searchAvailabilityQuerySchema = validRange(
  z.strictObject({
    organizationId: idSchema,
    serviceTemplateId: idSchema,
    locationId: idSchema.optional(),
    bookableIds: commaList(idSchema, 200).optional(),
    categoryIds: commaList(idSchema, 50).optional(),
    tags: commaList(z.string().max(50), 20).optional(),
    ...rangeFields,
  }),
);

/** POST /search/query: several criteria at once. */
export const searchQueryBodySchema = validRange(
  z.strictObject({
    organizationId: idSchema,
    serviceTemplateId: idSchema,
    locationId: idSchema.optional(),
    from: instantSchema,
    to: instantSchema,
    timezone: timeZoneSchema.optional(),
    durationMinutes: z.number().int().min(1).max(24 * 60).optional(),
    seats: z.number().int().min(1).max(10_000).default(1),
    limit: z.number().int().min(1).max(5000).default(1000),
    bookables: z
      .strictObject({
        ids: z.array(idSchema).max(200).optional(),
        categoryIds: z.array(idSchema).max(50).optional(),
        tags: z.array(z.string().max(50)).max(20).optional(),
        certifications: z.array(z.string().max(100)).max(20).optional(),
        minRating: z.number().min(0).max(5).optional(),
      })
      .default({}),
    /** Local to `timezone` (or each slot's bookable's zone without one). */
    times: z
      .strictObject({
        daysOfWeek: z.array(z.enum(weekdays)).min(1).max(7).optional(),
        dates: z.array(localDateSchema).min(1).max(62).optional(),
        /** Slots starting at or after this wall time. */
        earliestStart: wallTimeSchema.optional(),
        /** Slots ending at or before this wall time (a slot ending at midnight counts as 24:00). */
        latestEnd: z.union([wallTimeSchema, z.literal('24:00')]).optional(),
      })
      .default({}),
    /** Only slots in ranges of these types (premium and preferred ranges). */
    rangeTypes: z.array(z.enum(timeRangeTypes)).min(1).max(3).optional(),
    /** Only skip-the-line premium slots (true) or only regular ones (false). */
    premium: z.boolean().optional(),
  }),
);


/** GET /bookables/:id/stays: check-in dates are local dates in the bookable's zone, both ends included, at most 62. */
export const staysQuerySchema = z
  .strictObject({
    serviceTemplateId: idSchema,
    fromDate: localDateSchema,
    toDate: localDateSchema,
    nights: z.coerce.number().int().min(1).max(365).optional(),
    timezone: timeZoneSchema.optional(),
  })
  .refine((q) => q.toDate >= q.fromDate, { message: 'toDate must not be before fromDate', path: ['toDate'] })
  .refine((q) => Date.parse(q.toDate) - Date.parse(q.fromDate) <= 61 * DAY_MS, { message: 'at most 62 check-in dates at a time', path: ['toDate'] });
