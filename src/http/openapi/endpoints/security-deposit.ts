import { captureSecurityDepositSchema, releaseSecurityDepositSchema } from '../../routes/security-deposit.schemas';
import { routePermissions } from '../../route-permissions';
import type { Endpoint } from '../endpoint';

const depositDescription =
  '`{ bookingId, status, amount, currency, capturedAmount, releasedAmount, holdAt, heldAt, releaseAt, releasedAt, capturedAt, captureReason, stripePaymentIntentId, captureBefore, renewals, failureCode, failureMessage }`. `captureBefore`: when the current authorisation lapses at Stripe (its charge’s `capture_before`, else seven days after `heldAt`); `renewals`: how often it was authorised again because it would have lapsed before `releaseAt` (`heldAt` and `stripePaymentIntentId` then name the newest authorisation). A held deposit with `failureCode` set is one whose renewal the card refused: it stays held until `captureBefore` and is not tried again. `status`: `scheduled` (nothing on the card yet; held at `holdAt`), `held` (authorised on the card, released at `releaseAt`), `captured` (staff took `capturedAmount`; the rest, `releasedAmount`, went back), `released` (given up; with `heldAt` null nothing was ever placed) or `failed` (declined, or no saved card: `failureCode`, e.g. `card_declined`, `no_saved_card`). Amounts in minor units of `currency`; times UTC.';

const timing =
  'A booking whose quote has a `securityDeposit` (template `pricing.securityDeposit`) has it authorised on the card saved when its hold was paid (a Stripe PaymentIntent with manual capture, off-session) at max(confirmation, start − 24 h): card authorisations lapse after about seven days, so a booking made weeks ahead is held the day before it starts. A deposit still needed a day before its authorisation lapses (a long stay) is authorised again on the same card and the old authorisation cancelled (ledger: a `security_deposit_release` with reason `renewed before the authorisation lapsed`, then a new `security_deposit_hold`; `deposit.hold_placed` again); an extended authorisation (up to 30 days, requested where the card allows it) is renewed only if it too would lapse first. It is released `releaseAfterHours` after the end (a stay’s check-out), at once when the booking is cancelled (nothing is placed when it is cancelled before), unless staff captured it. A declined card is recorded (`payment.failed`), the organization’s admins are told, and the booking stays confirmed.';

/** A booking's security deposit (security-deposit.routes.ts). */
export const securityDepositEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/security-deposit',
    operationId: 'getSecurityDeposit',
    summary: 'A booking’s security deposit: scheduled, held, captured, released or failed',
    description: `${timing} 404 when the booking has no security deposit.`,
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingViewers,
    success: { status: 200, description: depositDescription },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/security-deposit/capture',
    operationId: 'captureSecurityDeposit',
    summary: 'Take part or all of a held security deposit',
    description:
      'Captures `amount` (minor units, at most what is held) of the held deposit, once, with a `reason`; Stripe releases the rest of the authorisation. Ledger rows `security_deposit_capture` (and `security_deposit_release` for the rest) in `GET /bookings/{id}/payments`; events `payment.received` and, for a rest, `deposit.released`. 409 SECURITY_DEPOSIT_NOT_ACTIVE when no deposit is held (not yet, failed, already captured or released); 400 above the amount held. Send an `Idempotency-Key`: a retry with it gets the same answer.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.securityDepositManagers,
    body: captureSecurityDepositSchema,
    success: { status: 200, description: depositDescription },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SECURITY_DEPOSIT_NOT_ACTIVE', 'CONFLICT', 'WORKFLOW_UNAVAILABLE', 'PAYMENTS_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/security-deposit/release',
    operationId: 'releaseSecurityDeposit',
    summary: 'Release a held security deposit now, or waive a scheduled one',
    description:
      'A held deposit is released at once (the PaymentIntent is cancelled; ledger row `security_deposit_release`, event `deposit.released`); a scheduled one is never placed. 409 SECURITY_DEPOSIT_NOT_ACTIVE when it is already captured, released or failed. Send an `Idempotency-Key`: a retry with it gets the same answer.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.securityDepositManagers,
    body: releaseSecurityDepositSchema,
    success: { status: 200, description: depositDescription },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SECURITY_DEPOSIT_NOT_ACTIVE', 'CONFLICT', 'WORKFLOW_UNAVAILABLE', 'PAYMENTS_UNAVAILABLE'],
  },
];
