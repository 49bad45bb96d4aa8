import { prorate, shareOf } from '../shared/money';
import { formatPercent } from './adjustments';
import type { PricingRules } from './pricing-rules';
import type { QuoteLine } from './quote-types';

/** The tax of a quote: its amount, the total it gives, and its line (none without a tax configuration). */
export interface TaxOutcome {
  taxAmount: number;
  totalAmount: number;
  taxInclusive: boolean;
  lines: QuoteLine[];
}

/** Tax on a subtotal, exclusive (added) or inclusive (already in the prices); semantics in price-quote.ts. */
export function taxOn(subtotalAmount: number, tax: PricingRules['taxConfiguration']): TaxOutcome {
  if (!tax) return { taxAmount: 0, totalAmount: subtotalAmount, taxInclusive: false, lines: [] };
  const { taxRateBps, taxInclusive } = tax;
  const taxAmount = taxInclusive ? subtotalAmount - prorate(subtotalAmount, 10_000, 10_000 + taxRateBps) : shareOf(subtotalAmount, taxRateBps);
  const description = `Tax ${formatPercent(taxRateBps)}${taxInclusive ? ' (included)' : ''}`;
  return {
    taxAmount,
    totalAmount: taxInclusive ? subtotalAmount : subtotalAmount + taxAmount,
    taxInclusive,
    lines: [{ kind: 'tax', code: 'tax', description, quantity: 1, unitAmount: taxAmount, amount: taxAmount }],
  };
}
