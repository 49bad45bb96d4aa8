/**
 * `pricing.nightlyRate` and `pricing.securityDeposit`: stays priced by the night (spec §7.3 RentalConfig.pricing).
 *
 * Departures from the spec, by the money rule of pricing.schemas.ts: `baseNightlyRate` → `rateAmount`,
 * `weeklyDiscount` / `monthlyDiscount` (percentages) → `weeklyDiscountBps` / `monthlyDiscountBps`,
 * `cleaningFee` / `serviceFee` → `cleaningFeeAmount` / `serviceFeeAmount` (per stay), `taxRate` is the
 * template's `taxConfiguration`, and `dynamicPricingEnabled` is the presence of `weekdayMultipliers` or
 * `specificDates` (a calendar's holiday pricing applies to each night it covers in any case).
 * `securityDeposit` (an amount held on the card, not charged) is its own block beside the price, so any
 * model may ask for one, with `releaseAfterHours` after the booking ends (default 48).
 */
import { z } from 'zod';
import { weekdays } from '../../../domain/shared/time';
import { amountSchema, bpsSchema, currencySchema, issue, multiplierBpsSchema, uniqueArray, type Ctx } from './common.schemas';
import { specificDatesSchema } from './dynamic-pricing.schemas';

const weekdayMultiplierSchema = z.strictObject({
  daysOfWeek: uniqueArray(z.enum(weekdays), 7).min(1),
  multiplierBps: multiplierBpsSchema,
});

type WeekdayMultiplier = z.output<typeof weekdayMultiplierSchema>;

/** A weekday in two entries would make its nights' price ambiguous. */
function checkWeekdays(multipliers: WeekdayMultiplier[], ctx: Ctx): void {
  multipliers.forEach((current, i) => {
    const clash = multipliers.slice(0, i).findIndex((earlier) => earlier.daysOfWeek.some((day) => current.daysOfWeek.includes(day)));
    if (clash >= 0) issue(ctx, ['weekdayMultipliers', i, 'daysOfWeek'], `shares a day with weekdayMultipliers.${clash}`);
  });
}

export const nightlyRateSchema = z
  .strictObject({
    /** Every night's price before its multipliers, in minor units. */
    rateAmount: amountSchema,
    currency: currencySchema.optional(),
    /** Nights beginning on these weekdays (a weekend: friday, saturday) cost `multiplierBps` of the rate. */
    weekdayMultipliers: z.array(weekdayMultiplierSchema).max(7).default([]),
    specificDates: specificDatesSchema,
    /** Off what the nights cost, for stays of 7 nights or more. */
    weeklyDiscountBps: bpsSchema.default(0),
    /** Off what the nights cost, for stays of 30 nights or more; replaces the weekly discount. */
    monthlyDiscountBps: bpsSchema.default(0),
    cleaningFeeAmount: amountSchema.default(0),
    serviceFeeAmount: amountSchema.default(0),
  })
  .superRefine((rate, ctx) => {
    checkWeekdays(rate.weekdayMultipliers, ctx);
    // A month is never cheaper per night off than a week: 30 nights would cost more than 29.
    if (rate.monthlyDiscountBps > 0 && rate.monthlyDiscountBps < rate.weeklyDiscountBps) issue(ctx, ['monthlyDiscountBps'], `must be at least weeklyDiscountBps (${rate.weeklyDiscountBps}) or 0`);
  });

export const securityDepositSchema = z.strictObject({
  /** Held on the client's saved card, in minor units. */
  amount: amountSchema.min(1),
  /** How long after the booking ends (a stay's check-out) the hold is released when nobody captured it. */
  releaseAfterHours: z.number().int().min(0).max(30 * 24).default(48),
});
