import type { Weekday } from '../shared/time';

/** What a quote line is: the base price, a change to it, an upsell, a discount, a fee (a stay's cleaning or service fee) or the tax. */
export type QuoteLineKind = 'base' | 'adjustment' | 'upsell' | 'tax' | 'discount' | 'fee';

/** One line of a quote; `amount` is what counts, `quantity` and `unitAmount` explain it. */
export interface QuoteLine {
  kind: QuoteLineKind;
  code: string;
  description: string;
  quantity: number;
  unitAmount: number;
  amount: number;
}

/** The slot being priced, with its local wall-clock facts computed by the caller in the location's zone. */
export interface PricedSlot {
  startsAt: Date;
  /** `YYYY-MM-DD` in the location's zone. */
  localDate: string;
  localWeekday: Weekday;
  /** `HH:MM` in the location's zone. */
  localStartTime: string;
  /** The booked duration, which hourly pricing bills. */
  durationMinutes: number;
}

/** One night of a stay being priced: the local date it begins on and the calendar's price multiplier for that date. */
export interface PricedNight {
  /** `YYYY-MM-DD` in the bookable's zone. */
  localDate: string;
  localWeekday: Weekday;
  /** A calendar date override's multiplier for that date; 10000 (×1) without one. */
  calendarMultiplierBps: number;
}

/** The security deposit of a quote: authorised on the card, never charged unless staff capture it; not in the total. */
export interface QuoteSecurityDeposit {
  amount: number;
  releaseAfterHours: number;
}

/** The deposit part of a quote. */
export interface QuoteDeposit {
  required: boolean;
  amount: number;
  refundable: boolean;
  /** ISO-8601 UTC instant until which the deposit is refunded; null when it is not refundable. */
  refundDeadline: string | null;
}
