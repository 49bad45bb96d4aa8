/**
 * A booking's security deposit (behind patch `booking-security-deposit`, only for bookings whose quote has
 * one; rules in src/domain/booking/security-deposit.ts): an amount authorised on the client's saved card
 * and released after the booking, unless staff capture part or all of it.
 *
 * Timers: the hold at max(confirmation, start − 24 h) — an uncaptured authorisation lapses after about
 * seven days, so a booking made weeks ahead is held the day before it starts, not when it is made; the
 * release `releaseAfterHours` after the end. Both are planned again when the booking moves. A pending
 * booking is held once approved. A deposit still needed when its authorisation is about to lapse (a long
 * stay; Stripe's `capture_before`, else seven days) is authorised again and the old authorisation given up
 * (patch `booking-security-deposit-renewal`); the card refusing is recorded and the admins are told.
 * Cancelled (or expired) before the hold: nothing is placed. After: released at once.
 * Declined, or no saved card: recorded as failed (payment.failed), the organization's admins are told
 * through the outbox, and the booking stays confirmed: the deposit protects the business, it is not a
 * condition of the booking, so staff decide what to do.
 * Messages: updates `captureSecurityDeposit`, `releaseSecurityDeposit`. One change to the deposit at a time.
 */
import { condition, log, patched, setHandler } from '@temporalio/workflow';
import { assertCapturable, assertReleasable, renewalAt, securityDepositTimes, type SecurityDepositView } from '../../src/domain/booking/security-deposit';
import { DomainError } from '../../src/domain/shared/errors';
import { databaseActivities as db, notificationActivities, paymentActivities as payments } from '../shared/activity-profiles';
import { activityFailureCode, refusalFromActivity } from '../shared/failures';
import { captureSecurityDepositUpdate, releaseSecurityDepositUpdate, type CaptureSecurityDepositRequest, type ReleaseSecurityDepositRequest } from './booking.contract';
import { asFailure, type BookingRun } from './booking-run';

/** The booking's security deposit: its timers and the staff's capture and release. */
export function createSecurityDeposit(run: BookingRun) {
  const { input, state } = run;
  const rule = run.rules.securityDeposit;
  const enabled = rule !== null && rule.amount > 0 && patched('booking-security-deposit');
  const bookingId = input.bookingId;
  const sending: Promise<unknown>[] = [];
  let deposit: SecurityDepositView | null = null;
  let busy = false;
  let plannedFor = '';

  const cancelled = () => state.status === 'cancelled' || state.status === 'expired';

  /** One change to the deposit at a time; its result is the deposit as it now stands. */
  const exclusive = async (change: () => Promise<SecurityDepositView>): Promise<SecurityDepositView> => {
    busy = true;
    try {
      deposit = await change();
      return deposit;
    } finally {
      busy = false;
    }
  };

  /** Plans the hold and release times for the booking's current times (once per change of them). */
  const planned = async (): Promise<SecurityDepositView> => {
    const times = `${state.startsAt}|${state.endsAt}`;
    if (deposit && plannedFor === times) return deposit;
    await condition(() => !busy);
    const { holdAt, releaseAt } = securityDepositTimes({ now: new Date(), startsAt: new Date(state.startsAt), endsAt: new Date(state.endsAt), releaseAfterHours: rule!.releaseAfterHours });
    plannedFor = times;
    return exclusive(() => db.planSecurityDeposit({ bookingId, amount: rule!.amount, currency: rule!.currency, holdAt: holdAt.toISOString(), releaseAt: releaseAt.toISOString() }));
  };

  const release = (by: string, reason: string | null) => exclusive(() => payments.releaseSecurityDeposit({ bookingId, by, reason }));

  /** Waits for the hold time (and for approval), then holds the deposit; nothing is placed once the booking is cancelled. */
  const hold = async (): Promise<void> => {
    while (deposit?.status === 'scheduled') {
      if (cancelled()) {
        await condition(() => !busy);
        if (deposit?.status === 'scheduled') await release('system', 'The booking was cancelled before its deposit was held.');
        return;
      }
      const seen = { times: `${state.startsAt}|${state.endsAt}`, status: state.status };
      const holdAt = new Date((await planned()).holdAt).getTime();
      const changed = () => `${state.startsAt}|${state.endsAt}` !== seen.times || state.status !== seen.status || deposit?.status !== 'scheduled';
      if (await condition(changed, Math.max(1, holdAt - Date.now()))) continue;
      if (state.status === 'pending') {
        await condition(changed);
        continue;
      }
      await condition(() => !busy);
      if (deposit?.status !== 'scheduled' || cancelled()) continue;
      const placed = await exclusive(() => payments.placeSecurityDepositHold({ bookingId, reservationId: input.reservationId }));
      if (placed.status === 'failed') sending.push(notificationActivities.notifySecurityDepositFailed({ bookingId, reason: placed.failureMessage }).catch(() => undefined));
    }
  };

  /** When the held deposit is authorised again (patch `booking-security-deposit-renewal`), or null. */
  let renewing: boolean | null = null;
  let renewalRefused = false;
  const nextRenewal = (held: SecurityDepositView): number | null => {
    renewing ??= patched('booking-security-deposit-renewal');
    if (!renewing || renewalRefused || !held.heldAt || !held.captureBefore) return null;
    return renewalAt({ heldAt: new Date(held.heldAt), captureBefore: new Date(held.captureBefore), releaseAt: new Date(held.releaseAt) })?.getTime() ?? null;
  };

  /** Authorises the deposit again before its authorisation lapses; a refusal is final and the admins are told. */
  const renew = async (held: SecurityDepositView): Promise<void> => {
    const renewed = await exclusive(() => payments.renewSecurityDepositHold({ bookingId, reservationId: input.reservationId, renewal: held.renewals + 1 }));
    if (renewed.status !== 'held' || renewed.renewals > held.renewals) return;
    renewalRefused = true;
    const reason = `${renewed.failureMessage ?? 'The card refused.'} It was being authorised again because its authorisation lapses at ${held.captureBefore}; after that nothing is held.`;
    sending.push(notificationActivities.notifySecurityDepositFailed({ bookingId, reason }).catch(() => undefined));
  };

  /**
   * Releases the held deposit `releaseAfterHours` after the end (planned again when the booking moves), at
   * once when it is cancelled; authorises it again first whenever its authorisation would lapse before that.
   */
  const releaseLater = async (): Promise<void> => {
    while (deposit?.status === 'held') {
      const seen = `${state.startsAt}|${state.endsAt}`;
      const held = await planned();
      const releaseAt = new Date(held.releaseAt).getTime();
      const renewAt = nextRenewal(held);
      const until = renewAt !== null && renewAt < releaseAt ? renewAt : releaseAt;
      const changed = () => `${state.startsAt}|${state.endsAt}` !== seen || cancelled() || deposit?.status !== 'held';
      if ((await condition(changed, Math.max(1, until - Date.now()))) && !cancelled()) continue;
      await condition(() => !busy);
      if (deposit?.status !== 'held') continue;
      if (until !== releaseAt && !cancelled()) await renew(deposit);
      else await release('system', cancelled() ? 'The booking was cancelled.' : null);
    }
  };

  /**
   * Runs beside the booking: plan, hold, release (or leave it to staff who captured it). Activities retry
   * for a long time; if one still fails, the deposit stays as recorded for staff to see, and the booking goes on.
   */
  const runSecurityDeposit = async (): Promise<void> => {
    if (!enabled) return;
    try {
      await planned();
      await hold();
      await releaseLater();
    } catch (error) {
      log.error('The security deposit stopped', { bookingId, error: error instanceof Error ? error.message : String(error) });
    }
    await Promise.all(sending);
  };

  /**
   * Refuses a change to a deposit this booking does not have, or while another change to it runs. Null
   * while the deposit is first being planned (its row may already show): the change waits for it (`settled`).
   */
  const active = (): SecurityDepositView | null => {
    if (!enabled) throw new DomainError('SECURITY_DEPOSIT_NOT_ACTIVE', 'This booking has no security deposit.');
    if (!deposit) return null;
    if (busy) throw new DomainError('CONFLICT', 'Another change to this security deposit is in progress.');
    return deposit;
  };
  const settled = () => condition(() => deposit !== null && !busy);
  const refusal = (error: unknown) => {
    throw refusalFromActivity(error);
  };

  // Stripe no longer holding it (a lapsed authorisation) is recorded as released by the activity; the refusal follows.
  const lapsed = (error: unknown) => {
    if (activityFailureCode(error) === 'SECURITY_DEPOSIT_NOT_ACTIVE' && deposit) deposit = { ...deposit, status: 'released', releasedAmount: deposit.amount };
    return refusal(error);
  };
  // Checked when the update arrives, and again once a deposit still being planned is known.
  setHandler(
    captureSecurityDepositUpdate,
    async (request) => {
      await settled();
      // Checked again: another change may have started the moment the deposit was known.
      asFailure(() => assertCapturable(active()!, request.amount));
      return exclusive(() => payments.captureSecurityDeposit({ bookingId, ...request })).catch(lapsed);
    },
    {
      validator: (request: CaptureSecurityDepositRequest) =>
        asFailure(() => {
          const current = active();
          if (current) assertCapturable(current, request.amount);
        }),
    },
  );
  setHandler(
    releaseSecurityDepositUpdate,
    async (request) => {
      await settled();
      asFailure(() => assertReleasable(active()!));
      return release(request.by, request.reason).catch(refusal);
    },
    {
      validator: (_request: ReleaseSecurityDepositRequest) =>
        asFailure(() => {
          const current = active();
          if (current) assertReleasable(current);
        }),
    },
  );

  return { enabled, runSecurityDeposit };
}
