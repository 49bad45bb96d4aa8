import { quotePrice, type QuoteInput } from '../../src/domain/pricing/price-quote';
import type { DynamicPricingRules, PricingRules, UpsellOffer } from '../../src/domain/pricing/pricing-rules';
import type { PricedSlot } from '../../src/domain/pricing/quote-types';
import { DomainError } from '../../src/domain/shared/errors';
import { localWallClock } from '../../src/domain/shared/time';
import { pricingConfigSchema } from '../../src/http/routes/service-template-blocks/pricing.schemas';

const HOUR_MS = 3_600_000;

/** The slot as a caller builds it: local facts read in the location's zone. */
function slotAt(startsAtIso: string, durationMinutes = 60, zone = 'Europe/Berlin'): PricedSlot {
  const startsAt = new Date(startsAtIso);
  const { localDate, localWeekday, localTime } = localWallClock(startsAt, zone);
  return { startsAt, localDate, localWeekday, localStartTime: localTime, durationMinutes };
}

// Monday 4 March 2030, 18:00 in Berlin; booked 12 days ahead unless a test says otherwise.
const mondayEvening = slotAt('2030-03-04T17:00:00Z');
const twelveDaysBefore = new Date(mondayEvening.startsAt.getTime() - 12 * 24 * HOUR_MS);

function quote(pricing: Partial<PricingRules> & Pick<PricingRules, 'model'>, input: Partial<QuoteInput> = {}) {
  return quotePrice({ pricing: { upsells: [], currency: 'EUR', ...pricing }, slot: mondayEvening, now: twelveDaysBefore, participants: 1, ...input });
}

/** The DomainError a call throws, reduced to what a client sees. */
function refusal(call: () => unknown): { code: string; fields: unknown } {
  try {
    call();
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fields: error.details?.fields };
    throw error;
  }
  throw new Error('expected a DomainError');
}

const amounts = (lines: Array<{ code: string; amount: number }>) => lines.map(({ code, amount }) => [code, amount]);

describe('quotePrice: base price by model', () => {
  it('free: one zero line, nothing due', () => {
    expect(quote({ model: 'free', currency: undefined })).toEqual({
      currency: null,
      lines: [{ kind: 'base', code: 'free', description: 'Free', quantity: 1, unitAmount: 0, amount: 0 }],
      subtotalAmount: 0,
      taxAmount: 0,
      totalAmount: 0,
      taxInclusive: false,
      deposit: null,
      dueNowAmount: 0,
      securityDeposit: null,
    });
  });

  it('fixed: the amount', () => {
    expect(quote({ model: 'fixed', fixedPrice: { amount: 5_000 } })).toMatchObject({ currency: 'EUR', lines: [{ kind: 'base', code: 'fixed', amount: 5_000 }], totalAmount: 5_000, dueNowAmount: 5_000 });
  });

  it.each([
    // duration, minChargeMinutes, incrementMinutes, rateAmount, billed minutes, amount
    [50, 60, 1, 6_000, 60, 6_000], // the minimum charge
    [70, 60, 15, 6_000, 75, 7_500], // rounded up to a 15-minute increment
    [75, 60, 15, 6_000, 75, 7_500], // already on an increment
    [61, undefined, 30, 6_000, 90, 9_000],
    [50, 45, 1, 6_000, 50, 5_000], // above the minimum
    [7, undefined, 1, 1_000, 7, 117], // 116.67, rounded once (not 17 per minute)
    [1, undefined, 1, 90, 1, 2], // 1.5 rounds half up
    [1, undefined, 1, 89, 1, 1],
  ])('hourly: %i min (minimum %s, increment %i) at %i/h bills %i min = %i', (duration, minChargeMinutes, incrementMinutes, rateAmount, billed, amount) => {
    const result = quote({ model: 'hourly', hourlyRate: { rateAmount, minChargeMinutes, incrementMinutes } }, { slot: { ...mondayEvening, durationMinutes: duration } });
    expect(result.lines).toEqual([{ kind: 'base', code: 'hourly', description: `${billed} min billed at the hourly rate`, quantity: billed, unitAmount: rateAmount, amount }]);
    expect(result.totalAmount).toBe(amount);
  });

  it.each([
    // participants, min, max, amount, description
    [3, undefined, undefined, 7_500, '3 × per person'],
    [2, 10_000, undefined, 10_000, '2 × per person (minimum charge)'],
    [4, 10_000, undefined, 10_000, '4 × per person'], // exactly the minimum
    [10, undefined, 20_000, 20_000, '10 × per person (maximum charge)'],
    [8, undefined, 20_000, 20_000, '8 × per person'], // exactly the maximum
    [5, 10_000, 20_000, 12_500, '5 × per person'],
  ])('per_person: %i people (min %s, max %s) pay %i', (participants, minChargeAmount, maxChargeAmount, amount, description) => {
    const result = quote({ model: 'per_person', perPersonPrice: { amount: 2_500, minChargeAmount, maxChargeAmount } }, { participants });
    expect(result.lines).toEqual([{ kind: 'base', code: 'per_person', description, quantity: participants, unitAmount: 2_500, amount }]);
  });

  const tiers = [
    { minQuantity: 1, maxQuantity: 9, pricePerUnitAmount: 1_000 },
    { minQuantity: 10, maxQuantity: 49, pricePerUnitAmount: 900 },
    { minQuantity: 50, pricePerUnitAmount: 800 },
  ];

  it.each([
    [1, 1_000, 1_000],
    [9, 1_000, 9_000], // exactly maxQuantity: still the first tier
    [10, 900, 9_000], // exactly minQuantity of the next: every unit at its price (volume pricing)
    [49, 900, 44_100],
    [50, 800, 40_000],
    [1_000, 800, 800_000], // the open-ended last tier
  ])('tiered: %i units at %i each = %i', (quantity, unitAmount, amount) => {
    expect(quote({ model: 'tiered', tieredPricing: { tiers } }, { quantity }).lines).toEqual([
      expect.objectContaining({ kind: 'base', code: 'tier', quantity, unitAmount, amount }),
    ]);
  });

  it('tiered: quantity defaults to the participants', () => {
    expect(quote({ model: 'tiered', tieredPricing: { tiers } }, { participants: 12 }).totalAmount).toBe(10_800);
  });

  it('tiered: a quantity no tier covers is refused', () => {
    const gapped = [{ minQuantity: 5, maxQuantity: 9, pricePerUnitAmount: 1_000 }, { minQuantity: 20, maxQuantity: 30, pricePerUnitAmount: 900 }];
    for (const quantity of [4, 10, 31]) {
      expect(refusal(() => quote({ model: 'tiered', tieredPricing: { tiers: gapped } }, { quantity }))).toEqual({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'quantity', message: `no tier covers ${quantity}` }],
      });
    }
  });

  it.each([
    ['participants', { participants: 0 }],
    ['participants', { participants: 1.5 }],
    ['quantity', { quantity: 0 }],
  ])('refuses %s that is not a whole number ≥ 1', (path, input) => {
    expect(refusal(() => quote({ model: 'fixed', fixedPrice: { amount: 100 } }, input))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: [{ path, message: 'must be a whole number of at least 1' }],
    });
  });
});

describe('quotePrice: dynamic adjustments', () => {
  const base: DynamicPricingRules = { basePriceAmount: 10_000, timeMultipliers: [], holidayMultiplierBps: 10_000, specificDates: [] };
  const dynamic = (rules: Partial<DynamicPricingRules>, input: Partial<QuoteInput> = {}) => quote({ model: 'dynamic', dynamicPricing: { ...base, ...rules } }, input);
  const eveningMultiplier = { timeRange: { start: '18:00', end: '22:00' }, daysOfWeek: ['monday' as const, 'friday' as const], multiplierBps: 15_000 };
  const specificDate = { date: '2030-03-04', multiplierBps: 20_000, reason: 'Trade fair' };

  it('without adjustments: the base price alone', () => {
    expect(amounts(dynamic({}).lines)).toEqual([['dynamic', 10_000]]);
  });

  it.each([
    ['inside the range on a listed day', '2030-03-04T17:00:00Z', [['time_of_day', 5_000]]], // Monday 18:00, start inclusive
    ['at 21:59', '2030-03-04T20:59:00Z', [['time_of_day', 5_000]]],
    ['at the end (exclusive)', '2030-03-04T21:00:00Z', []], // 22:00
    ['before the start', '2030-03-04T16:59:00Z', []], // 17:59
    ['on an unlisted day', '2030-03-05T17:00:00Z', []], // Tuesday 18:00
  ])('time of day: %s', (_name, startsAtIso, expected) => {
    const lines = dynamic({ timeMultipliers: [eveningMultiplier] }, { slot: slotAt(startsAtIso) }).lines;
    expect(amounts(lines.slice(1))).toEqual(expected);
  });

  it.each([
    ['a specific date', { specificDates: [specificDate] }, {}, [['specific_date', 10_000]]],
    ['a holiday', { holidayMultiplierBps: 12_500 }, { isHoliday: true }, [['holiday', 2_500]]],
    ['a specific date wins over a holiday', { specificDates: [specificDate], holidayMultiplierBps: 12_500 }, { isHoliday: true }, [['specific_date', 10_000]]],
    ['a holiday multiplier on a day that is no holiday', { holidayMultiplierBps: 12_500 }, {}, []],
    ['a specific date for another day', { specificDates: [{ ...specificDate, date: '2030-03-05' }] }, {}, []],
    ['a calendar override', {}, { calendarMultiplierBps: 12_000 }, [['calendar_override', 2_000]]],
    ['a calendar override of ×1 (no line)', {}, { calendarMultiplierBps: 10_000 }, []],
    ['a premium slot', {}, { premiumMultiplierBps: 15_000 }, [['premium_slot', 5_000]]],
  ])('%s', (_name, rules, input, expected) => {
    expect(amounts(dynamic(rules, input).lines.slice(1))).toEqual(expected);
  });

  it('names the specific date and the multiplier in the description', () => {
    expect(dynamic({ specificDates: [specificDate] }).lines[1]).toEqual({ kind: 'adjustment', code: 'specific_date', description: 'Trade fair (2030-03-04) ×2', quantity: 1, unitAmount: 10_000, amount: 10_000 });
  });

  it.each([
    // utilizationBps, surge cap, delta on 10000
    [0, 20_000, []],
    [5_000, 20_000, []], // ×1 up to 50 %
    [5_001, 15_000, [['demand_surge', 1]]], // ×1.0001
    [6_000, 20_000, [['demand_surge', 2_000]]], // ×1.2
    [7_500, 20_000, [['demand_surge', 5_000]]], // ×1.5
    [10_000, 20_000, [['demand_surge', 10_000]]], // the cap at 100 %
    [12_000, 20_000, [['demand_surge', 10_000]]], // never above the cap
    [10_000, 10_000, []], // a cap of ×1: no surge
  ])('demand surge at %i bps booked, cap %i', (utilizationBps, surgeMultiplierMaxBps, expected) => {
    expect(amounts(dynamic({ demandBased: { enabled: true, surgeMultiplierMaxBps } }, { demand: { utilizationBps } }).lines.slice(1))).toEqual(expected);
  });

  it('demand surge: nothing when disabled or without demand figures', () => {
    expect(dynamic({ demandBased: { enabled: false, surgeMultiplierMaxBps: 20_000 } }, { demand: { utilizationBps: 10_000 } }).lines).toHaveLength(1);
    expect(dynamic({ demandBased: { enabled: true, surgeMultiplierMaxBps: 20_000 } }).lines).toHaveLength(1);
  });

  const startsAt = mondayEvening.startsAt.getTime();
  it.each([
    ['early bird: exactly 7 days ahead', startsAt - 7 * 24 * HOUR_MS, [['early_bird', -1_000, 'discount']]],
    ['early bird: 1 ms short of 7 days', startsAt - 7 * 24 * HOUR_MS + 1, []],
    ['last minute: exactly 24 h ahead is not last minute', startsAt - 24 * HOUR_MS, []],
    ['last minute: 1 ms inside 24 h', startsAt - 24 * HOUR_MS + 1, [['last_minute', 2_000, 'adjustment']]],
  ])('%s', (_name, nowMs, expected) => {
    const rules = { advanceBookingDiscount: { daysInAdvance: 7, discountBps: 1_000 }, lastMinutePremium: { hoursBefore: 24, premiumBps: 2_000 } };
    const lines = dynamic(rules, { now: new Date(nowMs) }).lines.slice(1);
    expect(lines.map(({ code, amount, kind }) => [code, amount, kind])).toEqual(expected);
  });

  const everything: Partial<DynamicPricingRules> = {
    basePriceAmount: 1_001,
    timeMultipliers: [eveningMultiplier],
    specificDates: [{ ...specificDate, multiplierBps: 11_000 }],
    demandBased: { enabled: true, surgeMultiplierMaxBps: 20_000 },
    advanceBookingDiscount: { daysInAdvance: 7, discountBps: 1_000 },
    lastMinutePremium: { hoursBefore: 24, premiumBps: 2_000 },
  };
  const context = { calendarMultiplierBps: 12_000, demand: { utilizationBps: 7_500 }, premiumMultiplierBps: 12_500, isHoliday: true };

  it('applies every adjustment in order, each on the running amount, rounded half up (early bird)', () => {
    const result = dynamic(everything, context);
    expect(amounts(result.lines)).toEqual([
      ['dynamic', 1_001],
      ['time_of_day', 501], // 1001 × 1.5 = 1501.5 → 1502
      ['specific_date', 150], // 1502 × 1.1 = 1652.2 → 1652
      ['calendar_override', 330], // × 1.2 = 1982.4 → 1982
      ['demand_surge', 991], // × 1.5 = 2973
      ['early_bird', -297], // 10 % of 2973 = 297.3 → 297: 2676
      ['premium_slot', 669], // × 1.25 = 3345
    ]);
    expect(result.totalAmount).toBe(3_345);
  });

  it('applies every adjustment in order (last minute)', () => {
    const result = dynamic(everything, { ...context, now: new Date(startsAt - HOUR_MS) });
    expect(amounts(result.lines).slice(5)).toEqual([
      ['last_minute', 595], // 20 % of 2973 = 594.6 → 595: 3568
      ['premium_slot', 892], // × 1.25 = 4460
    ]);
    expect(result.totalAmount).toBe(4_460);
  });

  it('never goes below zero: a 100 % discount, then multipliers, stays at 0', () => {
    const result = dynamic({ advanceBookingDiscount: { daysInAdvance: 7, discountBps: 10_000 } }, { premiumMultiplierBps: 20_000 });
    expect(amounts(result.lines)).toEqual([['dynamic', 10_000], ['early_bird', -10_000], ['premium_slot', 0]]);
    expect(result.totalAmount).toBe(0);
  });

  it('a multiplier of 0 makes the slot free', () => {
    expect(dynamic({ specificDates: [{ ...specificDate, multiplierBps: 0 }] }).totalAmount).toBe(0);
  });

  it('other models ignore the dynamic facts but take the calendar day’s multiplier, then the premium slot', () => {
    const result = quote({ model: 'fixed', fixedPrice: { amount: 5_000 } }, { ...context, premiumMultiplierBps: 15_000 });
    expect(amounts(result.lines)).toEqual([['fixed', 5_000], ['calendar_override', 1_000], ['premium_slot', 3_000]]);
  });
});

describe('quotePrice: upsells', () => {
  const offer = (id: string, amount: number, extra: Partial<UpsellOffer> = {}): UpsellOffer => ({ id, name: `The ${id}`, type: 'product', price: { amount }, offerTiming: 'booking', ...extra });
  const upsells = [
    offer('towel', 500, { maxQuantity: 3, inventory: { trackInventory: true, quantityAvailable: 10, lowStockThreshold: 0 } }),
    offer('oil', 1_500, { type: 'service_addon', requiresOtherUpsell: ['towel'] }),
    offer('insurance', 300, { type: 'insurance', incompatibleWith: ['vip'] }),
    offer('vip', 2_000, { type: 'feature' }),
    offer('poster', 700, { inventory: { trackInventory: false, quantityAvailable: 0, lowStockThreshold: 0 } }),
    offer('mug', 900, { inventory: { trackInventory: true, quantityAvailable: 1, lowStockThreshold: 0 } }),
  ];
  const order = (orders: QuoteInput['upsells'], input: Partial<QuoteInput> = {}) => quote({ model: 'fixed', fixedPrice: { amount: 5_000 }, upsells }, { upsells: orders, ...input });

  it('adds a line per upsell: price × quantity', () => {
    const result = order([{ id: 'towel', quantity: 2 }, { id: 'oil', quantity: 1 }, { id: 'poster', quantity: 4 }]);
    expect(result.lines.slice(1)).toEqual([
      { kind: 'upsell', code: 'upsell:towel', description: 'The towel', quantity: 2, unitAmount: 500, amount: 1_000 },
      { kind: 'upsell', code: 'upsell:oil', description: 'The oil', quantity: 1, unitAmount: 1_500, amount: 1_500 },
      { kind: 'upsell', code: 'upsell:poster', description: 'The poster', quantity: 4, unitAmount: 700, amount: 2_800 }, // not tracked: no stock check
    ]);
    expect(result.subtotalAmount).toBe(10_300);
  });

  it.each([
    ['an unknown id', [{ id: 'nope', quantity: 1 }], {}, [{ path: 'upsells.0.id', message: 'no upsell "nope" is offered' }]],
    ['quantity 0', [{ id: 'towel', quantity: 0 }], {}, [{ path: 'upsells.0.quantity', message: 'must be a whole number from 1 to 3' }]],
    ['more than maxQuantity', [{ id: 'towel', quantity: 4 }], {}, [{ path: 'upsells.0.quantity', message: 'must be a whole number from 1 to 3' }]],
    ['a fraction without maxQuantity', [{ id: 'vip', quantity: 1.5 }], {}, [{ path: 'upsells.0.quantity', message: 'must be a whole number of at least 1' }]],
    ['a missing requirement', [{ id: 'oil', quantity: 1 }], {}, [{ path: 'upsells.0.id', message: 'requires upsell "towel" in the same order' }]],
    ['an incompatible pair', [{ id: 'vip', quantity: 1 }, { id: 'insurance', quantity: 1 }], {}, [{ path: 'upsells.1.id', message: 'cannot be ordered with upsell "vip"' }]],
    ['the same id twice', [{ id: 'vip', quantity: 1 }, { id: 'vip', quantity: 1 }], {}, [{ path: 'upsells.1.id', message: '"vip" is ordered more than once' }]],
    ['less stock left than ordered', [{ id: 'towel', quantity: 2 }], { upsellStock: { towel: 1 } }, [{ path: 'upsells.0.quantity', message: 'only 1 left in stock' }]],
    ['no stock figure: the configured quantity', [{ id: 'mug', quantity: 2 }], {}, [{ path: 'upsells.0.quantity', message: 'only 1 left in stock' }]],
    [
      'every problem at once',
      [{ id: 'oil', quantity: 2 }, { id: 'nope', quantity: 1 }, { id: 'insurance', quantity: 1 }, { id: 'vip', quantity: 1 }],
      {},
      [
        { path: 'upsells.0.id', message: 'requires upsell "towel" in the same order' },
        { path: 'upsells.1.id', message: 'no upsell "nope" is offered' },
        { path: 'upsells.2.id', message: 'cannot be ordered with upsell "vip"' },
      ],
    ],
  ])('refuses %s', (_name, orders, input, fields) => {
    expect(refusal(() => order(orders, input))).toEqual({ code: 'VALIDATION_FAILED', fields });
  });

  it('accepts exactly the stock left, and stock figures override the configured quantity', () => {
    expect(order([{ id: 'towel', quantity: 3 }], { upsellStock: { towel: 3 } }).subtotalAmount).toBe(6_500);
    expect(order([{ id: 'mug', quantity: 1 }]).subtotalAmount).toBe(5_900);
    expect(order([{ id: 'mug', quantity: 2 }], { upsellStock: { mug: 5 } }).subtotalAmount).toBe(6_800);
  });
});

describe('quotePrice: tax', () => {
  const fixed = (amount: number, taxRateBps: number, taxInclusive: boolean) => quote({ model: 'fixed', fixedPrice: { amount }, taxConfiguration: { taxRateBps, taxInclusive } });

  it('exclusive: added on top, as its own line', () => {
    const result = fixed(10_000, 1_900, false);
    expect(result).toMatchObject({ subtotalAmount: 10_000, taxAmount: 1_900, totalAmount: 11_900, taxInclusive: false, dueNowAmount: 11_900 });
    expect(result.lines[1]).toEqual({ kind: 'tax', code: 'tax', description: 'Tax 19 %', quantity: 1, unitAmount: 1_900, amount: 1_900 });
  });

  it('inclusive: already in the price; the line is informational', () => {
    const result = fixed(11_900, 1_900, true);
    expect(result).toMatchObject({ subtotalAmount: 11_900, taxAmount: 1_900, totalAmount: 11_900, taxInclusive: true });
    expect(result.lines[1]).toMatchObject({ kind: 'tax', description: 'Tax 19 % (included)', amount: 1_900 });
  });

  it.each([
    // amount, rate, exclusive tax and total, inclusive tax
    [999, 1_900, 190, 1_189, 160], // 189.81 → 190; net 839.50… → 839: 160
    [1, 1_900, 0, 1, 0],
    [3, 5_000, 2, 5, 1], // 1.5 → 2; net 2
    [10_000, 0, 0, 10_000, 0],
    [10_000, 10_000, 10_000, 20_000, 5_000],
  ])('%i at %i bps: exclusive tax %i (total %i), inclusive tax %i', (amount, rate, exclusiveTax, exclusiveTotal, inclusiveTax) => {
    expect(fixed(amount, rate, false)).toMatchObject({ taxAmount: exclusiveTax, totalAmount: exclusiveTotal });
    expect(fixed(amount, rate, true)).toMatchObject({ taxAmount: inclusiveTax, totalAmount: amount });
  });

  it('is computed on base, adjustments and upsells together', () => {
    const result = quote(
      { model: 'fixed', fixedPrice: { amount: 1_000 }, upsells: [{ id: 'vip', name: 'VIP', type: 'feature', price: { amount: 500 }, offerTiming: 'booking' }], taxConfiguration: { taxRateBps: 1_000, taxInclusive: false } },
      { premiumMultiplierBps: 15_000, upsells: [{ id: 'vip', quantity: 1 }] },
    );
    expect(result).toMatchObject({ subtotalAmount: 2_000, taxAmount: 200, totalAmount: 2_200 });
  });
});

describe('quotePrice: deposit', () => {
  const deposit = (rule: Partial<NonNullable<PricingRules['deposit']>>, pricing: Partial<PricingRules> = {}) =>
    quote({ model: 'fixed', fixedPrice: { amount: 10_000 }, deposit: { required: true, type: 'fixed', refundable: true, refundDeadlineHours: 24, ...rule }, ...pricing });

  it('fixed: due now, refundable until startsAt − refundDeadlineHours', () => {
    expect(deposit({ amount: 2_000 })).toMatchObject({
      totalAmount: 10_000,
      deposit: { required: true, amount: 2_000, refundable: true, refundDeadline: '2030-03-03T17:00:00.000Z' },
      dueNowAmount: 2_000,
    });
  });

  it('fixed: capped at the total', () => {
    const result = deposit({ amount: 8_000 }, { model: 'hourly', fixedPrice: undefined, hourlyRate: { rateAmount: 5_000, incrementMinutes: 1 } });
    expect(result).toMatchObject({ totalAmount: 5_000, deposit: { amount: 5_000 }, dueNowAmount: 5_000 });
  });

  it.each([
    [3_000, 10_000, 3_000],
    [3_333, 1_000, 333], // 333.3 → 333
    [5_000, 999, 500], // 499.5 → 500
    [10_000, 999, 999],
  ])('percentage: %i bps of %i = %i', (percentageBps, amount, expected) => {
    expect(deposit({ type: 'percentage', percentageBps }, { fixedPrice: { amount } }).deposit?.amount).toBe(expected);
  });

  it('percentage: of the total including tax', () => {
    expect(deposit({ type: 'percentage', percentageBps: 3_000 }, { taxConfiguration: { taxRateBps: 1_900, taxInclusive: false } })).toMatchObject({ totalAmount: 11_900, dueNowAmount: 3_570 });
  });

  it('not required: the total is due now', () => {
    expect(deposit({ amount: 2_000, required: false })).toMatchObject({ deposit: { required: false, amount: 2_000 }, dueNowAmount: 10_000 });
  });

  it('not refundable: no refund deadline', () => {
    expect(deposit({ amount: 2_000, refundable: false }).deposit).toEqual({ required: true, amount: 2_000, refundable: false, refundDeadline: null });
  });

  it('a zero-hour deadline is the start itself', () => {
    expect(deposit({ amount: 2_000, refundDeadlineHours: 0 }).deposit?.refundDeadline).toBe('2030-03-04T17:00:00.000Z');
  });
});

describe('quotePrice: takes the output of the pricing schema as it is', () => {
  it('prices a parsed block with its defaults', () => {
    const pricing: PricingRules = pricingConfigSchema.parse({
      model: 'dynamic',
      currency: 'EUR',
      dynamicPricing: { basePriceAmount: 8_000, timeMultipliers: [{ timeRange: { start: '18:00', end: '22:00' }, daysOfWeek: ['monday'], multiplierBps: 12_500 }] },
      deposit: { type: 'percentage', percentageBps: 5_000 },
      upsells: [{ id: 'towel', name: 'Towel', type: 'product', price: { amount: 500 }, inventory: { quantityAvailable: 2 } }],
      taxConfiguration: { taxRateBps: 700 },
    });
    const result = quotePrice({ pricing, slot: mondayEvening, now: twelveDaysBefore, participants: 1, upsells: [{ id: 'towel', quantity: 2 }] });
    expect(amounts(result.lines)).toEqual([['dynamic', 8_000], ['time_of_day', 2_000], ['upsell:towel', 1_000], ['tax', 770]]);
    expect(result).toMatchObject({ subtotalAmount: 11_000, totalAmount: 11_770, deposit: { required: true, amount: 5_885, refundable: true, refundDeadline: '2030-03-04T17:00:00.000Z' }, dueNowAmount: 5_885 });
  });
});
