import { shareOf } from '../shared/money';

/**
 * What a client who did not show up is charged on top of what they already paid (spec §3.3
 * `noShowPolicy.clientCharge`): `chargeBps` of the booking's value, capped at `maxAmount`, less what was
 * collected for it (a deposit is kept towards it), never below 0.
 */
export function noShowChargeAmount(input: { valueAmount: number; collectedAmount: number; chargeBps: number; maxAmount?: number }): number {
  const owed = Math.min(shareOf(input.valueAmount, input.chargeBps), input.maxAmount ?? Number.MAX_SAFE_INTEGER);
  return Math.max(0, owed - input.collectedAmount);
}
