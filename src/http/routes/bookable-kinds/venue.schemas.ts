import { z } from 'zod';
import { idSchema, timeZoneSchema } from '../shared.schemas';
import { typedWeeklyScheduleSchema as weeklyScheduleSchema } from '../calendars.schemas';
import { baseFields, createBody, httpUrlSchema, patchBody, requireOrder, whenValid } from './common.schemas';

/** How many people a venue takes: `min ≤ optimal ≤ max` (spec §2.3 `Venue.capacity`). */
export const venueCapacitySchema = z
  .strictObject({
    min: z.number().int().min(0).max(100_000).default(0),
    max: z.number().int().min(1).max(100_000),
    optimal: z.number().int().min(1).max(100_000).optional(),
  })
  .superRefine((capacity, ctx) => {
    requireOrder(ctx, capacity.min, capacity.max, ['max'], 'max must be at least min');
    requireOrder(ctx, capacity.min, capacity.optimal, ['optimal'], 'optimal must be at least min');
    requireOrder(ctx, capacity.optimal, capacity.max, ['optimal'], 'optimal must not exceed max');
  }, whenValid);

const venueFields = {
  required: {
    ...baseFields.required,
    capacity: venueCapacitySchema,
  },
  optional: {
    ...baseFields.optional,
    /** Floor area in m² (spec `squareFootage`, metric like the other measures). */
    squareMeters: z.number().positive().max(10_000_000),
    layout: z.enum(['theater', 'classroom', 'banquet', 'conference', 'open', 'custom']),
    floorPlanUrl: httpUrlSchema,
    /** The venue this one lies within: a room in a building (spec `parentVenueId`). */
    parentVenueId: idSchema,
    /** Own availability; without it the venue follows its location's hours. */
    timezone: timeZoneSchema,
    weeklySchedule: weeklyScheduleSchema,
  },
  defaulted: {
    ...baseFields.defaulted,
    amenities: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    /** How many bookings may overlap in the venue (spec `allowSimultaneousBookings` + `maxSimultaneousBookings`). */
    simultaneousBookings: z.number().int().min(1).max(1000).default(1),
    /** Minutes blocked before and after each booking (spec `defaultSetupTime`, `defaultTeardownTime`). */
    setupMinutes: z.number().int().min(0).max(24 * 60).default(0),
    teardownMinutes: z.number().int().min(0).max(24 * 60).default(0),
  },
};

// Each overlapping booking brings at least one person, so more of them than `capacity.max` cannot all fit.
function simultaneousWithinCapacity(venue: { capacity?: { max: number } | null; simultaneousBookings?: number }, ctx: z.RefinementCtx) {
  requireOrder(ctx, venue.simultaneousBookings, venue.capacity?.max, ['simultaneousBookings'], 'simultaneousBookings must not exceed capacity.max');
}

/** POST /organizations/:orgId/bookables/venues: rooms, halls, courts (spec §2.3 `Venue`). */
export const createVenueSchema = createBody(venueFields).superRefine(simultaneousWithinCapacity, whenValid);

/**
 * PATCH /organizations/:orgId/bookables/:bookableId for a venue. `simultaneousBookings ≤ capacity.max`
 * is checked here only when both are in the patch; the route must check it against the stored venue too.
 */
export const patchVenueSchema = patchBody(venueFields).superRefine(simultaneousWithinCapacity, whenValid);

export type CreateVenueInput = z.infer<typeof createVenueSchema>;
export type PatchVenueInput = z.infer<typeof patchVenueSchema>;
