/**
 * Money is an integer number of minor units (cents) of an ISO 4217 currency; shares are basis points
 * (10000 = 100 %). The one rounding rule: a share of an amount is rounded half up to a whole minor
 * unit (computed in integers, so no floating-point drift).
 */

/** `bps` basis points of `amount` minor units, rounded half up. */
export function shareOf(amount: number, bps: number): number {
  if (!Number.isInteger(amount) || !Number.isInteger(bps) || amount < 0 || bps < 0) throw new RangeError('amount and bps must be non-negative integers');
  return Math.floor((amount * bps + 5_000) / 10_000);
}
