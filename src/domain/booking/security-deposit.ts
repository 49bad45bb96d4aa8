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
 * A deposit still needed after its authorisation lapses (a long stay, a late release) is authorised again
 * a day before the lapse and the old authorisation given up (`renewalAt`).
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
  /** When the current authorisation lapses at Stripe (null while nothing is held). */
  captureBefore: string | null;
  /** How often the deposit was authorised again because its authorisation was about to lapse. */
  renewals: number;
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

/** How long an online card authorisation lives when Stripe does not say (its charge's `capture_before`). */
export const AUTHORISATION_DAYS = 7;
/** How long before its authorisation lapses a deposit still needed is authorised again. */
export const RENEWAL_LEAD_HOURS = 24;

/** When an authorisation placed at `heldAt` lapses: when Stripe says, else AUTHORISATION_DAYS later. */
export function authorisationLapsesAt(heldAt: Date, captureBefore: Date | null): Date {
  return captureBefore && captureBefore.getTime() > heldAt.getTime() ? captureBefore : new Date(heldAt.getTime() + AUTHORISATION_DAYS * 24 * HOUR_MS);
}

/**
 * When a held deposit is authorised again: RENEWAL_LEAD_HOURS before its authorisation lapses (a quarter
 * of its life before, for one shorter than four days), when it is not released by then; else null.
 */
export function renewalAt(deposit: { heldAt: Date; captureBefore: Date; releaseAt: Date }): Date | null {
  const life = deposit.captureBefore.getTime() - deposit.heldAt.getTime();
  const at = deposit.captureBefore.getTime() - Math.min(RENEWAL_LEAD_HOURS * HOUR_MS, life / 4);
  return deposit.releaseAt.getTime() > at ? new Date(at) : null;
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
