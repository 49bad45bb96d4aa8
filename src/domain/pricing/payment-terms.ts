import type { Quote } from './price-quote';

/** What a hold must be paid before it is confirmed: a deposit or the full price, in minor units. */
export interface PaymentTerms {
  amount: number;
  currency: string;
  kind: 'deposit' | 'full';
}

/**
 * The payment a hold waits for: the quote's `dueNowAmount` (the deposit when one is required, else the
 * total) when the service takes payment first and there is something to pay; otherwise none.
 */
export function paymentTerms(paymentFirst: boolean, quote: Quote): PaymentTerms | null {
  if (!paymentFirst || quote.dueNowAmount <= 0 || !quote.currency) return null;
  return { amount: quote.dueNowAmount, currency: quote.currency, kind: quote.deposit?.required ? 'deposit' : 'full' };
}
