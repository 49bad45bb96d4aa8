import { z } from 'zod';
import {
  calendarBlockTypes,
  calendarPatternProblems,
  cascadingStrategies,
  dateOverrideKinds,
  dayRangeProblems,
  timeRangeTypes,
  type ConfigProblem,
} from '../../domain/availability/calendar-config';
import { weekdays } from '../../domain/shared/time';
import { instantSchema, timeZoneSchema } from './shared.schemas';

/** Request bodies of the calendar routes (spec §2.4): pattern, overrides, blocks, cascading. */

const wallTime = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24-hour), or 24:00 for end of day');

/** `{ start, end, type? }`; a range without a type is `available`, so bodies of the untyped schedule still parse. */
export const typedWallTimeRangeSchema = z.strictObject({ start: wallTime, end: wallTime, type: z.enum(timeRangeTypes).default('available') });

/**
 * Cross-field rules run only on a body whose fields all parsed: zod 4 would otherwise run them after
 * continuable issues (a bad format, a too-small number), on values that are not what their types say.
 */
const whenFieldsValid = { when: (payload: z.core.ParsePayload) => payload.issues.length === 0 };

function report(ctx: z.core.$RefinementCtx, problems: ConfigProblem[], prefix: (string | number)[] = []): void {
  for (const problem of problems) ctx.addIssue({ code: 'custom', message: problem.message, path: [...prefix, ...problem.path] });
}

/** One day's ranges: each starts before it ends (paths `…N.end`), none overlaps another (path `…N` of the later one). */
const dayRangesSchema = z
  .array(typedWallTimeRangeSchema)
  .max(12)
  .superRefine((ranges, ctx) => report(ctx, dayRangeProblems(ranges)), whenFieldsValid);

/** A weekly schedule with typed ranges: `{ monday: [{ start: '09:00', end: '12:00', type: 'preferred' }], … }`; missing days are closed. */
export const typedWeeklyScheduleSchema = z.partialRecord(z.enum(weekdays), dayRangesSchema);

const dayMinutes = z.number().int().min(1).max(24 * 60);
const bufferMinutes = z.number().int().min(0).max(24 * 60);
const patternFields = {
  weeklySchedule: typedWeeklyScheduleSchema,
  slotDurationMinutes: dayMinutes,
  slotIntervalMinutes: dayMinutes,
  preBufferMinutes: bufferMinutes,
  postBufferMinutes: bufferMinutes,
  minAdvanceMinutes: z.number().int().min(0).max(365 * 24 * 60),
  maxAdvanceDays: z.number().int().min(1).max(730),
  maxSlotsPerDay: z.number().int().min(1).max(24 * 60),
  maxBookingsPerDay: z.number().int().min(1).max(10_000),
};

/** A calendar's availability pattern (spec §2.4 `AvailabilityPattern`), buffers and minimum notice defaulting to 0. */
export const calendarPatternSchema = z
  .strictObject({
    weeklySchedule: patternFields.weeklySchedule,
    slotDurationMinutes: patternFields.slotDurationMinutes.optional(),
    slotIntervalMinutes: patternFields.slotIntervalMinutes.optional(),
    preBufferMinutes: patternFields.preBufferMinutes.default(0),
    postBufferMinutes: patternFields.postBufferMinutes.default(0),
    minAdvanceMinutes: patternFields.minAdvanceMinutes.default(0),
    maxAdvanceDays: patternFields.maxAdvanceDays.optional(),
    maxSlotsPerDay: patternFields.maxSlotsPerDay.optional(),
    maxBookingsPerDay: patternFields.maxBookingsPerDay.optional(),
  })
  .superRefine((pattern, ctx) => report(ctx, calendarPatternProblems(pattern)), whenFieldsValid);

/**
 * A pattern patch: every field optional and nothing defaulted, so an absent field keeps its stored
 * value. `weeklySchedule` replaces the whole week. Cross-field rules are checked only between fields
 * the patch carries; re-check the merged pattern with `calendarPatternProblems`.
 */
export const calendarPatternPatchSchema = z
  .strictObject({
    weeklySchedule: patternFields.weeklySchedule.optional(),
    slotDurationMinutes: patternFields.slotDurationMinutes.optional(),
    slotIntervalMinutes: patternFields.slotIntervalMinutes.optional(),
    preBufferMinutes: patternFields.preBufferMinutes.optional(),
    postBufferMinutes: patternFields.postBufferMinutes.optional(),
    minAdvanceMinutes: patternFields.minAdvanceMinutes.optional(),
    maxAdvanceDays: patternFields.maxAdvanceDays.optional(),
    maxSlotsPerDay: patternFields.maxSlotsPerDay.optional(),
    maxBookingsPerDay: patternFields.maxBookingsPerDay.optional(),
  })
  .superRefine((pattern, ctx) => report(ctx, calendarPatternProblems(pattern)), whenFieldsValid);

/** Price multipliers in basis points: 10000 = 1×, 15000 = 1.5×. */
const overridePricingBps = z.number().int().min(0).max(100_000);

/** Spec §2.4 `CascadingConfig`; the settings block of the chosen strategy is required while it is enabled. */
export const cascadingConfigSchema = z
  .strictObject({
    enabled: z.boolean(),
    strategy: z.enum(cascadingStrategies),
    sequential: z
      .strictObject({
        initialOpenSlots: z.number().int().min(1).max(1000),
        advanceWindowDays: z.number().int().min(0).max(730),
      })
      .optional(),
    batch: z
      .strictObject({
        batchSize: z.number().int().min(1).max(1000),
        lookAheadDays: z.number().int().min(1).max(730),
      })
      .optional(),
    premium: z
      .strictObject({
        enabled: z.boolean(),
        premiumSlots: z.number().int().min(1).max(1000),
        pricingMultiplierBps: z.number().int().min(10_000, 'a premium costs at least the normal price (10000 = 1×)').max(100_000),
      })
      .optional(),
  })
  .superRefine((config, ctx) => {
    if (!config.enabled) return;
    if (config.strategy === 'sequential' && !config.sequential) {
      ctx.addIssue({ code: 'custom', message: 'the sequential strategy needs its settings: { initialOpenSlots, advanceWindowDays }', path: ['sequential'] });
    }
    if (config.strategy === 'batch' && !config.batch) {
      ctx.addIssue({ code: 'custom', message: 'the batch strategy needs its settings: { batchSize, lookAheadDays }', path: ['batch'] });
    }
  }, whenFieldsValid);

/** PATCH /calendars/:id. */
export const calendarPatchSchema = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  timezone: timeZoneSchema.optional(),
  pattern: calendarPatternPatchSchema.optional(),
  cascading: cascadingConfigSchema.optional(),
});

/** POST /calendars/:id/overrides (spec §2.4 `DateOverride`). */
export const dateOverrideSchema = z
  .strictObject({
    date: z.iso.date('must be a real date written YYYY-MM-DD'),
    kind: z.enum(dateOverrideKinds),
    ranges: dayRangesSchema.min(1).optional(),
    pricingMultiplierBps: overridePricingBps.optional(),
    recurringYearly: z.boolean().default(false),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((override, ctx) => {
    const hasHours = override.kind === 'modified_hours' || override.kind === 'special_hours';
    if (hasHours && !override.ranges) ctx.addIssue({ code: 'custom', message: `a ${override.kind} override needs its ranges`, path: ['ranges'] });
    if (!hasHours && override.ranges) {
      const message = override.kind === 'closed' ? 'a closed day has no ranges' : 'a holiday_pricing override keeps the weekly hours; use modified_hours to change them';
      ctx.addIssue({ code: 'custom', message, path: ['ranges'] });
    }
    if (override.kind === 'closed' && override.pricingMultiplierBps !== undefined) {
      ctx.addIssue({ code: 'custom', message: 'a closed day has no price', path: ['pricingMultiplierBps'] });
    }
    if (override.kind === 'holiday_pricing' && override.pricingMultiplierBps === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a holiday_pricing override needs its pricingMultiplierBps', path: ['pricingMultiplierBps'] });
    }
    if (override.recurringYearly && override.date.endsWith('-02-29')) {
      ctx.addIssue({
        code: 'custom',
        message: 'a yearly override cannot fall on 29 February: three years in four have no such day; use 28 February or 1 March, or one override per leap year',
        path: ['date'],
      });
    }
  }, whenFieldsValid);

const maxBlockMs = 366 * 24 * 3_600_000;

/** POST /calendars/:id/blocks: block time (spec §2.4 `BlockedTime`), the half-open range [startsAt, endsAt). */
export const calendarBlockSchema = z
  .strictObject({
    startsAt: instantSchema,
    endsAt: instantSchema,
    type: z.enum(calendarBlockTypes),
    reason: z.string().trim().min(1).max(500).optional(),
    paidTimeOff: z.boolean().default(false),
    overrideRules: z
      .strictObject({ allowOverride: z.boolean().default(false), requiresApproval: z.boolean().default(true) })
      .default({ allowOverride: false, requiresApproval: true }),
  })
  .superRefine((block, ctx) => {
    const length = block.endsAt.getTime() - block.startsAt.getTime();
    if (length <= 0) ctx.addIssue({ code: 'custom', message: 'endsAt must be after startsAt', path: ['endsAt'] });
    else if (length > maxBlockMs) ctx.addIssue({ code: 'custom', message: 'a block lasts at most 366 days', path: ['endsAt'] });
    if (block.paidTimeOff && block.type !== 'time_off') ctx.addIssue({ code: 'custom', message: 'only time_off can be paid time off', path: ['paidTimeOff'] });
  }, whenFieldsValid);
