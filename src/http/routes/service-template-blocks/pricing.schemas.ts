/**
 * `pricing` (spec §3.2 PricingConfig).
 *
 * RULE FOR MONEY AND PERCENTAGES, used throughout the service template:
 * - Money is an integer number of minor units (cents for USD, yen for JPY), never a float. A money field is
 *   called `amount` where the spec already calls it that, and otherwise `…Amount`
 *   (`hourlyRate.rate` → `rateAmount`, `perPersonPrice.minCharge`/`maxCharge` → `minChargeAmount`/`maxChargeAmount`,
 *   `tiers[].pricePerUnit` → `pricePerUnitAmount`, `dynamicPricing.basePrice` → `basePriceAmount`).
 * - Every amount in a template is in `pricing.currency` (ISO 4217). The spec's nested `currency` fields are kept
 *   but optional, and must equal `pricing.currency` when given.
 * - Percentages are basis points, `…Bps`, an integer 0–10000 where 10000 = 100 %
 *   (`deposit.percentage: 0.5` → `deposit.percentageBps: 5000`, `taxRate` → `taxRateBps`).
 *   Multipliers are basis points of the base price (`multiplier: 1.5` → `multiplierBps: 15000`).
 *
 * Other departures: model `'free'` (the default) so a template can be created before it is priced; model
 * `'nightly'` with `nightlyRate` prices stays night by night, and `securityDeposit` holds an amount on the card
 * (both in nightly-pricing.schemas.ts);
 * `hourlyRate.minCharge` ("minimum billable, e.g. 1 hour") and `increment` are durations, named
 * `minChargeMinutes` and `incrementMinutes`; a tier's `maxQuantity` may be left out on the last tier (no upper bound).
 */
import { z } from 'zod';
import { amountSchema, bpsSchema, currencySchema, forbidUnless, hoursSchema, issue, MINUTES_PER_DAY, orderedPair, requireWhen, type Ctx } from './common.schemas';
import { dynamicPricingSchema } from './dynamic-pricing.schemas';
import { nightlyRateSchema, securityDepositSchema } from './nightly-pricing.schemas';
import { checkUpsells, upsellSchema } from './upsells.schemas';

const quantitySchema = z.number().int().min(1).max(1_000_000);

const tierSchema = z
  .strictObject({ minQuantity: quantitySchema, maxQuantity: quantitySchema.optional(), pricePerUnitAmount: amountSchema })
  .superRefine((tier, ctx) => orderedPair(ctx, tier.minQuantity, tier.maxQuantity, ['maxQuantity'], 'minQuantity'));

type Tier = z.output<typeof tierSchema>;

/** Tiers ascend by quantity and do not overlap; only the last may be open-ended. Paths relative to `tieredPricing`. */
function checkTiers(tiers: Tier[], ctx: Ctx): void {
  tiers.forEach((tier, i) => {
    if (tier.maxQuantity === undefined && i < tiers.length - 1) issue(ctx, ['tiers', i, 'maxQuantity'], 'required on every tier but the last');
    const previous = tiers[i - 1];
    if (!previous) return;
    if (tier.minQuantity <= previous.minQuantity) issue(ctx, ['tiers', i], 'tiers must be in ascending order of minQuantity');
    else if (previous.maxQuantity !== undefined && tier.minQuantity <= previous.maxQuantity) issue(ctx, ['tiers', i], `overlaps tiers.${i - 1}, which ends at ${previous.maxQuantity}`);
  });
}

const depositSchema = z
  .strictObject({
    required: z.boolean().default(true),
    type: z.enum(['fixed', 'percentage']),
    /** With type 'fixed', in minor units. */
    amount: amountSchema.min(1).optional(),
    /** With type 'percentage': share of the booking price, 1–10000 basis points (at most 100 %). */
    percentageBps: bpsSchema.min(1).optional(),
    refundable: z.boolean().default(true),
    refundDeadlineHours: hoursSchema.default(0),
  })
  .superRefine((deposit, ctx) => {
    requireWhen(ctx, deposit.type === 'fixed', deposit.amount, ['amount'], "when type is 'fixed'");
    forbidUnless(ctx, deposit.type === 'fixed', deposit.amount, ['amount'], "when type is 'fixed'");
    requireWhen(ctx, deposit.type === 'percentage', deposit.percentageBps, ['percentageBps'], "when type is 'percentage'");
    forbidUnless(ctx, deposit.type === 'percentage', deposit.percentageBps, ['percentageBps'], "when type is 'percentage'");
  });

const modelConfigKeys = {
  fixed: 'fixedPrice',
  hourly: 'hourlyRate',
  per_person: 'perPersonPrice',
  tiered: 'tieredPricing',
  dynamic: 'dynamicPricing',
  nightly: 'nightlyRate',
} as const;

export const pricingShape = z.strictObject({
  model: z.enum(['free', 'fixed', 'hourly', 'per_person', 'tiered', 'dynamic', 'nightly']).default('free'),
  /** ISO 4217; required unless the template is free with no deposit or upsells. */
  currency: currencySchema.optional(),
  fixedPrice: z.strictObject({ amount: amountSchema, currency: currencySchema.optional() }).optional(),
  hourlyRate: z
    .strictObject({
      rateAmount: amountSchema,
      currency: currencySchema.optional(),
      minChargeMinutes: z.number().int().min(1).max(MINUTES_PER_DAY).optional(),
      incrementMinutes: z.number().int().min(1).max(MINUTES_PER_DAY).default(1),
    })
    .optional(),
  perPersonPrice: z
    .strictObject({
      amount: amountSchema,
      currency: currencySchema.optional(),
      minChargeAmount: amountSchema.optional(),
      maxChargeAmount: amountSchema.optional(),
    })
    .superRefine((price, ctx) => orderedPair(ctx, price.minChargeAmount, price.maxChargeAmount, ['maxChargeAmount'], 'minChargeAmount'))
    .optional(),
  tieredPricing: z
    .strictObject({ tiers: z.array(tierSchema).min(1).max(20) })
    .superRefine((tiered, ctx) => checkTiers(tiered.tiers, ctx))
    .optional(),
  dynamicPricing: dynamicPricingSchema.optional(),
  /** With model 'nightly' (a service booked by the night: duration.minNights/maxNights). */
  nightlyRate: nightlyRateSchema.optional(),
  deposit: depositSchema.optional(),
  /** An amount held on the client's card around the booking, released after it unless captured; not part of the price. */
  securityDeposit: securityDepositSchema.optional(),
  upsells: z.array(upsellSchema).max(50).default([]),
  taxConfiguration: z.strictObject({ taxRateBps: bpsSchema, taxInclusive: z.boolean().default(false) }).optional(),
});

export type PricingConfig = z.output<typeof pricingShape>;

function checkPricing(pricing: PricingConfig, ctx: Ctx): void {
  for (const [model, key] of Object.entries(modelConfigKeys)) {
    requireWhen(ctx, pricing.model === model, pricing[key], [key], `when model is '${model}'`);
    forbidUnless(ctx, pricing.model === model, pricing[key], [key], `when model is '${model}'`);
  }
  forbidUnless(ctx, pricing.model !== 'free', pricing.deposit, ['deposit'], "when model is not 'free'");
  const charges = pricing.model !== 'free' || pricing.deposit !== undefined || pricing.securityDeposit !== undefined || pricing.upsells.length > 0;
  requireWhen(ctx, charges, pricing.currency, ['currency'], 'when the template charges anything');

  for (const key of ['fixedPrice', 'hourlyRate', 'perPersonPrice', 'nightlyRate'] as const) {
    const nested = pricing[key]?.currency;
    if (nested !== undefined && pricing.currency !== undefined && nested !== pricing.currency) {
      issue(ctx, [key, 'currency'], `must match pricing.currency (${pricing.currency})`);
    }
  }

  const { deposit, fixedPrice } = pricing;
  if (deposit?.amount !== undefined && fixedPrice && deposit.amount > fixedPrice.amount) {
    issue(ctx, ['deposit', 'amount'], `must be at most fixedPrice.amount (${fixedPrice.amount})`);
  }
  checkUpsells(pricing.upsells, pricing.currency, ctx);
}

/** The pricing block; defaults to `{ model: 'free', upsells: [] }`. */
export const pricingConfigSchema = pricingShape.superRefine(checkPricing);
