import { bookingNotificationQuerySchema, notificationListQuerySchema } from '../../routes/notifications.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const rows = '`{ data: [{ id, bookingId, reservationId, kind, channel, recipient, recipientName, subject, body, status, transport, error, attempts, createdAt, sentAt }], nextCursor }`, oldest first.';

/** The outbox (notifications.routes.ts). */
export const notificationEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/notifications',
    operationId: 'listNotifications',
    summary: 'Every message the organization sent or tried to send',
    description: '`status`: queued, sending, sent, failed (retried, with `error`), skipped (no transport for the channel).',
    tag: 'Notifications',
    authenticated: true,
    permissions: routePermissions.notificationReaders,
    query: notificationListQuerySchema,
    success: { status: 200, description: rows },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/notifications',
    operationId: 'listBookingNotifications',
    summary: 'The messages of one booking',
    description: 'Staff who see the booking get all of them; a participant gets those sent to them.',
    tag: 'Notifications',
    authenticated: true,
    permissions: routePermissions.bookingViewers,
    query: bookingNotificationQuerySchema,
    success: { status: 200, description: rows },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
