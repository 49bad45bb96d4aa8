import { createReservationSchema, holdPaymentSchema } from '../../routes/reservations.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const { bookingWriters } = routePermissions;

const confirm = (method: 'patch' | 'post', operationId: string): Endpoint => ({
  method,
  path: '/api/v1/reservations/{id}/confirm',
  operationId,
  summary: method === 'patch' ? 'Confirm a hold into a booking' : 'Confirm a hold into a booking (POST alias)',
  description: 'The reservation workflow starts a booking workflow, in state confirmed. The booking has the reservation\'s id body (`rs_x` becomes `bk_x`); `Location` names it.',
  tag: 'Reservations',
  authenticated: true,
  permissions: bookingWriters,
  success: { status: 201, description: 'The booking.' },
  errors: ['FORBIDDEN', 'NOT_FOUND', 'RESERVATION_NOT_HELD', 'PAYMENT_REQUIRED', 'WORKFLOW_UNAVAILABLE'],
});

/** Quotes and reservations (reservations.routes.ts). */
export const reservationEndpoints: Endpoint[] = [
  {
    method: 'post',
    path: '/api/v1/quotes',
    operationId: 'quotePrice',
    summary: 'Price a slot before booking it',
    description:
      'Checks the slot as a hold would (service active, bookable active, notice, working hours) and prices it with the template’s `pricing`, line by line: the base (fixed, hourly with minimum and increments, per person with its bounds, tiered by volume, dynamic), each adjustment in order (time of day, specific date or holiday, calendar override, early-bird, last-minute), upsells (checked against their rules and stock), tax (exclusive: added; inclusive: the part already contained) and the deposit with its refund deadline. A stay (`nights`) of a template priced `nightly` is priced night by night: `nightly` (nights × `rateAmount`), then per night its weekday multiplier (`weekday`), specific date (`specific_date`) and calendar day (`calendar_override`), each grouped over the nights it changes alike; from 7 nights `weekly_discount`, from 30 `monthly_discount` instead (never both), off the nights only; then `cleaning_fee` and `service_fee` (kind `fee`). `dueNowAmount` is the deposit when one is required, else the total. `securityDeposit` (`{ amount, releaseAfterHours }`, or null) is held on the card around the booking and is in neither the total nor `dueNowAmount`. All amounts are integer minor units of `currency`; shares round half up once per line, so the lines add up exactly. The same body on `POST /reservations` or `POST /bookings` keeps this quote with the hold and the booking (`price`). Nothing is held.',
    tag: 'Reservations',
    authenticated: true,
    permissions: routePermissions.catalogueReaders,
    body: createReservationSchema,
    success: { status: 200, description: '`{ serviceTemplateId, serviceTemplateVersion, bookableId, startsAt, endsAt, timezone, local, currency, lines: [{ kind, code, description, quantity, unitAmount, amount }], subtotalAmount, taxAmount, totalAmount, taxInclusive, deposit, dueNowAmount, securityDeposit }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SLOT_OUTSIDE_AVAILABILITY', 'SLOT_IN_THE_PAST', 'TEMPLATE_NOT_BOOKABLE', 'BOOKABLE_NOT_BOOKABLE'],
  },
  {
    method: 'post',
    path: '/api/v1/reservations/{id}/payment',
    operationId: 'requestReservationPayment',
    summary: 'The payment intent a hold must be paid with',
    description:
      'For services that take payment first (`lifecycle.confirmation.requirePayment`/`requireDeposit`, or a required `pricing.deposit`): a Stripe PaymentIntent for the quote’s `dueNowAmount`, made once per hold (asking again returns the same). The client pays it with Stripe (the `clientSecret`); Stripe’s event then lets the hold be confirmed, or releases it when the payment fails. Confirming before that answers 402 PAYMENT_REQUIRED. With `useStoreCredit: true` (on the first request of the hold) the booker’s store credit in the hold’s currency pays first: the intent is for the rest, and a hold the credit covers in full is paid at once, without Stripe (`paymentIntentId: null`). Credit spent on a hold that ends unconfirmed is given back.',
    tag: 'Reservations',
    authenticated: true,
    permissions: bookingWriters,
    body: holdPaymentSchema,
    success: { status: 200, description: '`{ paymentIntentId, clientSecret, amount, storeCreditAmount?, currency, kind }`: `amount` is what Stripe charges.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'RESERVATION_NOT_HELD', 'INVALID_TRANSITION', 'PAYMENTS_UNAVAILABLE', 'WORKFLOW_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/v1/reservations/{id}/extend',
    operationId: 'extendReservation',
    summary: 'Hold a slot longer',
    description: 'Pushes `expiresAt` back by the template\'s `lifecycle.reservation.extensionDurationSeconds`, at most `maxExtensions` times (`allowExtension` must be on).',
    tag: 'Reservations',
    authenticated: true,
    permissions: bookingWriters,
    success: { status: 200, description: 'The reservation with its new expiry.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'RESERVATION_NOT_HELD', 'EXTENSION_NOT_ALLOWED', 'CONFLICT', 'WORKFLOW_UNAVAILABLE'],
  },
  {
    method: 'post',
    path: '/api/v1/reservations',
    operationId: 'createReservation',
    summary: 'Hold a slot',
    description: 'The reservation workflow claims the slot before answering. With an `Idempotency-Key` the reservation id derives from it, so a retry lands on the same hold.',
    tag: 'Reservations',
    authenticated: true,
    permissions: bookingWriters,
    body: createReservationSchema,
    success: { status: 201, description: 'The reservation, with `expiresAt`; `Location` names it.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SLOT_UNAVAILABLE', 'SLOT_OUTSIDE_AVAILABILITY', 'SLOT_IN_THE_PAST', 'TEMPLATE_NOT_BOOKABLE', 'BOOKABLE_NOT_BOOKABLE', 'WORKFLOW_UNAVAILABLE', 'CLIENT_BANNED'],
  },
  {
    method: 'get',
    path: '/api/v1/reservations/{id}',
    operationId: 'getReservation',
    summary: 'One hold, with its live workflow state',
    tag: 'Reservations',
    authenticated: true,
    permissions: routePermissions.reservationViewers,
    success: { status: 200, description: 'The reservation, plus `live`: the workflow\'s own state.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'WORKFLOW_UNAVAILABLE'],
  },
  confirm('patch', 'confirmReservation'),
  confirm('post', 'confirmReservationPost'),
  {
    method: 'delete',
    path: '/api/v1/reservations/{id}',
    operationId: 'releaseReservation',
    summary: 'Release a hold',
    tag: 'Reservations',
    authenticated: true,
    permissions: bookingWriters,
    success: { status: 200, description: 'The reservation, released.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'RESERVATION_NOT_HELD', 'WORKFLOW_UNAVAILABLE'],
  },
];
