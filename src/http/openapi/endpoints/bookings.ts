import { cancelBookingQuerySchema, cancelBookingSchema, createReservationSchema } from '../../routes/reservations.schemas';
import { bookingListQuerySchema } from '../../routes/bookings.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const { bookingViewers: viewers, bookingCancellers: cancellers } = routePermissions;


const cancel = (method: 'delete' | 'post', path: string, operationId: string): Endpoint => ({
  method,
  path,
  operationId,
  summary: method === 'delete' ? 'Cancel a booking' : 'Cancel a booking (POST alias)',
  description:
    'The booker may cancel their own booking (as the client), a provider member the bookings of their provider, managers any in their scope. The slot is free again and the refund decision is recorded. A party the template names in `requireApprovalFor` gets 202 with a `cancellationRequest` instead, until a manager approves or declines it. When the primary participant cancels while others take part, `whenPrimaryCancels` decides: cancel all, transfer to the first observer, or keep the booking until someone becomes its primary (cancelled at its start otherwise). `refundAs: store_credit` (body, or query for DELETE) takes the refund as store credit with the tier’s bonus instead of a refund to the payment, where the refund tier offers it (`offerStoreCredit`), else 422 STORE_CREDIT_NOT_OFFERED and nothing changes. A late cancellation’s fee beyond what was paid is charged to the card saved with the payment (`kind: charge`, `reason: late_cancellation_fee`).',
  tag: 'Bookings',
  authenticated: true,
  permissions: cancellers,
  body: cancelBookingSchema,
  ...(method === 'delete' ? { query: cancelBookingQuerySchema } : {}),
  success: { status: 200, description: 'The booking, cancelled (or handed to the other participants); 202 with `cancellationRequest` when it waits for approval.' },
  errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'CANCELLATION_NOT_ALLOWED', 'STORE_CREDIT_NOT_OFFERED', 'CONFLICT', 'WORKFLOW_UNAVAILABLE'],
});

/** Bookings (bookings.routes.ts; the one-step create lives in reservations.routes.ts). */
export const bookingEndpoints: Endpoint[] = [
  {
    method: 'post',
    path: '/api/v1/bookings',
    operationId: 'createBooking',
    summary: 'Book a slot in one step',
    description:
      'Holds the slot and confirms it at once (the same reservation and booking workflows as `POST /reservations` + confirm, so the booking has a reservation too). With an `Idempotency-Key` a retry lands on the same booking. Services without auto-confirm answer a `pending` booking.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingWriters,
    body: createReservationSchema,
    success: { status: 201, description: 'The booking; `Location` names it.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SLOT_UNAVAILABLE', 'SLOT_OUTSIDE_AVAILABILITY', 'SLOT_IN_THE_PAST', 'TEMPLATE_NOT_BOOKABLE', 'BOOKABLE_NOT_BOOKABLE', 'RESERVATION_NOT_HELD', 'WORKFLOW_UNAVAILABLE', 'CLIENT_BANNED'],
  },
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/bookings',
    operationId: 'listBookings',
    summary: 'Bookings you may see, keyset-paginated',
    description: 'Clients see their own; location-limited staff their locations\'. Pass `nextCursor` back as `cursor` for the next page.',
    tag: 'Bookings',
    authenticated: true,
    permissions: viewers,
    query: bookingListQuerySchema,
    success: { status: 200, description: '`{ data: [booking], nextCursor }` (`nextCursor` is null on the last page).' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/bookings/{id}',
    operationId: 'getBooking',
    summary: 'One booking, with its live workflow state',
    tag: 'Bookings',
    authenticated: true,
    permissions: viewers,
    success: { status: 200, description: 'The booking from the database projection, plus `live`: the workflow\'s own state.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'WORKFLOW_UNAVAILABLE'],
  },
  cancel('delete', '/api/v1/bookings/{id}', 'cancelBooking'),
  cancel('post', '/api/v1/bookings/{id}/cancel', 'cancelBookingPost'),
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/payments',
    operationId: 'listBookingPayments',
    summary: 'The money of a booking',
    description: 'Its ledger: the payment taken for its hold (deposit or full price, with its Stripe payment intent and status) and refunds paid back when it was cancelled.',
    tag: 'Bookings',
    authenticated: true,
    permissions: viewers,
    success: { status: 200, description: '`{ bookingId, data: [{ id, kind, status, amount, currency, stripePaymentIntentId, stripeRefundId, failureCode, failureMessage, createdAt }] }`, oldest first.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
