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

/** Where a refund goes: back to what was paid, or into the client's store credit with the tier's bonus. */
export type RefundMethod = 'original_payment' | 'store_credit';

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
  /** The part of the late-cancellation fee the payment did not cover: charged to the client's saved card (absent in older decisions). */
  lateFeeChargeAmount?: number;
  /** How the refund is paid: back to the original payment, or as store credit with its bonus (absent: the original payment). */
  refundAs?: RefundMethod;
  /** The store credit issued instead of a refund: the refund plus the tier's bonus (only with `refundAs: store_credit`). */
  storeCreditAmount?: number;
  storeCredit: { offered: boolean; bonusBps: number };
}

const HOUR_MS = 3_600_000;

/**
 * Decides the refund for a cancellation (spec §3.3): the business cancelling refunds everything;
 * a client inside the late-cancellation window gets its share minus the fee; otherwise the tier
 * covering the hours left before the start applies ([min, max) hours; the first tier may be open
 * above), and hours no tier covers refund nothing. A late fee larger than what was paid leaves
 * `lateFeeChargeAmount` to charge to the saved card. Amounts are minor units; see money.ts for rounding.
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
    // What the payment does not cover of the fee is charged to the saved card.
    const lateFeeChargeAmount = late.chargeFeeAmount - lateFeeAmount;
    return { basis: 'late_cancellation', hoursBeforeStart, tierIndex: null, paidAmount, refundAmount, lateFeeAmount, lateFeeChargeAmount, storeCredit: none };
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
