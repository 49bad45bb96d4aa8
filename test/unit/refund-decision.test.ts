import { decideRefund, type RefundRules } from '../../src/domain/cancellation/refund-decision';
import { shareOf } from '../../src/domain/shared/money';

const startsAt = new Date('2030-03-04T09:00:00Z');
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);
const rules: RefundRules = {
  refundTiers: [
    { minHoursBefore: 48, refundBps: 10_000 },
    { minHoursBefore: 24, maxHoursBefore: 48, refundBps: 5_000, offerStoreCredit: true, storeCreditBonusBps: 1_000 },
    { minHoursBefore: 6, maxHoursBefore: 24, refundAmount: 1_500 },
  ],
  lateCancellation: { windowHours: 2, refundBps: 2_000, chargeFeeAmount: 500 },
};

describe('shareOf: basis points of minor units, rounded half up', () => {
  it.each([
    [10_000, 2_500, 2_500],
    [999, 5_000, 500], // 499.5 → 500
    [997, 5_000, 499], // 498.5 → 499
    [1, 4_999, 0],
    [0, 10_000, 0],
  ])('%d × %d bps → %d', (amount, bps, expected) => {
    expect(shareOf(amount, bps)).toBe(expected);
  });

  it('refuses fractions and negatives', () => {
    expect(() => shareOf(10.5, 100)).toThrow(RangeError);
    expect(() => shareOf(-1, 100)).toThrow(RangeError);
  });
});

describe('decideRefund', () => {
  it.each([
    ['72 h before: first tier, open above', 72, { basis: 'refund_tier', tierIndex: 0, refundAmount: 8_000 }],
    ['exactly 48 h: first tier (min inclusive)', 48, { basis: 'refund_tier', tierIndex: 0, refundAmount: 8_000 }],
    ['30 h: half, with store credit offered', 30, { basis: 'refund_tier', tierIndex: 1, refundAmount: 4_000, storeCredit: { offered: true, bonusBps: 1_000 } }],
    ['10 h: a fixed amount', 10, { basis: 'refund_tier', tierIndex: 2, refundAmount: 1_500 }],
    ['4 h: no tier covers it', 4, { basis: 'no_tier', tierIndex: null, refundAmount: 0 }],
    ['1 h: late cancellation, share minus fee', 1, { basis: 'late_cancellation', refundAmount: 1_100, lateFeeAmount: 500, lateFeeChargeAmount: 0 }],
    ['after the start: late', -1, { basis: 'late_cancellation', hoursBeforeStart: 0 }],
  ])('%s', (_name, hours, expected) => {
    expect(decideRefund({ cancelledAt: hoursBefore(hours), startsAt, cancelledBy: 'client', paidAmount: 8_000, rules })).toMatchObject({ paidAmount: 8_000, ...expected });
  });

  it('refunds everything when the business cancels, whenever it does', () => {
    expect(decideRefund({ cancelledAt: hoursBefore(1), startsAt, cancelledBy: 'organization', paidAmount: 8_000, rules })).toMatchObject({
      basis: 'cancelled_by_business',
      refundAmount: 8_000,
      lateFeeAmount: 0,
    });
  });

  it('never refunds more than was paid nor charges a fee above it', () => {
    expect(decideRefund({ cancelledAt: hoursBefore(10), startsAt, cancelledBy: 'client', paidAmount: 1_000, rules }).refundAmount).toBe(1_000);
    expect(decideRefund({ cancelledAt: hoursBefore(1), startsAt, cancelledBy: 'client', paidAmount: 300, rules })).toMatchObject({ refundAmount: 0, lateFeeAmount: 300, lateFeeChargeAmount: 200 });
  });

  it('charges the whole late fee to the card when nothing was paid', () => {
    expect(decideRefund({ cancelledAt: hoursBefore(1), startsAt, cancelledBy: 'client', paidAmount: 0, rules })).toMatchObject({ refundAmount: 0, lateFeeAmount: 0, lateFeeChargeAmount: 500 });
  });

  it('with no rules a client cancellation refunds nothing, recorded as such', () => {
    expect(decideRefund({ cancelledAt: hoursBefore(100), startsAt, cancelledBy: 'client', paidAmount: 0, rules: { refundTiers: [] } })).toMatchObject({ basis: 'no_tier', refundAmount: 0 });
  });
});
