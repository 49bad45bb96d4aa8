import { decideRefund, type RefundRules } from '../../src/domain/cancellation/refund-decision';
import { assertStoreCreditOffered, storeCreditToApply, withRefundAsStoreCredit } from '../../src/domain/cancellation/store-credit';

const startsAt = new Date('2030-03-04T09:00:00Z');
const hoursBefore = (hours: number) => new Date(startsAt.getTime() - hours * 3_600_000);
const rules: RefundRules = {
  refundTiers: [
    { minHoursBefore: 48, refundBps: 10_000, offerStoreCredit: true, storeCreditBonusBps: 1_500 },
    { minHoursBefore: 0, maxHoursBefore: 48, refundBps: 5_000 },
  ],
};
const decide = (hours: number, paidAmount: number, cancelledBy: 'client' | 'organization' = 'client') => decideRefund({ cancelledAt: hoursBefore(hours), startsAt, cancelledBy, paidAmount, rules });

describe('store credit instead of a refund', () => {
  it.each([
    ['a tier with a 15 % bonus: refund plus bonus', 72, 8_000, { refundAs: 'store_credit', refundAmount: 8_000, storeCreditAmount: 9_200 }],
    ['bonus rounds half up once', 72, 999, { refundAs: 'store_credit', storeCreditAmount: 1_149 }],
    ['nothing paid: nothing to credit, the decision stays as it was', 72, 0, { refundAmount: 0 }],
  ])('%s', (_name, hours, paid, expected) => {
    expect(withRefundAsStoreCredit(decide(hours, paid))).toMatchObject(expected);
  });

  it('is refused where the tier does not offer it, and when the business cancels', () => {
    expect(() => assertStoreCreditOffered(decide(30, 8_000))).toThrow(expect.objectContaining({ code: 'STORE_CREDIT_NOT_OFFERED' }));
    expect(() => assertStoreCreditOffered(decide(72, 8_000, 'organization'))).toThrow(expect.objectContaining({ code: 'STORE_CREDIT_NOT_OFFERED' }));
    expect(() => assertStoreCreditOffered(decide(72, 0))).not.toThrow();
    expect(withRefundAsStoreCredit(decide(30, 8_000)).refundAs).toBeUndefined();
  });

  it.each([
    [5_000, 3_000, 3_000],
    [1_000, 3_000, 1_000],
    [0, 3_000, 0],
    [-200, 3_000, 0],
  ])('a balance of %d pays %d due: %d from credit', (balance, due, applied) => {
    expect(storeCreditToApply(balance, due)).toBe(applied);
  });
});
