/**
 * `pricing.dynamicPricing` (spec §3.2): a base price adjusted by time of day, date and demand.
 * Float multipliers of the spec are basis points here (`multiplier: 1.5` → `multiplierBps: 15000`),
 * percentages are basis points (`discountPercent` → `discountBps`), money is integer minor units
 * (`basePrice` → `basePriceAmount`). Wall-clock times are read in the location's time zone
 * (or `scheduling.timezone`).
 */
import { z } from 'zod';
import { weekdays } from '../../../domain/shared/time';
import { amountSchema, bpsSchema, issue, localDateSchema, multiplierBpsSchema, noDuplicates, uniqueArray, wallTimeSchema, type Ctx } from './common.schemas';

const timeMultiplierSchema = z.strictObject({
  timeRange: z
    .strictObject({ start: wallTimeSchema, end: wallTimeSchema })
    .refine((range) => range.start < range.end, { message: 'start must be before end', path: ['end'] }),
  daysOfWeek: uniqueArray(z.enum(weekdays), 7).min(1),
  multiplierBps: multiplierBpsSchema,
});

type TimeMultiplier = z.output<typeof timeMultiplierSchema>;

/** Two multipliers that cover the same minute of the same weekday would make the price ambiguous. */
function checkTimeMultipliers(multipliers: TimeMultiplier[], ctx: Ctx): void {
  multipliers.forEach((current, i) => {
    const clash = multipliers
      .slice(0, i)
      .findIndex(
        (earlier) =>
          earlier.daysOfWeek.some((day) => current.daysOfWeek.includes(day)) &&
          earlier.timeRange.start < current.timeRange.end &&
          current.timeRange.start < earlier.timeRange.end,
      );
    if (clash >= 0) issue(ctx, ['timeMultipliers', i], `overlaps timeMultipliers.${clash} on a shared day`);
  });
}

/** Multipliers for named local dates (a fair, New Year's Eve), at most one per date; the nightly model reads them too. */
export const specificDatesSchema = z
  .array(z.strictObject({ date: localDateSchema, multiplierBps: multiplierBpsSchema, reason: z.string().trim().min(1).max(200) }))
  .max(366)
  .default([])
  .superRefine((dates, ctx) => noDuplicates(ctx, dates.map((d) => d.date), (i) => [i, 'date'], 'date'));

export const dynamicPricingSchema = z
  .strictObject({
    basePriceAmount: amountSchema,
    timeMultipliers: z.array(timeMultiplierSchema).max(50).default([]),
    holidayMultiplierBps: multiplierBpsSchema.default(10_000),
    specificDates: specificDatesSchema,
    demandBased: z
      .strictObject({
        enabled: z.boolean().default(false),
        /** Cap on surge pricing; at least ×1. */
        surgeMultiplierMaxBps: multiplierBpsSchema.min(10_000, 'must be at least 10000 (×1)'),
      })
      .optional(),
    advanceBookingDiscount: z.strictObject({ daysInAdvance: z.number().int().min(1).max(730), discountBps: bpsSchema }).optional(),
    lastMinutePremium: z.strictObject({ hoursBefore: z.number().int().min(1).max(24 * 30), premiumBps: bpsSchema }).optional(),
  })
  .superRefine((dynamic, ctx) => {
    checkTimeMultipliers(dynamic.timeMultipliers, ctx);
    const early = dynamic.advanceBookingDiscount;
    const late = dynamic.lastMinutePremium;
    if (early && late && late.hoursBefore >= early.daysInAdvance * 24) {
      issue(ctx, ['lastMinutePremium', 'hoursBefore'], `must be less than advanceBookingDiscount.daysInAdvance in hours (${early.daysInAdvance * 24})`);
    }
  });

export type DynamicPricing = z.output<typeof dynamicPricingSchema>;
