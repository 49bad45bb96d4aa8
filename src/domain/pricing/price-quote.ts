import { DomainError } from '../shared/errors';
import { applyAdjustments, multiplierAdjustment, type PriceAdjustment } from './adjustments';
import { basePriceLine } from './base-price';
import { depositFor } from './deposit';
import { dynamicAdjustments } from './dynamic-adjustments';
import { nightlyLines } from './nightly-price';
import type { PricingRules } from './pricing-rules';
import type { PricedNight, PricedSlot, QuoteDeposit, QuoteLine, QuoteSecurityDeposit } from './quote-types';
import { taxOn } from './tax';
import { upsellLines, type UpsellOrder } from './upsell-lines';

/**
 * The pricing engine of spec §3.2: a pure function from a template's `pricing` block, a slot and an
 * order to a quote. Every amount is an integer number of minor units of `pricing.currency`; every
 * rounding is half up to a whole minor unit (`shareOf`, `prorate` in shared/money.ts). No clock and no
 * time zone: the caller passes `now` and the slot's local wall-clock facts (see localWallClock in time.ts).
 *
 * BASE PRICE, one 'base' line whose code is in brackets:
 * - free ['free']: 0.
 * - fixed ['fixed']: fixedPrice.amount.
 * - hourly ['hourly']: billed minutes = max(durationMinutes, minChargeMinutes), rounded UP to a whole
 *   number of incrementMinutes; amount = rateAmount × billed minutes / 60, rounded half up once.
 *   The line's quantity is the billed minutes and its unitAmount the hourly rate.
 * - per_person ['per_person']: amount × participants, clamped to [minChargeAmount, maxChargeAmount]
 *   (quantity participants, unitAmount the price per person).
 * - tiered ['tier']: volume pricing: the one tier whose [minQuantity, maxQuantity] (both ends inclusive;
 *   no maxQuantity = no upper bound) contains `quantity` prices every unit: pricePerUnitAmount × quantity.
 *   `quantity` defaults to `participants`. A quantity that no tier covers is refused (VALIDATION_FAILED, `quantity`).
 * - dynamic ['dynamic']: basePriceAmount, then the dynamic adjustments below.
 * - nightly ['nightly']: a stay, night by night (`nights`: the local dates it sleeps, each with its calendar
 *   multiplier; see stay-nights.ts). The base line is nights × rateAmount (quantity the nights, unitAmount the
 *   rate). Each night then goes through, in order and each on the night's running price, rounded half up:
 *   the weekdayMultipliers entry for its weekday ['weekday'], the specificDates entry for its date
 *   ['specific_date'], and the calendar's multiplier for its date ['calendar_override'] (the same order as
 *   the dynamic model's time of day, date and calendar override). Nights changed alike make one 'adjustment'
 *   line: quantity the nights, unitAmount the change per night, amount their product, so the lines add up.
 *   Length of stay ['weekly_discount' / 'monthly_discount', kind 'discount']: from 30 nights, with a
 *   monthlyDiscountBps, that share of what the nights cost; otherwise from 7 nights the weeklyDiscountBps
 *   share. Never both. Then the fees per stay, kind 'fee': ['cleaning_fee'] cleaningFeeAmount and
 *   ['service_fee'] serviceFeeAmount (a fee of 0 has no line). The adjustments below do not apply to this
 *   model; upsells and tax do. Without nights: VALIDATION_FAILED at `nights`.
 *
 * ADJUSTMENTS, in this order, each computed on the running amount left by those before it and rounded
 * half up, each one line of its delta (positive or negative, quantity 1, unitAmount = amount). A rule that
 * applies with a multiplier of ×1 or a share of 0 adds no line. For the dynamic model only:
 * 1. time of day ['time_of_day']: the timeMultiplier whose daysOfWeek include slot.localWeekday and whose
 *    [start, end) contains slot.localStartTime (the schema forbids overlaps: at most one matches).
 * 2. date ['specific_date', else 'holiday']: the specificDates entry for slot.localDate; without one, when
 *    `isHoliday`, holidayMultiplierBps. A specific date wins over a holiday (it is the business's explicit
 *    price for that day), so the two never multiply.
 * 3. calendar override ['calendar_override']: `calendarMultiplierBps` (a calendar date override; default ×1).
 *    It prices every model: for the others it comes right after the base, before the premium slot (the
 *    nightly model applies it per night instead).
 * 4. demand surge ['demand_surge'], when demandBased.enabled and `demand` is given: ×1 while the day is at
 *    most 50 % booked, then linear up to the cap at 100 %: multiplierBps = 10000 + (surgeMultiplierMaxBps −
 *    10000) × (utilizationBps − 5000) / 5000, rounded half up; utilization above 100 % counts as 100 %.
 * 5. early bird ['early_bird', kind 'discount']: when now ≤ startsAt − daysInAdvance × 24 h (days are
 *    24-hour periods, not calendar days), minus discountBps of the running amount.
 * 6. last minute ['last_minute']: when startsAt − now < hoursBefore hours, plus premiumBps of the running amount.
 * For every model but nightly, last:
 * 7. premium slot ['premium_slot']: `premiumMultiplierBps` (a cascading premium slot; default ×1).
 * No delta takes the running amount below 0.
 *
 * UPSELLS ['upsell:<id>', kind 'upsell']: price.amount × quantity each, in the order given. The whole order is
 * checked first and every problem refused at once (VALIDATION_FAILED, details.fields[{ path, message }]):
 * an id not offered, or ordered twice → `upsells.<i>.id`; a quantity that is not a whole number from 1 to
 * maxQuantity → `upsells.<i>.quantity`; a requiresOtherUpsell id missing from the order, or an
 * incompatibleWith id present in it → `upsells.<i>.id`; with inventory.trackInventory, fewer left than
 * ordered → `upsells.<i>.quantity` (left = upsellStock[id], else inventory.quantityAvailable).
 *
 * subtotalAmount is exactly the sum of every line but the tax line (base, adjustments, discounts, upsells).
 *
 * TAX ['tax'], with taxConfiguration (rate r = taxRateBps):
 * - exclusive: taxAmount = subtotal × r / 10000, rounded half up; totalAmount = subtotal + taxAmount.
 * - inclusive: the prices already contain the tax, so totalAmount = subtotal; net = subtotal × 10000 /
 *   (10000 + r), rounded half up, and taxAmount = subtotal − net. The tax line is informational (its amount
 *   is already inside the other lines).
 * The modes agree: a net price quoted exclusive and its gross quoted inclusive (or a gross quoted inclusive
 * and its net quoted exclusive) give totals within 1 minor unit of each other.
 * Without taxConfiguration: taxAmount 0, taxInclusive false, no tax line.
 *
 * DEPOSIT (null without pricing.deposit): 'fixed' → amount, capped at totalAmount; 'percentage' →
 * percentageBps of totalAmount, rounded half up. refundDeadline = startsAt − refundDeadlineHours hours
 * (ISO-8601 UTC), null when the deposit is not refundable. dueNowAmount = the deposit amount when the
 * deposit is required, else totalAmount.
 *
 * SECURITY DEPOSIT (null without pricing.securityDeposit): { amount, releaseAfterHours } as configured. It is
 * authorised on the client's card around the start and released after the end, never charged unless staff
 * capture it, so it is in neither totalAmount nor dueNowAmount.
 *
 * `participants` and `quantity` must be whole numbers ≥ 1 (VALIDATION_FAILED, `participants` / `quantity`).
 */

/** Everything a quote depends on; optional facts default to "does not apply". */
export interface QuoteInput {
  pricing: PricingRules;
  slot: PricedSlot;
  now: Date;
  /** People attending, at least 1. */
  participants: number;
  /** Units for tiered pricing; default `participants`. */
  quantity?: number;
  isHoliday?: boolean;
  /** From a calendar date override; default 10000 (×1). */
  calendarMultiplierBps?: number;
  /** How full the slot's day is, 0–10000 basis points. */
  demand?: { utilizationBps: number };
  /** A cascading premium slot's multiplier; default 10000 (×1). */
  premiumMultiplierBps?: number;
  upsells?: UpsellOrder[];
  /** Inventory left per upsell id; an id not listed has its configured quantityAvailable. */
  upsellStock?: Record<string, number>;
  /** The nights of a stay, for the nightly model (see stay-nights.ts). */
  nights?: readonly PricedNight[];
}

/** A priced order: its lines, subtotal, tax, total, deposit and what is due now. */
export interface Quote {
  currency: string | null;
  lines: QuoteLine[];
  subtotalAmount: number;
  taxAmount: number;
  totalAmount: number;
  taxInclusive: boolean;
  deposit: QuoteDeposit | null;
  dueNowAmount: number;
  /** Held on the card, not charged: not part of totalAmount or dueNowAmount. Absent in quotes made before security deposits. */
  securityDeposit?: QuoteSecurityDeposit | null;
}

function requireCount(value: number, path: string): void {
  if (!Number.isInteger(value) || value < 1) throw new DomainError('VALIDATION_FAILED', `${path} must be a whole number of at least 1.`, { fields: [{ path, message: 'must be a whole number of at least 1' }] });
}

/** The adjustments that apply, in order: the dynamic model's (or, for the others, the calendar day's), then the premium slot's. */
function adjustmentsFor(input: QuoteInput): PriceAdjustment[] {
  const { pricing, slot, now, isHoliday = false, calendarMultiplierBps = 10_000, demand } = input;
  const dated =
    pricing.model === 'dynamic' && pricing.dynamicPricing
      ? dynamicAdjustments(pricing.dynamicPricing, { slot, now, isHoliday, calendarMultiplierBps, demand })
      : multiplierAdjustment('calendar_override', 'Calendar date override', calendarMultiplierBps);
  return [...dated, ...multiplierAdjustment('premium_slot', 'Premium slot', input.premiumMultiplierBps ?? 10_000)];
}

/** The price before upsells and tax: a stay's nights, discount and fees, or the base and its adjustments. */
function pricedLines(input: QuoteInput, quantity: number): QuoteLine[] {
  const { pricing, slot, participants } = input;
  if (pricing.model === 'nightly') {
    if (!pricing.nightlyRate) throw new RangeError('pricing.nightlyRate is missing for its model');
    return nightlyLines(pricing.nightlyRate, input.nights ?? []);
  }
  const base = basePriceLine(pricing, { durationMinutes: slot.durationMinutes, participants, quantity });
  return [base, ...applyAdjustments(base.amount, adjustmentsFor(input))];
}

/** Prices an order for a slot under a template's pricing rules (semantics above). */
export function quotePrice(input: QuoteInput): Quote {
  const { pricing, slot, participants, quantity = participants } = input;
  requireCount(participants, 'participants');
  requireCount(quantity, 'quantity');
  const lines = [...pricedLines(input, quantity), ...upsellLines(pricing.upsells, input.upsells ?? [], input.upsellStock ?? {})];
  const subtotalAmount = lines.reduce((sum, line) => sum + line.amount, 0);
  const tax = taxOn(subtotalAmount, pricing.taxConfiguration);
  const deposit = depositFor(pricing.deposit, tax.totalAmount, slot.startsAt);
  return {
    currency: pricing.currency ?? null,
    lines: [...lines, ...tax.lines],
    subtotalAmount,
    taxAmount: tax.taxAmount,
    totalAmount: tax.totalAmount,
    taxInclusive: tax.taxInclusive,
    deposit,
    dueNowAmount: deposit?.required ? deposit.amount : tax.totalAmount,
    securityDeposit: pricing.securityDeposit ? { amount: pricing.securityDeposit.amount, releaseAfterHours: pricing.securityDeposit.releaseAfterHours } : null,
  };
}
