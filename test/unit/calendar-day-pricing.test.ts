import { calendarDayPricing } from '../../src/domain/pricing/calendar-day-pricing';
import type { PricingRules } from '../../src/domain/pricing/pricing-rules';

const fixed = { model: 'fixed', fixedPrice: { amount: 5_000 }, upsells: [] } as unknown as PricingRules;
const dynamic = (holidayMultiplierBps: number) => ({ model: 'dynamic', dynamicPricing: { basePriceAmount: 5_000, timeMultipliers: [], holidayMultiplierBps, specificDates: [] }, upsells: [] }) as unknown as PricingRules;
const holiday = { date: '2030-03-05', kind: 'holiday_pricing', pricingMultiplierBps: 15_000, recurringYearly: false } as const;

describe('how a calendar day prices a slot', () => {
  it('an ordinary day is no holiday and has no multiplier', () => {
    expect(calendarDayPricing(fixed, undefined)).toEqual({ isHoliday: false, calendarMultiplierBps: undefined });
  });

  it('a holiday-pricing day uses the calendar’s multiplier, unless the template has its own holiday price', () => {
    expect(calendarDayPricing(fixed, holiday)).toEqual({ isHoliday: true, calendarMultiplierBps: 15_000 });
    expect(calendarDayPricing(dynamic(10_000), holiday)).toEqual({ isHoliday: true, calendarMultiplierBps: 15_000 });
    expect(calendarDayPricing(dynamic(20_000), holiday)).toEqual({ isHoliday: true });
  });
});
