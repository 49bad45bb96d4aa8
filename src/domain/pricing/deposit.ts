import { shareOf } from '../shared/money';
import type { DepositRule } from './pricing-rules';
import type { QuoteDeposit } from './quote-types';

const HOUR_MS = 3_600_000;

/** The deposit for a total: a fixed amount capped at the total, or a share of it; null without a deposit rule. */
export function depositFor(rule: DepositRule | undefined, totalAmount: number, startsAt: Date): QuoteDeposit | null {
  if (!rule) return null;
  const amount = rule.type === 'fixed' ? Math.min(rule.amount ?? 0, totalAmount) : shareOf(totalAmount, rule.percentageBps ?? 0);
  const refundDeadline = rule.refundable ? new Date(startsAt.getTime() - rule.refundDeadlineHours * HOUR_MS).toISOString() : null;
  return { required: rule.required, amount, refundable: rule.refundable, refundDeadline };
}
