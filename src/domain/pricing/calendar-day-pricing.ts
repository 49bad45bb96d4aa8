import type { DateOverride } from '../availability/calendar-config';
import type { PricingRules } from './pricing-rules';

/**
 * How a calendar day prices a slot: a `holiday_pricing` override makes the day a holiday. Its price is
 * the template's own holiday multiplier when the template has one (dynamic pricing with a
 * holidayMultiplierBps other than ×1: the service's price for holidays is more specific than the
 * calendar's), otherwise the calendar day's multiplier; never both.
 */
export function calendarDayPricing(pricing: PricingRules, override: DateOverride | undefined): { isHoliday: boolean; calendarMultiplierBps?: number } {
  const holiday = override?.kind === 'holiday_pricing';
  const templateHolidayPrice = pricing.model === 'dynamic' && (pricing.dynamicPricing?.holidayMultiplierBps ?? 10_000) !== 10_000;
  return { isHoliday: holiday, ...(holiday && templateHolidayPrice ? {} : { calendarMultiplierBps: override?.pricingMultiplierBps }) };
}
