import { prorate, shareOf } from '../../src/domain/shared/money';

describe('prorate: amount × numerator / denominator, rounded half up', () => {
  it.each([
    [6_000, 75, 60, 7_500], // an hourly rate for 75 minutes
    [1_000, 7, 60, 117], // 116.67 → 117, rounded once (per-minute rounding would give 119)
    [90, 1, 60, 2], // 1.5 → 2
    [89, 1, 60, 1], // 1.48 → 1
    [999, 10_000, 11_900, 839], // the net of a 19 % tax-inclusive price: 839.49 → 839
    [11_900, 10_000, 11_900, 10_000],
    [0, 5, 7, 0],
    [5, 0, 7, 0],
  ])('%d × %d / %d → %d', (amount, numerator, denominator, expected) => {
    expect(prorate(amount, numerator, denominator)).toBe(expected);
  });

  it('rounds exactly like shareOf for basis points', () => {
    for (const [amount, bps] of [[999, 5_000], [997, 5_000], [1, 4_999], [12_345, 15_001], [10_000_000_000, 100_000]] as const) {
      expect(prorate(amount, bps, 10_000)).toBe(shareOf(amount, bps));
    }
  });

  it('stays exact where the product passes 2^53', () => {
    expect(prorate(9_007_199_254_740_991, 3, 3)).toBe(9_007_199_254_740_991);
  });

  it.each([
    [10.5, 1, 1],
    [-1, 1, 1],
    [1, -1, 1],
    [1, 1, 0],
    [1, 1, 1.5],
    [9_007_199_254_740_991, 2, 1], // the result would not be a safe integer
  ])('refuses %d × %d / %d with a RangeError', (amount, numerator, denominator) => {
    expect(() => prorate(amount, numerator, denominator)).toThrow(RangeError);
  });
});
