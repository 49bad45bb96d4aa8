import type { Permission } from '../../../domain/auth/permissions';
import type { ErrorCode } from '../../../domain/shared/errors';
import { checkInSchema, rescheduleSchema, reviewSchema, transitionNoteSchema } from '../../routes/booking-lifecycle.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const transitionErrors: ErrorCode[] = ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT', 'WORKFLOW_UNAVAILABLE'];

const action = (path: string, operationId: string, summary: string, permissions: readonly Permission[], body: Endpoint['body'], errors: ErrorCode[] = transitionErrors, description?: string): Endpoint => ({
  method: 'post',
  path: `/api/v1/bookings/{id}/${path}`,
  operationId,
  summary,
  ...(description ? { description } : {}),
  tag: 'Bookings',
  authenticated: true,
  permissions,
  body,
  success: { status: 200, description: 'The booking after the transition.' },
  errors,
});

/** Lifecycle of a booking (booking-lifecycle.routes.ts): each is an update of its workflow. */
export const bookingLifecycleEndpoints: Endpoint[] = [
  action('approve', 'approveBooking', 'Approve a pending booking', routePermissions.bookingApprovers, transitionNoteSchema, transitionErrors, 'For services without auto-confirm; a pending booking not approved by its deadline expires.'),
  action('reject', 'rejectBooking', 'Reject a pending booking', routePermissions.bookingApprovers, transitionNoteSchema, transitionErrors, 'The booking is cancelled by the business and its time freed.'),
  action('cancellation-request/approve', 'approveCancellationRequest', 'Approve a cancellation waiting for approval', routePermissions.bookingApprovers, transitionNoteSchema, transitionErrors, 'For templates whose `cancellation.requireApprovalFor` names the party that asked. The booking is cancelled as of the request: its refund is decided for the time the client asked.'),
  action('cancellation-request/decline', 'declineCancellationRequest', 'Decline a cancellation waiting for approval', routePermissions.bookingApprovers, transitionNoteSchema, transitionErrors, 'The booking stays as it is; the decision is in the audit trail.'),
  action('check-in', 'checkInBooking', 'Record the client’s arrival', routePermissions.checkIn, checkInSchema, [...transitionErrors, 'CHECK_IN_NOT_OPEN', 'CHECK_IN_CLOSED'], 'Inside the template’s check-in window (opens `openMinutesBefore` the start unless early check-in is allowed, closes `closeMinutesAfter` it).'),
  action('complete', 'completeBooking', 'Record that the service was delivered', routePermissions.bookingFinishers, transitionNoteSchema, transitionErrors, 'From checked_in. Frees the remaining time.'),
  action('no-show', 'markBookingNoShow', 'Record that the client did not come', routePermissions.bookingFinishers, transitionNoteSchema, transitionErrors, 'From confirmed. Frees the time.'),
  action('review', 'reviewBooking', 'Review a completed booking', ['booking:view_own'], reviewSchema, transitionErrors, 'Only the booker may review.'),
  {
    method: 'patch',
    path: '/api/v1/bookings/{id}',
    operationId: 'rescheduleBooking',
    summary: 'Reschedule a booking',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingReschedulers,
    body: rescheduleSchema,
    success: { status: 200, description: 'The booking at its new time.' },
    description:
      'Moves the booking to `startsAt` with the same service, bookables and length, planned by the availability engine with the rules of the template version it was booked with: every one of its bookables must be open for the appointment, free for it and its buffers (the booking\'s own time does not count), and within notice, advance and per-day limits; a refusal names the reason and, as `requirementKey`, the bookable that cannot take it. A stay keeps its number of nights. The new time is claimed and the old released in one transaction: a taken slot answers 409 and the booking keeps its time. A client moving their own booking owes the template’s `rescheduleFeeAmount` (added to `rescheduleFeesAmount`).',
    errors: [...transitionErrors, 'SLOT_UNAVAILABLE', 'SLOT_OUTSIDE_AVAILABILITY', 'SLOT_IN_THE_PAST', 'RESCHEDULE_NOT_ALLOWED', 'RESCHEDULE_DEADLINE_PASSED', 'BOOKABLE_NOT_BOOKABLE'],
  },
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/audit-trail',
    operationId: 'getBookingAuditTrail',
    summary: 'Every transition of a booking',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingViewers,
    success: { status: 200, description: '`{ bookingId, data: [{ event, fromStatus, toStatus, actor, reason, details, occurredAt }] }`, oldest first.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
