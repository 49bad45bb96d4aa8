import { overrideFor, type DateOverride } from '../availability/calendar-config';
import { addLocalDays, weekdayOf } from '../shared/time';
import type { PricedNight } from './quote-types';

/**
 * The nights a stay of `nights` arriving on `checkInDate` sleeps (the check-in date and the `nights − 1`
 * dates after it; not the departure date), each with the calendar's price multiplier for that local
 * date (a date override's `pricingMultiplierBps`, yearly recurrences included; ×1 without one).
 */
export function pricedNights(checkInDate: string, nights: number, overrides: readonly DateOverride[]): PricedNight[] {
  return Array.from({ length: nights }, (_, i) => {
    const localDate = addLocalDays(checkInDate, i);
    return { localDate, localWeekday: weekdayOf(localDate), calendarMultiplierBps: overrideFor(overrides, localDate)?.pricingMultiplierBps ?? 10_000 };
  });
}
