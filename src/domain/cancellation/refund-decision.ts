import { shareOf } from '../shared/money';

/** One refund tier of a template (spec §3.3): cancelling between min and max hours before the start. */
export interface RefundTier {
  minHoursBefore: number;
  maxHoursBefore?: number;
  refundBps?: number;
  refundAmount?: number;
  offerStoreCredit?: boolean;
  storeCreditBonusBps?: number;
}

/** The refund part of a template's cancellation block. */
export interface RefundRules {
  refundTiers: RefundTier[];
  lateCancellation?: { windowHours: number; refundBps: number; chargeFeeAmount: number };
}

/** Who cancels: the client, or the business (the organization, a provider, or the system by itself). */
export type CancelledBy = 'client' | 'provider' | 'organization' | 'system';

/** What cancelling means for the client's money, decided once and kept with the booking. */
export interface RefundDecision {
  /** Who cancelled, as a party (absent in decisions recorded before it was kept). */
  party?: CancelledBy;
  basis: 'cancelled_by_business' | 'late_cancellation' | 'refund_tier' | 'no_tier';
  hoursBeforeStart: number;
  tierIndex: number | null;
  paidAmount: number;
  refundAmount: number;
  lateFeeAmount: number;
  storeCredit: { offered: boolean; bonusBps: number };
}

const HOUR_MS = 3_600_000;

/**
 * Decides the refund for a cancellation (spec §3.3): the business cancelling refunds everything;
 * a client inside the late-cancellation window gets its share minus the fee; otherwise the tier
 * covering the hours left before the start applies ([min, max) hours; the first tier may be open
 * above), and hours no tier covers refund nothing. Amounts are minor units; see money.ts for rounding.
 */
export function decideRefund(input: { cancelledAt: Date; startsAt: Date; cancelledBy: CancelledBy; paidAmount: number; rules: RefundRules }): RefundDecision {
  return { party: input.cancelledBy, ...decideRefundAmounts(input) };
}

function decideRefundAmounts(input: { cancelledAt: Date; startsAt: Date; cancelledBy: CancelledBy; paidAmount: number; rules: RefundRules }): Omit<RefundDecision, 'party'> {
  const { paidAmount, rules } = input;
  const hoursBeforeStart = Math.max(0, (input.startsAt.getTime() - input.cancelledAt.getTime()) / HOUR_MS);
  const none = { offered: false, bonusBps: 0 };
  if (input.cancelledBy !== 'client') {
    return { basis: 'cancelled_by_business', hoursBeforeStart, tierIndex: null, paidAmount, refundAmount: paidAmount, lateFeeAmount: 0, storeCredit: none };
  }
  const late = rules.lateCancellation;
  if (late && hoursBeforeStart < late.windowHours) {
    const lateFeeAmount = Math.min(late.chargeFeeAmount, paidAmount);
    const refundAmount = Math.max(0, shareOf(paidAmount, late.refundBps) - lateFeeAmount);
    return { basis: 'late_cancellation', hoursBeforeStart, tierIndex: null, paidAmount, refundAmount, lateFeeAmount, storeCredit: none };
  }
  const tierIndex = rules.refundTiers.findIndex((tier) => hoursBeforeStart >= tier.minHoursBefore && (tier.maxHoursBefore === undefined || hoursBeforeStart < tier.maxHoursBefore));
  const tier = rules.refundTiers[tierIndex];
  if (!tier) return { basis: 'no_tier', hoursBeforeStart, tierIndex: null, paidAmount, refundAmount: 0, lateFeeAmount: 0, storeCredit: none };
  const refundAmount = tier.refundAmount !== undefined ? Math.min(tier.refundAmount, paidAmount) : shareOf(paidAmount, tier.refundBps ?? 0);
  return {
    basis: 'refund_tier',
    hoursBeforeStart,
    tierIndex,
    paidAmount,
    refundAmount,
    lateFeeAmount: 0,
    storeCredit: { offered: tier.offerStoreCredit ?? false, bonusBps: tier.storeCreditBonusBps ?? 0 },
  };
}
