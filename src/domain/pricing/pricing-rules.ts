import type { Weekday } from '../shared/time';

/**
 * A service template's `pricing` block (spec §3.2) as plain data: the output of the zod schemas in
 * src/http/routes/service-template-blocks/{pricing,dynamic-pricing,upsells}.schemas.ts, defaults applied.
 * Money is integer minor units (`…Amount`), shares are basis points (`…Bps`, 10000 = 100 %),
 * multipliers are basis points of the price (`multiplierBps`, 10000 = ×1).
 */

/** How the base price is computed. */
export type PricingModel = 'free' | 'fixed' | 'hourly' | 'per_person' | 'tiered' | 'dynamic' | 'nightly';

/** One quantity tier; only the last may leave `maxQuantity` out (no upper bound). */
export interface PriceTier {
  minQuantity: number;
  maxQuantity?: number;
  pricePerUnitAmount: number;
}

/** A multiplier for a wall-time range [start, end) on some weekdays, read in the location's zone. */
export interface TimeMultiplier {
  timeRange: { start: string; end: string };
  daysOfWeek: Weekday[];
  multiplierBps: number;
}

/** `pricing.dynamicPricing`: a base price adjusted by time of day, date, demand and booking lead time. */
export interface DynamicPricingRules {
  basePriceAmount: number;
  timeMultipliers: TimeMultiplier[];
  holidayMultiplierBps: number;
  specificDates: Array<{ date: string; multiplierBps: number; reason: string }>;
  demandBased?: { enabled: boolean; surgeMultiplierMaxBps: number };
  advanceBookingDiscount?: { daysInAdvance: number; discountBps: number };
  lastMinutePremium?: { hoursBefore: number; premiumBps: number };
}

/** A multiplier for the nights that begin on some weekdays (a weekend rate: Friday and Saturday nights ×1.25). */
export interface WeekdayNightMultiplier {
  daysOfWeek: Weekday[];
  multiplierBps: number;
}

/**
 * `pricing.nightlyRate` (spec §7.3 RentalConfig.pricing): a stay priced night by night, with discounts
 * for long stays and fees per stay. Every night starts at `rateAmount`; its weekday, a specific date and
 * the calendar's price for that date may change it.
 */
export interface NightlyRateRules {
  rateAmount: number;
  weekdayMultipliers: WeekdayNightMultiplier[];
  specificDates: Array<{ date: string; multiplierBps: number; reason: string }>;
  /** Off the nights for stays of 7 nights or more. */
  weeklyDiscountBps: number;
  /** Off the nights for stays of 30 nights or more, instead of the weekly discount. */
  monthlyDiscountBps: number;
  cleaningFeeAmount: number;
  serviceFeeAmount: number;
}

/**
 * `pricing.securityDeposit`: an amount authorised on the client's saved card (a hold, not a charge)
 * shortly before the booking starts and released `releaseAfterHours` after it ends, unless staff
 * capture part or all of it. Never part of the price.
 */
export interface SecurityDepositRule {
  amount: number;
  releaseAfterHours: number;
}

/** `pricing.deposit`: a fixed amount or a share of the total, taken when booking. */
export interface DepositRule {
  required: boolean;
  type: 'fixed' | 'percentage';
  amount?: number;
  percentageBps?: number;
  refundable: boolean;
  refundDeadlineHours: number;
}

/** One product or add-on offered with a booking (spec §3.2 UpsellConfig). */
export interface UpsellOffer {
  id: string;
  name: string;
  description?: string;
  type: 'product' | 'service_addon' | 'insurance' | 'feature';
  price: { amount: number; currency?: string };
  offerTiming: 'booking' | 'confirmation' | 'reminder' | 'check_in';
  maxQuantity?: number;
  requiresOtherUpsell?: string[];
  incompatibleWith?: string[];
  inventory?: { trackInventory: boolean; quantityAvailable: number; lowStockThreshold: number };
}

/** The whole `pricing` block. */
export interface PricingRules {
  model: PricingModel;
  currency?: string;
  fixedPrice?: { amount: number; currency?: string };
  hourlyRate?: { rateAmount: number; currency?: string; minChargeMinutes?: number; incrementMinutes: number };
  perPersonPrice?: { amount: number; currency?: string; minChargeAmount?: number; maxChargeAmount?: number };
  tieredPricing?: { tiers: PriceTier[] };
  dynamicPricing?: DynamicPricingRules;
  nightlyRate?: NightlyRateRules;
  deposit?: DepositRule;
  securityDeposit?: SecurityDepositRule;
  upsells: UpsellOffer[];
  taxConfiguration?: { taxRateBps: number; taxInclusive: boolean };
}
