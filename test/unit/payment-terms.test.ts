import { paymentTerms } from '../../src/domain/pricing/payment-terms';
import type { Quote } from '../../src/domain/pricing/price-quote';
import { templateRules } from '../../src/db/queries/service-template.queries';

const quote = (extra: Partial<Quote>): Quote => ({ currency: 'EUR', lines: [], subtotalAmount: 5_000, taxAmount: 0, totalAmount: 5_000, taxInclusive: false, deposit: null, dueNowAmount: 5_000, ...extra });
const rulesOf = (lifecycle: Record<string, unknown>, pricing: Record<string, unknown> = {}) => templateRules({ duration: { type: 'fixed', fixedMinutes: 30 }, lifecycle, pricing, cancellation: {}, scheduling: {} } as never);

describe('what a hold must be paid before it is confirmed', () => {
  it('the deposit when one is required, else the total; nothing when the service does not take payment first or nothing is due', () => {
    expect(paymentTerms(true, quote({ deposit: { required: true, amount: 1_500, refundable: true, refundDeadline: null }, dueNowAmount: 1_500 }))).toEqual({ amount: 1_500, currency: 'EUR', kind: 'deposit' });
    expect(paymentTerms(true, quote({}))).toEqual({ amount: 5_000, currency: 'EUR', kind: 'full' });
    expect(paymentTerms(false, quote({}))).toBeNull();
    expect(paymentTerms(true, quote({ dueNowAmount: 0, totalAmount: 0 }))).toBeNull();
  });

  it('a service takes payment first when its confirmation asks for payment or a deposit, or its deposit is required', () => {
    expect(rulesOf({ confirmation: { requirePayment: true } }).paymentFirst).toBe(true);
    expect(rulesOf({ confirmation: { requireDeposit: true } }).paymentFirst).toBe(true);
    expect(rulesOf({}, { deposit: { type: 'fixed', amount: 500, required: true } }).paymentFirst).toBe(true);
    expect(rulesOf({}, { deposit: { type: 'fixed', amount: 500, required: false } }).paymentFirst).toBe(false);
    expect(rulesOf({}).paymentFirst).toBe(false);
  });
});
