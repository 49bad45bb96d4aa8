import fc from 'fast-check';
import type { DateOverride } from '../../src/domain/availability/calendar-config';
import { quotePrice, type Quote, type QuoteInput } from '../../src/domain/pricing/price-quote';
import type { DynamicPricingRules, NightlyRateRules, PriceTier, PricingRules, UpsellOffer } from '../../src/domain/pricing/pricing-rules';
import type { PricedSlot } from '../../src/domain/pricing/quote-types';
import { pricedNights } from '../../src/domain/pricing/stay-nights';
import { shareOf } from '../../src/domain/shared/money';
import { addLocalDays, weekdays } from '../../src/domain/shared/time';

const HOUR_MS = 3_600_000;
const runs = { numRuns: 300 };

// Monday 4 March 2030, 18:00 in Berlin.
const slot: PricedSlot = { startsAt: new Date('2030-03-04T17:00:00Z'), localDate: '2030-03-04', localWeekday: 'monday', localStartTime: '18:00', durationMinutes: 60 };

const amount = fc.integer({ min: 0, max: 1_000_000 });
const bps = fc.integer({ min: 0, max: 10_000 });
const multiplierBps = fc.integer({ min: 0, max: 100_000 });
const wallTime = fc.tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 30)).map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);

/** Contiguous tiers from 1 (each ends where the next begins), the last one open-ended. */
const tiers = fc.array(fc.record({ size: fc.integer({ min: 1, max: 20 }), price: amount }), { minLength: 1, maxLength: 6 }).map((specs) => {
  let minQuantity = 1;
  return specs.map(({ size, price }, i): PriceTier => {
    const tier = { minQuantity, pricePerUnitAmount: price, ...(i < specs.length - 1 ? { maxQuantity: minQuantity + size - 1 } : {}) };
    minQuantity += size;
    return tier;
  });
});

const dynamicPricing: fc.Arbitrary<DynamicPricingRules> = fc.record({
  basePriceAmount: amount,
  timeMultipliers: fc.option(fc.record({ start: wallTime, end: wallTime, days: fc.subarray([...weekdays], { minLength: 1 }), multiplierBps }), { nil: undefined }).map((m) =>
    m && m.start < m.end ? [{ timeRange: { start: m.start, end: m.end }, daysOfWeek: m.days, multiplierBps: m.multiplierBps }] : [],
  ),
  holidayMultiplierBps: multiplierBps,
  specificDates: fc.option(fc.record({ date: fc.constantFrom('2030-03-04', '2030-03-05'), multiplierBps, reason: fc.constant('Fair') }), { nil: undefined }).map((d) => (d ? [d] : [])),
  demandBased: fc.option(fc.record({ enabled: fc.boolean(), surgeMultiplierMaxBps: fc.integer({ min: 10_000, max: 100_000 }) }), { nil: undefined }),
  advanceBookingDiscount: fc.option(fc.record({ daysInAdvance: fc.integer({ min: 2, max: 30 }), discountBps: bps }), { nil: undefined }),
  lastMinutePremium: fc.option(fc.record({ hoursBefore: fc.integer({ min: 1, max: 47 }), premiumBps: bps }), { nil: undefined }),
});

const model: fc.Arbitrary<Omit<PricingRules, 'upsells'>> = fc.oneof(
  fc.constant({ model: 'free' as const }),
  amount.map((a) => ({ model: 'fixed' as const, fixedPrice: { amount: a } })),
  fc
    .record({ rateAmount: amount, minChargeMinutes: fc.option(fc.integer({ min: 1, max: 240 }), { nil: undefined }), incrementMinutes: fc.integer({ min: 1, max: 60 }) })
    .map((hourlyRate) => ({ model: 'hourly' as const, hourlyRate })),
  fc
    .record({ amount, floor: fc.option(amount, { nil: undefined }), extra: fc.option(amount, { nil: undefined }) })
    .map(({ amount: a, floor, extra }) => ({ model: 'per_person' as const, perPersonPrice: { amount: a, minChargeAmount: floor, maxChargeAmount: extra === undefined ? undefined : (floor ?? 0) + extra } })),
  tiers.map((t) => ({ model: 'tiered' as const, tieredPricing: { tiers: t } })),
  dynamicPricing.map((d) => ({ model: 'dynamic' as const, dynamicPricing: d })),
);

const upsellOffers: UpsellOffer[] = [0, 1, 2].map((i) => ({ id: `u${i}`, name: `Upsell ${i}`, type: 'product', price: { amount: 250 * i + 99 }, offerTiming: 'booking', maxQuantity: 5 }));

const quoteInput: fc.Arbitrary<QuoteInput> = fc
  .record({
    rules: model,
    deposit: fc.option(
      fc.oneof(
        fc.record({ type: fc.constant('fixed' as const), amount: fc.integer({ min: 1, max: 1_000_000 }) }),
        fc.record({ type: fc.constant('percentage' as const), percentageBps: fc.integer({ min: 1, max: 10_000 }) }),
      ),
      { nil: undefined },
    ),
    required: fc.boolean(),
    tax: fc.option(fc.record({ taxRateBps: bps, taxInclusive: fc.boolean() }), { nil: undefined }),
    upsells: fc.subarray(upsellOffers).chain((chosen) => fc.tuple(...chosen.map((offer) => fc.record({ id: fc.constant(offer.id), quantity: fc.integer({ min: 1, max: 5 }) })))),
    participants: fc.integer({ min: 1, max: 60 }),
    durationMinutes: fc.integer({ min: 1, max: 600 }),
    hoursAhead: fc.integer({ min: 0, max: 60 * 24 }),
    isHoliday: fc.boolean(),
    calendarMultiplierBps: multiplierBps,
    utilizationBps: fc.integer({ min: 0, max: 12_000 }),
    premiumMultiplierBps: fc.integer({ min: 10_000, max: 100_000 }),
  })
  .map((r) => ({
    pricing: {
      ...r.rules,
      currency: 'EUR',
      upsells: upsellOffers,
      deposit: r.deposit && { ...r.deposit, required: r.required, refundable: true, refundDeadlineHours: 24 },
      taxConfiguration: r.tax,
    },
    slot: { ...slot, durationMinutes: r.durationMinutes },
    now: new Date(slot.startsAt.getTime() - r.hoursAhead * HOUR_MS),
    participants: r.participants,
    isHoliday: r.isHoliday,
    calendarMultiplierBps: r.calendarMultiplierBps,
    demand: { utilizationBps: r.utilizationBps },
    premiumMultiplierBps: r.premiumMultiplierBps,
    upsells: r.upsells,
  }));

const nonTaxLines = (quote: Quote) => quote.lines.filter((line) => line.kind !== 'tax');

describe('quotePrice properties', () => {
  it('totals are never negative and every amount is a whole number of minor units', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const quote = quotePrice(input);
        const figures = [quote.subtotalAmount, quote.taxAmount, quote.totalAmount, quote.dueNowAmount, quote.deposit?.amount ?? 0];
        expect(figures.every((figure) => Number.isSafeInteger(figure) && figure >= 0)).toBe(true);
        expect(quote.lines.every((line) => Number.isSafeInteger(line.amount) && Number.isSafeInteger(line.unitAmount) && Number.isSafeInteger(line.quantity))).toBe(true);
      }),
      runs,
    );
  });

  it('the lines sum exactly to the subtotal, and the total is subtotal + tax unless tax is included', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const quote = quotePrice(input);
        expect(nonTaxLines(quote).reduce((sum, line) => sum + line.amount, 0)).toBe(quote.subtotalAmount);
        expect(quote.totalAmount).toBe(quote.taxInclusive ? quote.subtotalAmount : quote.subtotalAmount + quote.taxAmount);
      }),
      runs,
    );
  });

  it('the deposit and what is due now never exceed the total', () => {
    fc.assert(
      fc.property(quoteInput, (input) => {
        const quote = quotePrice(input);
        expect(quote.deposit?.amount ?? 0).toBeLessThanOrEqual(quote.totalAmount);
        expect(quote.dueNowAmount).toBeLessThanOrEqual(quote.totalAmount);
      }),
      runs,
    );
  });

  const taxed = (price: number, taxRateBps: number, taxInclusive: boolean) =>
    quotePrice({ pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: price }, upsells: [], taxConfiguration: { taxRateBps, taxInclusive } }, slot, now: slot.startsAt, participants: 1 });

  it('exclusive and inclusive tax agree within 1 minor unit for the same net price', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), bps, (net, rate) => {
        const exclusive = taxed(net, rate, false);
        const inclusive = taxed(exclusive.totalAmount, rate, true); // its gross, entered tax-inclusive
        expect(Math.abs(inclusive.totalAmount - exclusive.totalAmount)).toBeLessThanOrEqual(1);
        expect(Math.abs(inclusive.taxAmount - exclusive.taxAmount)).toBeLessThanOrEqual(1);
        expect(Math.abs(inclusive.totalAmount - inclusive.taxAmount - net)).toBeLessThanOrEqual(1);
      }),
      runs,
    );
  });

  it('an inclusive price and its net quoted exclusive agree within 1 minor unit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), bps, (gross, rate) => {
        const inclusive = taxed(gross, rate, true);
        const exclusive = taxed(inclusive.totalAmount - inclusive.taxAmount, rate, false);
        expect(Math.abs(exclusive.totalAmount - inclusive.totalAmount)).toBeLessThanOrEqual(1);
        expect(inclusive.taxAmount).toBeGreaterThanOrEqual(0);
      }),
      runs,
    );
  });

  it('tier boundaries are exact: minQuantity and maxQuantity use the tier, maxQuantity + 1 the next', () => {
    const tierAt = (t: PriceTier[], quantity: number) =>
      quotePrice({ pricing: { model: 'tiered', currency: 'EUR', tieredPricing: { tiers: t }, upsells: [] }, slot, now: slot.startsAt, participants: 1, quantity }).lines[0]!;
    fc.assert(
      fc.property(tiers, fc.nat(), (t, pick) => {
        const tier = t[pick % t.length]!;
        const next = t[(pick % t.length) + 1];
        expect(tierAt(t, tier.minQuantity).unitAmount).toBe(tier.pricePerUnitAmount);
        if (tier.maxQuantity === undefined || !next) return;
        expect(tierAt(t, tier.maxQuantity)).toMatchObject({ unitAmount: tier.pricePerUnitAmount, amount: tier.pricePerUnitAmount * tier.maxQuantity });
        expect(tierAt(t, tier.maxQuantity + 1)).toMatchObject({ unitAmount: next.pricePerUnitAmount, amount: next.pricePerUnitAmount * (tier.maxQuantity + 1) });
      }),
      runs,
    );
  });
});

/** A nightly rate as the template schema allows it: weekday rules on disjoint days, a monthly discount of 0 or at least the weekly one. */
const nightlyRate: fc.Arbitrary<NightlyRateRules> = fc
  .record({
    rateAmount: amount,
    weekend: fc.option(fc.record({ days: fc.subarray([...weekdays], { minLength: 1 }), multiplierBps }), { nil: undefined }),
    fair: fc.option(fc.record({ offset: fc.integer({ min: 0, max: 59 }), multiplierBps }), { nil: undefined }),
    weeklyDiscountBps: bps,
    monthlyOnTop: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: undefined }),
    cleaningFeeAmount: amount,
    serviceFeeAmount: amount,
  })
  .map((r) => ({
    rateAmount: r.rateAmount,
    weekdayMultipliers: r.weekend ? [{ daysOfWeek: r.weekend.days, multiplierBps: r.weekend.multiplierBps }] : [],
    specificDates: r.fair ? [{ date: addLocalDays('2030-03-04', r.fair.offset), multiplierBps: r.fair.multiplierBps, reason: 'Fair' }] : [],
    weeklyDiscountBps: r.weeklyDiscountBps,
    monthlyDiscountBps: r.monthlyOnTop === undefined ? 0 : Math.min(10_000, r.weeklyDiscountBps + r.monthlyOnTop),
    cleaningFeeAmount: r.cleaningFeeAmount,
    serviceFeeAmount: r.serviceFeeAmount,
  }));

/** A stay from Monday 4 March 2030 of 1–60 nights, some of its dates priced by the calendar, with or without tax, deposit and security deposit. */
const stayInput = fc
  .record({
    rate: nightlyRate,
    nights: fc.integer({ min: 1, max: 60 }),
    calendarDays: fc.array(fc.record({ offset: fc.integer({ min: 0, max: 59 }), multiplierBps }), { maxLength: 5 }),
    tax: fc.option(fc.record({ taxRateBps: bps, taxInclusive: fc.boolean() }), { nil: undefined }),
    deposit: fc.option(fc.record({ required: fc.boolean(), percentageBps: fc.integer({ min: 1, max: 10_000 }) }), { nil: undefined }),
    securityDeposit: fc.option(fc.integer({ min: 1, max: 10_000_000 }), { nil: undefined }),
  })
  .map((r) => {
    const overrides: DateOverride[] = r.calendarDays.map((day) => ({ date: addLocalDays('2030-03-04', day.offset), kind: 'holiday_pricing', pricingMultiplierBps: day.multiplierBps, recurringYearly: false }));
    const pricing: PricingRules = {
      model: 'nightly',
      currency: 'EUR',
      nightlyRate: r.rate,
      upsells: [],
      taxConfiguration: r.tax,
      deposit: r.deposit && { type: 'percentage', percentageBps: r.deposit.percentageBps, required: r.deposit.required, refundable: true, refundDeadlineHours: 0 },
      securityDeposit: r.securityDeposit === undefined ? undefined : { amount: r.securityDeposit, releaseAfterHours: 48 },
    };
    const input: QuoteInput = { pricing, slot: { ...slot, durationMinutes: r.nights * 24 * 60 }, now: new Date('2030-01-01T00:00:00Z'), participants: 2, nights: pricedNights('2030-03-04', r.nights, overrides) };
    return { input, rate: r.rate, nights: r.nights, calendarPriced: r.calendarDays.some((day) => day.offset < r.nights && day.multiplierBps !== 10_000) };
  });

const discountLines = (quote: Quote) => quote.lines.filter((line) => line.kind === 'discount');
/** What the nights cost after their multipliers and the length discount: every line but the fees and the tax. */
const nightsAmount = (quote: Quote) => quote.lines.filter((line) => line.kind !== 'fee' && line.kind !== 'tax').reduce((sum, line) => sum + line.amount, 0);

describe('quotePrice properties: stays priced by the night', () => {
  it('nights × rate with multipliers and discounts is never negative, and every figure is whole minor units', () => {
    fc.assert(
      fc.property(stayInput, ({ input, nights, rate }) => {
        const quote = quotePrice(input);
        expect(quote.lines[0]).toMatchObject({ kind: 'base', code: 'nightly', quantity: nights, unitAmount: rate.rateAmount, amount: nights * rate.rateAmount });
        expect(nightsAmount(quote)).toBeGreaterThanOrEqual(0);
        const figures = [quote.subtotalAmount, quote.taxAmount, quote.totalAmount, quote.dueNowAmount, quote.deposit?.amount ?? 0];
        expect(figures.every((figure) => Number.isSafeInteger(figure) && figure >= 0)).toBe(true);
        expect(quote.lines.every((line) => Number.isSafeInteger(line.amount) && line.amount === line.quantity * line.unitAmount)).toBe(true);
      }),
      runs,
    );
  });

  it('the monthly discount is never combined with the weekly one: under 7 nights none, 7–29 weekly, from 30 monthly when there is one', () => {
    fc.assert(
      fc.property(stayInput, ({ input, nights, rate }) => {
        const codes = discountLines(quotePrice(input)).map((line) => line.code);
        expect(codes.length).toBeLessThanOrEqual(1);
        const monthly = nights >= 30 && rate.monthlyDiscountBps > 0;
        const weekly = !monthly && nights >= 7 && rate.weeklyDiscountBps > 0;
        expect(codes).toEqual(monthly ? ['monthly_discount'] : weekly ? ['weekly_discount'] : []);
      }),
      runs,
    );
  });

  it('without multipliers the discount is exactly its share of nights × rate', () => {
    fc.assert(
      fc.property(stayInput, ({ input, nights, rate, calendarPriced }) => {
        fc.pre(rate.weekdayMultipliers.length === 0 && rate.specificDates.length === 0 && !calendarPriced);
        const [discount] = discountLines(quotePrice(input));
        const bps = nights >= 30 && rate.monthlyDiscountBps > 0 ? rate.monthlyDiscountBps : nights >= 7 ? rate.weeklyDiscountBps : 0;
        expect(discount?.amount ?? 0).toBe(bps === 0 ? 0 : -shareOf(nights * rate.rateAmount, bps));
      }),
      runs,
    );
  });

  it('the lines sum exactly to the subtotal, fees included, and the total is subtotal + tax unless tax is included', () => {
    fc.assert(
      fc.property(stayInput, ({ input, rate }) => {
        const quote = quotePrice(input);
        expect(nonTaxLines(quote).reduce((sum, line) => sum + line.amount, 0)).toBe(quote.subtotalAmount);
        expect(quote.subtotalAmount).toBe(nightsAmount(quote) + rate.cleaningFeeAmount + rate.serviceFeeAmount);
        expect(quote.totalAmount).toBe(quote.taxInclusive ? quote.subtotalAmount : quote.subtotalAmount + quote.taxAmount);
      }),
      runs,
    );
  });

  it('the security deposit is reported beside the price and changes neither the total nor what is due now', () => {
    fc.assert(
      fc.property(stayInput, ({ input }) => {
        const quote = quotePrice(input);
        const withoutHold = quotePrice({ ...input, pricing: { ...input.pricing, securityDeposit: undefined } });
        expect(quote.securityDeposit).toEqual(input.pricing.securityDeposit ? { amount: input.pricing.securityDeposit.amount, releaseAfterHours: 48 } : null);
        expect({ ...quote, securityDeposit: null }).toEqual(withoutHold);
      }),
      runs,
    );
  });
});
