/**
 * `scheduling`: when a template can be booked. The spec names the block (`SchedulingConfig`) without
 * defining it, so its fields come from the spec's AvailabilityPattern (§2): `minAdvanceBooking` (hours) and
 * `maxAdvanceBooking` (days), `slotInterval`, `maxBookingsPerDay`.
 * The booking flow reads `minAdvanceMinutes` and `slotIntervalMinutes`; keep those names. The unit is in every name.
 */
import { z } from 'zod';
import { instantSchema, timeZoneSchema } from '../shared.schemas';
import { issue, MINUTES_PER_DAY } from './common.schemas';

export const schedulingConfigSchema = z
  .strictObject({
    /** Least notice a booking needs, in minutes (the spec's `minAdvanceBooking` is in hours). */
    minAdvanceMinutes: z.number().int().min(0).max(365 * MINUTES_PER_DAY).default(0),
    /** Furthest ahead a booking may start, in days; no limit when absent. */
    maxAdvanceDays: z.number().int().min(1).max(730).optional(),
    /** Minutes between candidate slot starts; defaults to the booked length when absent. */
    slotIntervalMinutes: z.number().int().min(1).max(MINUTES_PER_DAY).optional(),
    maxBookingsPerDay: z.number().int().min(1).max(10_000).optional(),
    /** Zone for wall-clock rules of a template without a location (e.g. virtual); otherwise the location's zone applies. */
    timezone: timeZoneSchema.optional(),
    /** When booking opens and closes (e.g. ticket sales for an event), as instants with an offset. */
    bookingWindow: z
      .strictObject({ opensAt: instantSchema.optional(), closesAt: instantSchema.optional() })
      .refine((window) => window.opensAt !== undefined || window.closesAt !== undefined, { message: 'must set opensAt or closesAt' })
      .optional(),
  })
  .superRefine((scheduling, ctx) => {
    const { minAdvanceMinutes, maxAdvanceDays } = scheduling;
    if (maxAdvanceDays !== undefined && minAdvanceMinutes > maxAdvanceDays * MINUTES_PER_DAY) {
      issue(ctx, ['maxAdvanceDays'], `must reach at least as far as minAdvanceMinutes (${minAdvanceMinutes} minutes)`);
    }
    const window = scheduling.bookingWindow;
    if (window?.opensAt && window.closesAt && window.opensAt.getTime() >= window.closesAt.getTime()) {
      issue(ctx, ['bookingWindow', 'closesAt'], 'must be after opensAt');
    }
  });

export type SchedulingConfig = z.output<typeof schedulingConfigSchema>;
