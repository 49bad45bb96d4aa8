import { shareOf } from '../shared/money';
import type { QuoteLine } from './quote-types';

/** A rule that changes the running price; `deltaOn` gives the change for a running amount. */
export interface PriceAdjustment {
  kind: 'adjustment' | 'discount';
  code: string;
  description: string;
  deltaOn: (runningAmount: number) => number;
}

/** `×1.5` for 15000 basis points. */
export function formatMultiplier(multiplierBps: number): string {
  return `×${multiplierBps / 10_000}`;
}

/** `12.5 %` for 1250 basis points. */
export function formatPercent(bps: number): string {
  return `${bps / 100} %`;
}

/** A multiplier adjustment (delta = running × multiplier − running, rounded half up); none when it is ×1. */
export function multiplierAdjustment(code: string, description: string, multiplierBps: number): PriceAdjustment[] {
  if (multiplierBps === 10_000) return [];
  return [{ kind: 'adjustment', code, description: `${description} ${formatMultiplier(multiplierBps)}`, deltaOn: (running) => shareOf(running, multiplierBps) - running }];
}

/**
 * Applies adjustments in order, each on the amount left by the ones before, as lines of their deltas.
 * A delta never takes the running amount below 0.
 */
export function applyAdjustments(baseAmount: number, adjustments: PriceAdjustment[]): QuoteLine[] {
  let running = baseAmount;
  return adjustments.map(({ kind, code, description, deltaOn }) => {
    const delta = Math.max(deltaOn(running), -running);
    running += delta;
    return { kind, code, description, quantity: 1, unitAmount: delta, amount: delta };
  });
}
