import { DomainError } from '../shared/errors';

/**
 * A booking's security deposit (spec §7.3 `securityDeposit`): an amount authorised on the client's saved
 * card, never charged unless staff capture part or all of it.
 *
 * States: scheduled (planned, nothing on the card yet) → held (authorised) → captured (staff took part or
 * all; Stripe releases the rest) or released (given up: automatically after the booking, at once when it is
 * cancelled, or by staff). Released while still scheduled means nothing was ever placed. failed: the card
 * declined the authorisation, or there was no saved card.
 *
 * Timing: held at max(confirmation, start − 24 h). Card networks let an uncaptured authorisation lapse after
 * about seven days, so a booking made weeks ahead is not held at booking time but the day before it starts.
 * Released `releaseAfterHours` after the end (a stay's check-out), when damage would have been found.
 */

export const securityDepositStatuses = ['scheduled', 'held', 'captured', 'released', 'failed'] as const;
export type SecurityDepositStatus = (typeof securityDepositStatuses)[number];

/** A booking's security deposit as the API, events and the booking workflow show it; times are UTC ISO-8601. */
export interface SecurityDepositView {
  status: SecurityDepositStatus;
  amount: number;
  currency: string;
  capturedAmount: number;
  releasedAmount: number;
  /** When it is (or was to be) held. */
  holdAt: string;
  heldAt: string | null;
  /** When it is released if nobody captures it. */
  releaseAt: string;
  releasedAt: string | null;
  capturedAt: string | null;
  captureReason: string | null;
  stripePaymentIntentId: string | null;
  failureCode: string | null;
  failureMessage: string | null;
}

/** How long before the start the deposit is held. */
export const HOLD_LEAD_HOURS = 24;
const HOUR_MS = 3_600_000;

/** When the deposit is held and when it is released, for a booking as it stands `now`. */
export function securityDepositTimes(booking: { now: Date; startsAt: Date; endsAt: Date; releaseAfterHours: number }): { holdAt: Date; releaseAt: Date } {
  const holdAt = Math.max(booking.now.getTime(), booking.startsAt.getTime() - HOLD_LEAD_HOURS * HOUR_MS);
  return { holdAt: new Date(holdAt), releaseAt: new Date(booking.endsAt.getTime() + booking.releaseAfterHours * HOUR_MS) };
}

const notActive = (status: SecurityDepositStatus, what: string) =>
  new DomainError('SECURITY_DEPOSIT_NOT_ACTIVE', `No security deposit is ${what} for this booking; it is ${status}.`, { status });

/** Staff may capture a held deposit once, at most what is held. */
export function assertCapturable(deposit: { status: SecurityDepositStatus; amount: number }, amount: number): void {
  if (deposit.status !== 'held') throw notActive(deposit.status, 'held');
  if (amount > deposit.amount) throw new DomainError('VALIDATION_FAILED', `At most the ${deposit.amount} held can be captured.`, { fields: [{ path: 'amount', message: `must be at most the amount held (${deposit.amount})` }] });
}

/** Staff may release a held deposit, or waive a scheduled one before it is placed. */
export function assertReleasable(deposit: { status: SecurityDepositStatus }): void {
  if (deposit.status !== 'held' && deposit.status !== 'scheduled') throw notActive(deposit.status, 'held or scheduled');
}
