import type { DateOverride } from '../../src/domain/availability/calendar-config';
import { quotePrice } from '../../src/domain/pricing/price-quote';
import type { NightlyRateRules, PricingRules } from '../../src/domain/pricing/pricing-rules';
import { pricedNights } from '../../src/domain/pricing/stay-nights';
import { DomainError } from '../../src/domain/shared/errors';

// A lake house: 100 € a night, Friday and Saturday nights ×1.25, 10 % off a week, 25 % off a month,
// 60 € cleaning and 25 € service per stay, 7 % tax on top, 300 € held as a security deposit.
const lakeHouse: NightlyRateRules = {
  rateAmount: 10_000,
  weekdayMultipliers: [{ daysOfWeek: ['friday', 'saturday'], multiplierBps: 12_500 }],
  specificDates: [],
  weeklyDiscountBps: 1_000,
  monthlyDiscountBps: 2_500,
  cleaningFeeAmount: 6_000,
  serviceFeeAmount: 2_500,
};

const pricing = (rate: Partial<NightlyRateRules> = {}, extra: Partial<PricingRules> = {}): PricingRules => ({
  model: 'nightly',
  currency: 'EUR',
  nightlyRate: { ...lakeHouse, ...rate },
  upsells: [],
  taxConfiguration: { taxRateBps: 700, taxInclusive: false },
  securityDeposit: { amount: 30_000, releaseAfterHours: 48 },
  ...extra,
});

/** A stay's quote, checking in on `checkInDate` (Berlin 15:00) for `nights` nights. */
function stay(checkInDate: string, nights: number, rules = pricing(), overrides: DateOverride[] = []) {
  const startsAt = new Date(`${checkInDate}T14:00:00Z`);
  return quotePrice({
    pricing: rules,
    slot: { startsAt, localDate: checkInDate, localWeekday: 'monday', localStartTime: '15:00', durationMinutes: nights * 24 * 60 },
    now: new Date('2030-01-01T00:00:00Z'),
    participants: 2,
    nights: pricedNights(checkInDate, nights, overrides),
  });
}

const lines = (quote: ReturnType<typeof quotePrice>) => quote.lines.map(({ kind, code, quantity, unitAmount, amount }) => [kind, code, quantity, unitAmount, amount]);

describe('pricedNights', () => {
  it('lists the nights a stay sleeps (not its departure date) with their weekdays and calendar multipliers, yearly overrides included', () => {
    const overrides: DateOverride[] = [
      { date: '2029-03-31', kind: 'holiday_pricing', pricingMultiplierBps: 15_000, recurringYearly: true },
      { date: '2030-04-02', kind: 'holiday_pricing', pricingMultiplierBps: 20_000, recurringYearly: false },
    ];
    expect(pricedNights('2030-03-30', 3, overrides)).toEqual([
      { localDate: '2030-03-30', localWeekday: 'saturday', calendarMultiplierBps: 10_000 },
      { localDate: '2030-03-31', localWeekday: 'sunday', calendarMultiplierBps: 15_000 },
      { localDate: '2030-04-01', localWeekday: 'monday', calendarMultiplierBps: 10_000 },
    ]);
  });
});

describe('quotePrice: the nightly model', () => {
  it('a weekend stay: nights at the rate, Friday and Saturday nights raised, cleaning and service fees, tax on all; the security deposit beside the total', () => {
    // Thursday 7 March 2030, three nights: Thursday, Friday, Saturday.
    const quote = stay('2030-03-07', 3);
    expect(lines(quote)).toEqual([
      ['base', 'nightly', 3, 10_000, 30_000],
      ['adjustment', 'weekday', 2, 2_500, 5_000],
      ['fee', 'cleaning_fee', 1, 6_000, 6_000],
      ['fee', 'service_fee', 1, 2_500, 2_500],
      ['tax', 'tax', 1, 3_045, 3_045],
    ]);
    expect(quote).toMatchObject({ subtotalAmount: 43_500, taxAmount: 3_045, totalAmount: 46_545, dueNowAmount: 46_545, deposit: null, securityDeposit: { amount: 30_000, releaseAfterHours: 48 } });
    expect(quote.lines[1]!.description).toBe('friday, saturday nights ×1.25');
  });

  it('a week takes the weekly discount off the nights only, not off the fees', () => {
    // Monday 4 March 2030, seven nights: one Friday and one Saturday.
    const quote = stay('2030-03-04', 7);
    expect(lines(quote)).toEqual([
      ['base', 'nightly', 7, 10_000, 70_000],
      ['adjustment', 'weekday', 2, 2_500, 5_000],
      ['discount', 'weekly_discount', 1, -7_500, -7_500],
      ['fee', 'cleaning_fee', 1, 6_000, 6_000],
      ['fee', 'service_fee', 1, 2_500, 2_500],
      ['tax', 'tax', 1, 5_320, 5_320],
    ]);
    expect(quote.totalAmount).toBe(81_320);
  });

  it('six nights get no length discount; thirty get the monthly one instead of the weekly one', () => {
    expect(stay('2030-03-04', 6).lines.some((line) => line.kind === 'discount')).toBe(false);
    // 4 March to 2 April: eight Friday and Saturday nights.
    const month = stay('2030-03-04', 30);
    expect(lines(month).slice(0, 3)).toEqual([
      ['base', 'nightly', 30, 10_000, 300_000],
      ['adjustment', 'weekday', 8, 2_500, 20_000],
      ['discount', 'monthly_discount', 1, -80_000, -80_000],
    ]);
    expect(month.lines.filter((line) => line.code === 'weekly_discount')).toEqual([]);
  });

  it('without a monthly discount a month keeps the weekly one', () => {
    const month = stay('2030-03-04', 30, pricing({ monthlyDiscountBps: 0 }));
    expect(month.lines.filter((line) => line.kind === 'discount').map((line) => [line.code, line.amount])).toEqual([['weekly_discount', -32_000]]);
  });

  it("each night goes through its weekday, its specific date and its calendar day in turn, each on that night's running price", () => {
    // Friday 8 March is a fair (×2) and a holiday on the calendar (×1.5): 100 → 125 → 250 → 375.
    const fair = pricing({ specificDates: [{ date: '2030-03-08', multiplierBps: 20_000, reason: 'Fair' }] });
    const quote = stay('2030-03-07', 3, fair, [{ date: '2030-03-08', kind: 'holiday_pricing', pricingMultiplierBps: 15_000, recurringYearly: false }]);
    expect(lines(quote).slice(0, 4)).toEqual([
      ['base', 'nightly', 3, 10_000, 30_000],
      ['adjustment', 'weekday', 2, 2_500, 5_000],
      ['adjustment', 'specific_date', 1, 12_500, 12_500],
      ['adjustment', 'calendar_override', 1, 12_500, 12_500],
    ]);
    expect(quote.subtotalAmount).toBe(10_000 + 37_500 + 12_500 + 6_000 + 2_500);
  });

  it('rounds each night half up once, so the lines still add up', () => {
    const quote = stay('2030-03-07', 3, pricing({ rateAmount: 9_999 }));
    // 9,999 × 1.25 = 12,498.75 → 12,499 per weekend night.
    expect(lines(quote).slice(0, 2)).toEqual([
      ['base', 'nightly', 3, 9_999, 29_997],
      ['adjustment', 'weekday', 2, 2_500, 5_000],
    ]);
  });

  it('a stay without fees has no fee lines; a template without a security deposit quotes none', () => {
    const plain = stay('2030-03-04', 2, pricing({ cleaningFeeAmount: 0, serviceFeeAmount: 0, weekdayMultipliers: [] }, { securityDeposit: undefined, taxConfiguration: undefined }));
    expect(lines(plain)).toEqual([['base', 'nightly', 2, 10_000, 20_000]]);
    expect(plain.securityDeposit).toBeNull();
  });

  it('a deposit taken at booking is a share of the total; the security deposit is never in the total or due now', () => {
    const quote = stay('2030-03-07', 3, pricing({}, { deposit: { required: true, type: 'percentage', percentageBps: 2_000, refundable: true, refundDeadlineHours: 0 } }));
    expect(quote).toMatchObject({ totalAmount: 46_545, deposit: { amount: 9_309 }, dueNowAmount: 9_309, securityDeposit: { amount: 30_000 } });
  });

  it('refuses a stay priced by the night without its nights', () => {
    let refusal: unknown;
    try {
      quotePrice({ pricing: pricing(), slot: { startsAt: new Date('2030-03-07T14:00:00Z'), localDate: '2030-03-07', localWeekday: 'thursday', localStartTime: '15:00', durationMinutes: 60 }, now: new Date('2030-01-01T00:00:00Z'), participants: 1 });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'nights' }] } });
  });
});
