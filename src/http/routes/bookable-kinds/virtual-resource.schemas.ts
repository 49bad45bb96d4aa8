import { z } from 'zod';
import { timeZoneSchema } from '../shared.schemas';
import { typedWeeklyScheduleSchema as weeklyScheduleSchema } from '../calendars.schemas';
import { baseFields, createBody, httpUrlSchema, patchBody, requireOrder, whenValid } from './common.schemas';

/**
 * How to reach the resource (spec `connectionInfo`). Holds secrets (`passcode`, `streamingKey`):
 * presenters must not echo them to people who cannot manage the bookable.
 */
export const virtualConnectionSchema = z.strictObject({
  joinUrl: httpUrlSchema.optional(),
  meetingId: z.string().max(200).optional(),
  passcode: z.string().max(200).optional(),
  dialInNumbers: z
    .array(z.string().regex(/^\+?[0-9][0-9 ()-]{3,30}$/, 'must be a phone number such as +1 555 0100'))
    .max(20)
    .optional(),
  streamingKey: z.string().max(500).optional(),
});

/** Seats of a licensed resource: at most `concurrentLimit` in use at once (spec `licensePool`). */
export const licensePoolSchema = z
  .strictObject({
    /** How many licences the organization owns (spec `totalLicenses`). */
    size: z.number().int().min(1).max(100_000),
    concurrentLimit: z.number().int().min(1).max(100_000),
  })
  .superRefine((pool, ctx) => requireOrder(ctx, pool.concurrentLimit, pool.size, ['concurrentLimit'], 'concurrentLimit must not exceed size'), whenValid);

/** Create the meeting/seat automatically for each booking (spec `autoProvision`, `autoDeleteAfter`). */
export const autoProvisioningSchema = z.strictObject({
  enabled: z.boolean(),
  /** How long before the booking starts to provision. */
  leadTimeMinutes: z.number().int().min(0).max(7 * 24 * 60).optional(),
  /** How long after the booking ends to tear down. */
  deleteAfterMinutes: z.number().int().min(0).max(30 * 24 * 60).optional(),
});

/** Recording (spec `allowRecording`, `autoRecord`, `recordingRetentionDays`). */
export const recordingSchema = z
  .strictObject({
    enabled: z.boolean(),
    autoRecord: z.boolean().default(false),
    retentionDays: z.number().int().min(1).max(3650).optional(),
  })
  .superRefine((recording, ctx) => {
    if (recording.autoRecord && !recording.enabled) ctx.addIssue({ code: 'custom', message: 'autoRecord needs recording enabled', path: ['autoRecord'] });
  }, whenValid);

const virtualResourceFields = {
  required: {
    ...baseFields.required,
    /** What sort of resource (spec `resourceType`). */
    kind: z.enum(['video_conference', 'software_license', 'streaming_slot', 'other']),
  },
  optional: {
    ...baseFields.optional,
    provider: z.enum(['zoom', 'google_meet', 'teams', 'custom', 'license_server']),
    connection: virtualConnectionSchema,
    licensePool: licensePoolSchema,
    autoProvisioning: autoProvisioningSchema,
    recording: recordingSchema,
    /** Own availability; without it the resource follows its location's hours. */
    timezone: timeZoneSchema,
    weeklySchedule: weeklyScheduleSchema,
  },
  defaulted: { ...baseFields.defaulted },
};

/** POST /organizations/:orgId/bookables/virtual-resources: video rooms, licences, streams (spec §2.3 `VirtualResource`). */
export const createVirtualResourceSchema = createBody(virtualResourceFields);

/** PATCH /organizations/:orgId/bookables/:bookableId for a virtual resource. */
export const patchVirtualResourceSchema = patchBody(virtualResourceFields);

export type CreateVirtualResourceInput = z.infer<typeof createVirtualResourceSchema>;
export type PatchVirtualResourceInput = z.infer<typeof patchVirtualResourceSchema>;
