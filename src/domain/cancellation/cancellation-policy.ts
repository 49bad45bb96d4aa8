import { DomainError } from '../shared/errors';
import type { PrimaryCancellationRule } from '../participants/participants';
import type { CancelledBy } from './refund-decision';

/** Who may cancel and whose cancellation waits for approval (spec §3.3 CancellationConfig). */
export interface CancellationRules {
  allowClientCancellation: boolean;
  allowProviderCancellation: boolean;
  requireApprovalFor: Array<'client' | 'provider'>;
  whenPrimaryCancels: PrimaryCancellationRule;
}

/** Defaults for templates that leave the block out: anyone may cancel, nothing waits. */
export const defaultCancellationRules: CancellationRules = { allowClientCancellation: true, allowProviderCancellation: true, requireApprovalFor: [], whenPrimaryCancels: 'cancel_all' };

/** Refuses a cancellation the template does not allow the client or the provider to make. */
export function assertMayCancel(party: CancelledBy, rules: CancellationRules): void {
  if (party === 'client' && !rules.allowClientCancellation) throw new DomainError('CANCELLATION_NOT_ALLOWED', 'This service cannot be cancelled by the client; contact the business.');
  if (party === 'provider' && !rules.allowProviderCancellation) throw new DomainError('CANCELLATION_NOT_ALLOWED', 'Providers cannot cancel this service; ask a manager.');
}

/** Whether a cancellation by this party only becomes a request that someone must approve. */
export function cancellationNeedsApproval(party: CancelledBy, rules: CancellationRules): boolean {
  return (party === 'client' || party === 'provider') && rules.requireApprovalFor.includes(party);
}
