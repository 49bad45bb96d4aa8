import { z } from 'zod';
import { weekdays } from '../../domain/shared/time';
import { idSchema, timeZoneSchema } from './shared.schemas';

const wallTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24-hour), or 24:00 for end of day');

const wallTimeRange = z
  .strictObject({ start: wallTime, end: wallTime })
  .refine((range) => range.start < range.end, { message: 'start must be before end', path: ['end'] });

/** A weekly schedule: `{ monday: [{ start: '09:00', end: '17:00' }], … }`; missing days are closed. */
export const weeklyScheduleSchema = z
  .partialRecord(z.enum(weekdays), z.array(wallTimeRange).max(12))
  .superRefine((schedule, ctx) => {
    for (const [day, ranges] of Object.entries(schedule)) {
      const sorted = [...(ranges ?? [])].sort((a, b) => (a.start < b.start ? -1 : 1));
      sorted.forEach((range, i) => {
        const previous = sorted[i - 1];
        if (previous && previous.end > range.start) ctx.addIssue({ code: 'custom', message: 'time ranges overlap', path: [day] });
      });
    }
  });

/** POST /organizations/:orgId/bookables/providers: a person who delivers services, with their working week. */
export const createProviderSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  locationId: idSchema,
  email: z.email().optional(),
  phone: z.string().max(40).optional(),
  bio: z.string().max(5000).optional(),
  specialties: z.array(z.string().max(100)).max(50).default([]),
  tags: z.array(z.string().max(50)).max(50).default([]),
  userId: z.string().max(64).optional(),
  timezone: timeZoneSchema.optional(),
  weeklySchedule: weeklyScheduleSchema,
});

/** POST /organizations/:orgId/service-templates: the fixed-duration appointment of the first release. */
export const createServiceTemplateSchema = z.strictObject({
  name: z.string().trim().min(1).max(200),
  slug: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/).optional(),
  type: z.enum(['appointment']).default('appointment'),
  locationId: idSchema.optional(),
  status: z.enum(['draft', 'active']).default('active'),
  duration: z.strictObject({
    type: z.literal('fixed'),
    fixedMinutes: z.number().int().min(1).max(24 * 60),
    preBufferMinutes: z.number().int().min(0).max(24 * 60).default(0),
    postBufferMinutes: z.number().int().min(0).max(24 * 60).default(0),
  }),
  scheduling: z
    .strictObject({
      minAdvanceMinutes: z.number().int().min(0).max(365 * 24 * 60).default(0),
      slotIntervalMinutes: z.number().int().min(1).max(24 * 60).optional(),
    })
    .default({ minAdvanceMinutes: 0 }),
  lifecycle: z
    .strictObject({
      reservation: z.strictObject({ holdDurationSeconds: z.number().int().min(1).max(7 * 24 * 3600).default(900) }).default({ holdDurationSeconds: 900 }),
    })
    .default({ reservation: { holdDurationSeconds: 900 } }),
});
