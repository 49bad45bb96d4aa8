/**
 * `duration` (spec §3.1 DurationConfig): how long one booking lasts and the buffers around it.
 * The booking flow reads `type`, `fixedMinutes`, `preBufferMinutes` and `postBufferMinutes`; keep those names.
 */
import { z } from 'zod';
import { forbidUnless, issue, MINUTES_PER_DAY, minutesInDaySchema, orderedPair, requireWhen, wallTimeSchema, type Ctx } from './common.schemas';

/** A booked length in minutes: at least a minute, at most a day (longer stays are counted in nights). */
const lengthMinutesSchema = z.number().int().min(1).max(MINUTES_PER_DAY);
const nightsSchema = z.number().int().min(1).max(365);

const rangeMinutesSchema = z.strictObject({
  min: lengthMinutesSchema,
  max: lengthMinutesSchema,
  default: lengthMinutesSchema,
});

export const durationShape = z.strictObject({
  /** fixed: always `fixedMinutes`; variable: the booker picks `minMinutes`…`maxMinutes`; range: the provider picks. */
  type: z.enum(['fixed', 'variable', 'range']),
  fixedMinutes: lengthMinutesSchema.optional(),
  minMinutes: lengthMinutesSchema.optional(),
  maxMinutes: lengthMinutesSchema.optional(),
  /** Step between the lengths a booker may choose; must divide `maxMinutes − minMinutes`. */
  intervalMinutes: lengthMinutesSchema.optional(),
  rangeMinutes: rangeMinutesSchema.optional(),
  /** Multi-night stays (Airbnb-style); required for `multi_day` templates. */
  minNights: nightsSchema.optional(),
  maxNights: nightsSchema.optional(),
  defaultNights: nightsSchema.optional(),
  /** Stays: arrival and departure wall times in the bookable's zone (default 15:00 and 11:00; spec §7.3). */
  checkInTime: wallTimeSchema.optional(),
  checkOutTime: wallTimeSchema.optional(),
  /** Stays: nights kept empty before and after every stay for cleaning (spec `minGapBetweenBookings`). */
  gapNights: z.number().int().min(0).max(30).optional(),
  preBufferMinutes: minutesInDaySchema.default(0),
  postBufferMinutes: minutesInDaySchema.default(0),
  travelTimeMinutes: minutesInDaySchema.optional(),
  travelTimeCalculation: z.enum(['fixed', 'distance_based']).optional(),
});

export type DurationConfig = z.output<typeof durationShape>;

function checkNights(duration: DurationConfig, ctx: Ctx): void {
  const { minNights, maxNights, defaultNights } = duration;
  const configured = minNights !== undefined || maxNights !== undefined || defaultNights !== undefined;
  requireWhen(ctx, configured, minNights, ['minNights'], 'when nights are configured');
  requireWhen(ctx, configured, maxNights, ['maxNights'], 'when nights are configured');
  orderedPair(ctx, minNights, maxNights, ['maxNights'], 'minNights');
  for (const key of ['checkInTime', 'checkOutTime', 'gapNights'] as const) forbidUnless(ctx, configured, duration[key], [key], 'when nights are configured');
  if (defaultNights === undefined || minNights === undefined || maxNights === undefined || minNights > maxNights) return;
  if (defaultNights < minNights || defaultNights > maxNights) issue(ctx, ['defaultNights'], `must be between minNights (${minNights}) and maxNights (${maxNights})`);
}

function checkDuration(duration: DurationConfig, ctx: Ctx): void {
  const { type } = duration;
  requireWhen(ctx, type === 'fixed', duration.fixedMinutes, ['fixedMinutes'], "when type is 'fixed'");
  forbidUnless(ctx, type === 'fixed', duration.fixedMinutes, ['fixedMinutes'], "when type is 'fixed'");

  requireWhen(ctx, type === 'variable', duration.minMinutes, ['minMinutes'], "when type is 'variable'");
  requireWhen(ctx, type === 'variable', duration.maxMinutes, ['maxMinutes'], "when type is 'variable'");
  for (const key of ['minMinutes', 'maxMinutes', 'intervalMinutes'] as const) forbidUnless(ctx, type === 'variable', duration[key], [key], "when type is 'variable'");
  if (type === 'variable' && duration.minMinutes !== undefined && duration.maxMinutes !== undefined) {
    const { minMinutes, maxMinutes, intervalMinutes } = duration;
    orderedPair(ctx, minMinutes, maxMinutes, ['maxMinutes'], 'minMinutes');
    if (intervalMinutes !== undefined && minMinutes <= maxMinutes && (maxMinutes - minMinutes) % intervalMinutes !== 0) {
      issue(ctx, ['intervalMinutes'], `must divide maxMinutes − minMinutes (${maxMinutes - minMinutes})`);
    }
  }

  requireWhen(ctx, type === 'range', duration.rangeMinutes, ['rangeMinutes'], "when type is 'range'");
  forbidUnless(ctx, type === 'range', duration.rangeMinutes, ['rangeMinutes'], "when type is 'range'");
  const range = duration.rangeMinutes;
  if (range) {
    orderedPair(ctx, range.min, range.max, ['rangeMinutes', 'max'], 'min');
    if (range.min <= range.max && (range.default < range.min || range.default > range.max)) {
      issue(ctx, ['rangeMinutes', 'default'], `must be between min (${range.min}) and max (${range.max})`);
    }
  }

  checkNights(duration, ctx);
  requireWhen(ctx, duration.travelTimeCalculation === 'fixed', duration.travelTimeMinutes, ['travelTimeMinutes'], "when travelTimeCalculation is 'fixed'");
}

/** The duration block; every cross-field rule reports at `duration.<field>`. */
export const durationConfigSchema = durationShape.superRefine(checkDuration);
