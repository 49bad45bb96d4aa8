import type { Weekday } from '../shared/time';

/**
 * A service template's `pricing` block (spec §3.2) as plain data: the output of the zod schemas in
 * src/http/routes/service-template-blocks/{pricing,dynamic-pricing,upsells}.schemas.ts, defaults applied.
 * Money is integer minor units (`…Amount`), shares are basis points (`…Bps`, 10000 = 100 %),
 * multipliers are basis points of the price (`multiplierBps`, 10000 = ×1).
 */

/** How the base price is computed. */
export type PricingModel = 'free' | 'fixed' | 'hourly' | 'per_person' | 'tiered' | 'dynamic';

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
  deposit?: DepositRule;
  upsells: UpsellOffer[];
  taxConfiguration?: { taxRateBps: number; taxInclusive: boolean };
}
