import { addParticipantSchema, removeParticipantSchema } from '../../routes/booking-participants.schemas';
import { checkInSchema } from '../../routes/booking-lifecycle.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const updateErrors = ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT', 'WORKFLOW_UNAVAILABLE'] as const;
const answer = 'The booking with `participants` (the active primary first, then in the order they joined).';

/** Participants of a booking (booking-participants.routes.ts): each change is an update of the booking's workflow. */
export const participantEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/participants',
    operationId: 'listBookingParticipants',
    summary: 'The people of a booking',
    tag: 'Participants',
    authenticated: true,
    permissions: routePermissions.bookingViewers,
    success: { status: 200, description: '`{ bookingId, data: [{ id, userId, email, phone, name, role, status, checkedInAt, checkInMethod, createdAt }] }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/participants',
    operationId: 'addBookingParticipant',
    summary: 'Add an observer or guest',
    description: 'By `userId` (a member of the organization) or `email`. `role: primary` only while the booking has no primary (after its primary left under `whenPrimaryCancels: require_new_primary`). The booker or a manager may add people; they see the booking as their own. The new participant gets an email.',
    tag: 'Participants',
    authenticated: true,
    permissions: routePermissions.participantManagers,
    body: addParticipantSchema,
    success: { status: 201, description: answer },
    errors: [...updateErrors, 'ALREADY_EXISTS'],
  },
  {
    method: 'delete',
    path: '/api/v1/bookings/{id}/participants/{participantId}',
    operationId: 'removeBookingParticipant',
    summary: 'Remove an observer or guest',
    description: 'The booker and managers remove anyone but the primary (who cancels the booking instead); a participant may remove themselves.',
    tag: 'Participants',
    authenticated: true,
    permissions: [...routePermissions.participantManagers, 'booking:view_own'],
    body: removeParticipantSchema,
    success: { status: 200, description: answer },
    errors: [...updateErrors],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/participants/{participantId}/check-in',
    operationId: 'checkInBookingParticipant',
    summary: 'Record one participant’s arrival',
    description: 'Inside the check-in window. The first arrival also checks the booking in.',
    tag: 'Participants',
    authenticated: true,
    permissions: routePermissions.checkIn,
    body: checkInSchema,
    success: { status: 200, description: answer },
    errors: [...updateErrors, 'CHECK_IN_NOT_OPEN', 'CHECK_IN_CLOSED'],
  },
];
