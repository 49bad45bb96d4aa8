import type { Knex } from 'knex';
import { savedCard } from '../src/db/queries/payment.queries';
import {
  findSecurityDeposit,
  planSecurityDeposit,
  recordDepositCaptured,
  recordDepositFailed,
  recordDepositHeld,
  recordDepositReleased,
  recordDepositRenewed,
  recordRenewalRefused,
  securityDepositView,
  type SecurityDepositRow,
} from '../src/db/queries/security-deposit.queries';
import { assertCapturable, assertReleasable, type SecurityDepositView } from '../src/domain/booking/security-deposit';
import { DomainError } from '../src/domain/shared/errors';
import type { PaymentGateway } from '../src/payments/stripe-gateway';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';
import { asActivityFailure } from './activity-failure';

/** Dependencies of the security deposit activities; `gateway` is null when the platform has no Stripe account configured. */
export interface SecurityDepositActivityDeps {
  db: Knex;
  gateway: PaymentGateway | null;
  events: EventDispatcher;
}

/**
 * Activities that hold, capture and release a booking's security deposit through Stripe (a PaymentIntent
 * with manual capture on the card saved when the hold was paid). Each Stripe call is keyed by the booking
 * and what it does (`security-deposit-hold|capture|release:<bookingId>`), and the ledger by the same key,
 * so a retry after a crash gets Stripe's first answer back and records it once.
 */
export function createSecurityDepositActivities({ db, gateway, events }: SecurityDepositActivityDeps) {
  const stripe = (): Promise<PaymentGateway> =>
    asActivityFailure(async () => {
      if (!gateway) throw new DomainError('PAYMENTS_UNAVAILABLE', 'Payments are not set up on this platform (STRIPE_SECRET_KEY).');
      return gateway;
    });
  const deposit = (bookingId: string): Promise<SecurityDepositRow> =>
    asActivityFailure(async () => {
      const row = await findSecurityDeposit(db, bookingId);
      if (!row) throw new DomainError('SECURITY_DEPOSIT_NOT_ACTIVE', 'This booking has no security deposit.');
      return row;
    });
  const handedOn = async (bookingId: string, row: SecurityDepositRow): Promise<SecurityDepositView> => {
    await events.dispatchPending({ bookingId });
    return securityDepositView(row);
  };

  return {
    /** Records when the deposit is held and released (again after a reschedule); the deposit as it now stands. */
    async planSecurityDeposit(input: { bookingId: string; amount: number; currency: string; holdAt: string; releaseAt: string }): Promise<SecurityDepositView> {
      await planSecurityDeposit(db, { ...input, holdAt: new Date(input.holdAt), releaseAt: new Date(input.releaseAt) });
      return securityDepositView(await deposit(input.bookingId));
    },

    /**
     * Authorises the deposit on the card saved with the booking's payment, off-session. Declined, or
     * without a saved card (`no_saved_card`), it is recorded as failed and reported as payment.failed.
     */
    async placeSecurityDepositHold(input: { bookingId: string; reservationId: string | null }): Promise<SecurityDepositView> {
      const planned = await deposit(input.bookingId);
      if (planned.status !== 'scheduled') return securityDepositView(planned);
      const idempotencyKey = `security-deposit-hold:${input.bookingId}`;
      const card = await savedCard(db, input);
      if (!card) {
        const failed = await recordDepositFailed(db, { bookingId: input.bookingId, paymentIntentId: null, failureCode: 'no_saved_card', failureMessage: 'The client has no saved card to hold the deposit on.', idempotencyKey });
        return handedOn(input.bookingId, failed);
      }
      const held = await (await stripe()).holdOnSavedCard({
        ...card,
        amount: planned.amount,
        currency: planned.currency,
        metadata: { organizationId: planned.organizationId, bookingId: input.bookingId, purpose: 'security_deposit' },
        idempotencyKey,
        description: `Security deposit for ${input.bookingId}`,
      });
      const row =
        held.outcome === 'held'
          ? await recordDepositHeld(db, { bookingId: input.bookingId, paymentIntentId: held.paymentIntentId, captureBefore: held.captureBefore, card, idempotencyKey })
          : await recordDepositFailed(db, { bookingId: input.bookingId, paymentIntentId: held.paymentIntentId, failureCode: held.failureCode, failureMessage: held.failureMessage, idempotencyKey });
      return handedOn(input.bookingId, row);
    },

    /**
     * Authorises the held deposit again before its authorisation lapses (its `renewal`th time), on the same
     * saved card, then gives the old authorisation up (each call keyed by the booking and the renewal's number). Refused by the
     * card: the deposit stays held on the old authorisation until it lapses, and the refusal is recorded.
     */
    async renewSecurityDepositHold(input: { bookingId: string; reservationId: string | null; renewal: number }): Promise<SecurityDepositView> {
      const current = await deposit(input.bookingId);
      // A retry after the renewal was recorded finds it done.
      if (current.status !== 'held' || current.renewalFailedAt || current.renewals >= input.renewal) return securityDepositView(current);
      const { renewal } = input;
      const key = `${input.bookingId}:renewal-${renewal}`;
      const card = await savedCard(db, input);
      if (!card) return handedOn(input.bookingId, await recordRenewalRefused(db, { bookingId: input.bookingId, renewal, paymentIntentId: null, failureCode: 'no_saved_card', failureMessage: 'The client has no saved card to hold the deposit on again.' }));
      const gateway = await stripe();
      const held = await gateway.holdOnSavedCard({
        ...card,
        amount: current.amount,
        currency: current.currency,
        metadata: { organizationId: current.organizationId, bookingId: input.bookingId, purpose: 'security_deposit', renewal: String(renewal) },
        idempotencyKey: `security-deposit-hold:${key}`,
        description: `Security deposit for ${input.bookingId} (renewed)`,
      });
      if (held.outcome === 'declined') {
        return handedOn(input.bookingId, await recordRenewalRefused(db, { bookingId: input.bookingId, renewal, paymentIntentId: held.paymentIntentId, failureCode: held.failureCode, failureMessage: held.failureMessage }));
      }
      await gateway.releaseHold({ paymentIntentId: current.stripePaymentIntentId!, idempotencyKey: `security-deposit-release:${key}` });
      return handedOn(input.bookingId, await recordDepositRenewed(db, { bookingId: input.bookingId, renewal, previousPaymentIntentId: current.stripePaymentIntentId!, paymentIntentId: held.paymentIntentId, captureBefore: held.captureBefore, card }));
    },

    /** Takes `amount` of the held deposit (once); Stripe releases the rest of the authorisation. */
    async captureSecurityDeposit(input: { bookingId: string; amount: number; reason: string | null; by: string }): Promise<SecurityDepositView> {
      const held = await deposit(input.bookingId);
      if (held.status === 'captured') return securityDepositView(held);
      await asActivityFailure(async () => assertCapturable(held, input.amount));
      const idempotencyKey = `security-deposit-capture:${input.bookingId}`;
      const captured = await (await stripe()).captureHold({ paymentIntentId: held.stripePaymentIntentId!, amount: input.amount, idempotencyKey, metadata: { bookingId: input.bookingId, ...(input.reason ? { reason: input.reason } : {}) } });
      if (captured.outcome === 'not_capturable') {
        // Stripe no longer holds it (the authorisation lapsed, or it was cancelled there): the money is back with the client.
        const lapsed = await recordDepositReleased(db, { bookingId: input.bookingId, by: 'stripe', reason: `The authorisation is no longer held at Stripe (${captured.status}).`, idempotencyKey: `security-deposit-release:${input.bookingId}` });
        await handedOn(input.bookingId, lapsed);
        return asActivityFailure(async () => {
          throw new DomainError('SECURITY_DEPOSIT_NOT_ACTIVE', 'Stripe no longer holds this security deposit: its authorisation lapsed or was cancelled, so nothing can be captured.', { status: lapsed.status });
        });
      }
      return handedOn(input.bookingId, await recordDepositCaptured(db, { ...input, idempotencyKey }));
    },

    /** Gives the deposit up: a held one is cancelled at Stripe; a scheduled one is simply never placed. */
    async releaseSecurityDeposit(input: { bookingId: string; by: string; reason: string | null }): Promise<SecurityDepositView> {
      const current = await deposit(input.bookingId);
      if (current.status === 'released') return securityDepositView(current);
      await asActivityFailure(async () => assertReleasable(current));
      const idempotencyKey = `security-deposit-release:${input.bookingId}`;
      if (current.status === 'held') await (await stripe()).releaseHold({ paymentIntentId: current.stripePaymentIntentId!, idempotencyKey });
      return handedOn(input.bookingId, await recordDepositReleased(db, { ...input, idempotencyKey }));
    },
  };
}
