import { shareOf } from '../shared/money';
import { DomainError } from '../shared/errors';
import type { RefundDecision } from './refund-decision';

/** The store credit a refund becomes when the client takes it as credit: the refund plus the tier's bonus. */
export function storeCreditFor(decision: RefundDecision): number {
  return decision.refundAmount + shareOf(decision.refundAmount, decision.storeCredit.bonusBps);
}

/**
 * Applies the client's choice of store credit to a decision: when its tier offers credit and there is a
 * refund, the refund is issued as credit (with the bonus) instead of going back to the payment.
 */
export function withRefundAsStoreCredit(decision: RefundDecision): RefundDecision {
  if (!decision.storeCredit.offered || decision.refundAmount <= 0) return decision;
  return { ...decision, refundAs: 'store_credit', storeCreditAmount: storeCreditFor(decision) };
}

/** Refuses store credit where the decision does not offer it (the business cancelling, a late cancellation, a tier without it). */
export function assertStoreCreditOffered(decision: RefundDecision): void {
  if (!decision.storeCredit.offered) {
    throw new DomainError('STORE_CREDIT_NOT_OFFERED', 'This cancellation’s refund cannot be taken as store credit; cancel without `refundAs` to be refunded to the original payment.', { basis: decision.basis, tierIndex: decision.tierIndex });
  }
}

/** How much of an amount due store credit pays: all of it, or the whole balance when that is less. */
export function storeCreditToApply(balanceAmount: number, dueAmount: number): number {
  return Math.max(0, Math.min(balanceAmount, dueAmount));
}
