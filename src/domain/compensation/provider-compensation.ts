import type { CancelledBy } from '../cancellation/refund-decision';
import { shareOf } from '../shared/money';

/** What providers are owed when their bookings fall through (spec §3.3 ProviderCancellationCompensation, NoShowPolicy). */
export interface ProviderCompensationRules {
  /** From furthest to nearest: the first tier whose minHoursBefore the cancellation is at or beyond applies. */
  whenClientCancels: { tiers: Array<{ minHoursBefore: number; compensationBps: number }> };
  whenOrganizationCancels: { fullCompensation: boolean; partialCompensationBps?: number };
  /** Share of the booking's value a provider gets when the client does not show up. */
  noShowBps: number;
}

/** A compensation owed to the booking's provider, with why. */
export interface CompensationDue {
  reason: 'client_cancelled' | 'organization_cancelled' | 'no_show';
  bps: number;
  amount: number;
}

/**
 * What the provider is owed when a booking worth `expectedAmount` (minor units) is cancelled: by the
 * client, the share of the tier for the hours that were left; by the organization or the system, the
 * full amount or the configured part; by the provider, nothing. Null when nothing is owed.
 */
export function compensationForCancellation(input: { party: CancelledBy; hoursBeforeStart: number; expectedAmount: number; rules: ProviderCompensationRules }): CompensationDue | null {
  const { party, hoursBeforeStart, expectedAmount, rules } = input;
  if (party === 'provider' || expectedAmount <= 0) return null;
  if (party === 'client') {
    const tier = rules.whenClientCancels.tiers.find((t) => hoursBeforeStart >= t.minHoursBefore);
    return tier && tier.compensationBps > 0 ? { reason: 'client_cancelled', bps: tier.compensationBps, amount: shareOf(expectedAmount, tier.compensationBps) } : null;
  }
  const bps = rules.whenOrganizationCancels.fullCompensation ? 10_000 : (rules.whenOrganizationCancels.partialCompensationBps ?? 0);
  return bps > 0 ? { reason: 'organization_cancelled', bps, amount: shareOf(expectedAmount, bps) } : null;
}

/** What the provider is owed when the client does not show up. */
export function compensationForNoShow(expectedAmount: number, rules: ProviderCompensationRules): CompensationDue | null {
  return expectedAmount > 0 && rules.noShowBps > 0 ? { reason: 'no_show', bps: rules.noShowBps, amount: shareOf(expectedAmount, rules.noShowBps) } : null;
}
