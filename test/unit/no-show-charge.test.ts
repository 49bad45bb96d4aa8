import { noShowChargeAmount } from '../../src/domain/cancellation/no-show-charge';

describe('the charge for a no-show', () => {
  it.each([
    ['half of the value, nothing paid yet', { valueAmount: 10_000, collectedAmount: 0, chargeBps: 5_000 }, 5_000],
    ['half of the value, less the deposit kept', { valueAmount: 10_000, collectedAmount: 3_000, chargeBps: 5_000 }, 2_000],
    ['a deposit larger than the charge: nothing more', { valueAmount: 10_000, collectedAmount: 6_000, chargeBps: 5_000 }, 0],
    ['capped at maxAmount', { valueAmount: 10_000, collectedAmount: 0, chargeBps: 8_000, maxAmount: 2_500 }, 2_500],
    ['no charge configured', { valueAmount: 10_000, collectedAmount: 0, chargeBps: 0 }, 0],
    ['rounded half up once', { valueAmount: 999, collectedAmount: 0, chargeBps: 5_000 }, 500],
  ])('%s', (_label, input, expected) => {
    expect(noShowChargeAmount(input)).toBe(expected);
  });
});
