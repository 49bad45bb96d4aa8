import type { Quote } from '../../domain/pricing/price-quote';
import type { PaymentTerms } from '../../../workflows/reservation/reservation.contract';

/**
 * What a hold must be paid before it is confirmed: the quote's `dueNowAmount` (the deposit when one is
 * required, else the total) when the template asks for payment first — `lifecycle.confirmation`
 * `requirePayment` or `requireDeposit`, or a required `pricing.deposit` — and there is something to pay.
 */
export function paymentTermsFor(definition: { lifecycle?: unknown; pricing?: unknown }, quote: Quote): { payment?: PaymentTerms } {
  const confirmation = (definition.lifecycle as { confirmation?: { requirePayment?: boolean; requireDeposit?: boolean } } | undefined)?.confirmation;
  const deposit = (definition.pricing as { deposit?: { required?: boolean } } | undefined)?.deposit;
  const asked = confirmation?.requirePayment === true || confirmation?.requireDeposit === true || deposit?.required === true;
  if (!asked || quote.dueNowAmount <= 0 || !quote.currency) return {};
  return { payment: { amount: quote.dueNowAmount, currency: quote.currency, kind: quote.deposit?.required ? 'deposit' : 'full' } };
}
