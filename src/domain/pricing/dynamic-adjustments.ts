import { prorate, shareOf } from '../shared/money';
import { formatPercent, multiplierAdjustment, type PriceAdjustment } from './adjustments';
import type { DynamicPricingRules } from './pricing-rules';
import type { PricedSlot } from './quote-types';

/** What the dynamic model reads besides its rules: the slot, the clock, the calendar and demand. */
export interface DynamicPricingContext {
  slot: PricedSlot;
  now: Date;
  isHoliday: boolean;
  calendarMultiplierBps: number;
  demand?: { utilizationBps: number };
}

const HOUR_MS = 3_600_000;
const SURGE_FROM_BPS = 5_000;
const FULL_BPS = 10_000;

/**
 * The surge multiplier for a day `utilizationBps` full: ×1 up to 50 %, then linear up to
 * `surgeMultiplierMaxBps` at 100 % (utilization above 100 % counts as 100 %), rounded half up to whole basis points.
 */
function surgeMultiplierBps(utilizationBps: number, surgeMultiplierMaxBps: number): number {
  const above = Math.min(utilizationBps, FULL_BPS) - SURGE_FROM_BPS;
  if (above <= 0) return 10_000;
  return 10_000 + prorate(surgeMultiplierMaxBps - 10_000, above, FULL_BPS - SURGE_FROM_BPS);
}

function timeOfDay(rules: DynamicPricingRules, slot: PricedSlot): PriceAdjustment[] {
  const match = rules.timeMultipliers.find(
    ({ daysOfWeek, timeRange }) => daysOfWeek.includes(slot.localWeekday) && timeRange.start <= slot.localStartTime && slot.localStartTime < timeRange.end,
  );
  return match ? multiplierAdjustment('time_of_day', `Time of day ${match.timeRange.start}–${match.timeRange.end}`, match.multiplierBps) : [];
}

function dateMultiplier(rules: DynamicPricingRules, { slot, isHoliday }: DynamicPricingContext): PriceAdjustment[] {
  const specificDate = rules.specificDates.find((entry) => entry.date === slot.localDate);
  if (specificDate) return multiplierAdjustment('specific_date', `${specificDate.reason} (${specificDate.date})`, specificDate.multiplierBps);
  return isHoliday ? multiplierAdjustment('holiday', 'Holiday', rules.holidayMultiplierBps) : [];
}

function demandSurge(rules: DynamicPricingRules, demand: DynamicPricingContext['demand']): PriceAdjustment[] {
  if (!rules.demandBased?.enabled || !demand) return [];
  const multiplierBps = surgeMultiplierBps(demand.utilizationBps, rules.demandBased.surgeMultiplierMaxBps);
  return multiplierAdjustment('demand_surge', `Demand (${formatPercent(demand.utilizationBps)} booked)`, multiplierBps);
}

function earlyBird(rules: DynamicPricingRules, { slot, now }: DynamicPricingContext): PriceAdjustment[] {
  const discount = rules.advanceBookingDiscount;
  if (!discount || discount.discountBps === 0) return [];
  if (now.getTime() > slot.startsAt.getTime() - discount.daysInAdvance * 24 * HOUR_MS) return [];
  const description = `Early bird: booked ${discount.daysInAdvance} days ahead −${formatPercent(discount.discountBps)}`;
  return [{ kind: 'discount', code: 'early_bird', description, deltaOn: (running) => -shareOf(running, discount.discountBps) }];
}

function lastMinute(rules: DynamicPricingRules, { slot, now }: DynamicPricingContext): PriceAdjustment[] {
  const premium = rules.lastMinutePremium;
  if (!premium || premium.premiumBps === 0) return [];
  if (slot.startsAt.getTime() - now.getTime() >= premium.hoursBefore * HOUR_MS) return [];
  const description = `Last minute: less than ${premium.hoursBefore} h before +${formatPercent(premium.premiumBps)}`;
  return [{ kind: 'adjustment', code: 'last_minute', description, deltaOn: (running) => shareOf(running, premium.premiumBps) }];
}

/** The dynamic model's adjustments that apply to this slot, in the order they are applied (see price-quote.ts). */
export function dynamicAdjustments(rules: DynamicPricingRules, context: DynamicPricingContext): PriceAdjustment[] {
  return [
    ...timeOfDay(rules, context.slot),
    ...dateMultiplier(rules, context),
    ...multiplierAdjustment('calendar_override', 'Calendar date override', context.calendarMultiplierBps),
    ...demandSurge(rules, context.demand),
    ...earlyBird(rules, context),
    ...lastMinute(rules, context),
  ];
}
