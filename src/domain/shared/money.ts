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

/**
 * `amount × numerator / denominator` minor units, rounded half up, computed exactly (BigInt) however
 * large the product: e.g. an hourly rate for 75 minutes is `prorate(rateAmount, 75, 60)`.
 */
export function prorate(amount: number, numerator: number, denominator: number): number {
  const operandsValid = [amount, numerator].every((n) => Number.isSafeInteger(n) && n >= 0) && Number.isSafeInteger(denominator) && denominator > 0;
  if (!operandsValid) throw new RangeError('amount and numerator must be non-negative integers and denominator a positive integer');
  const result = Number((2n * BigInt(amount) * BigInt(numerator) + BigInt(denominator)) / (2n * BigInt(denominator)));
  if (!Number.isSafeInteger(result)) throw new RangeError('the result is too large to be an exact number of minor units');
  return result;
}
