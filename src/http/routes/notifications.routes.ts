import Router from '@koa/router';
import { isAllowed } from '../../domain/auth/permissions';
import { listNotifications } from '../../db/queries/notification.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { visibleBooking } from './booking-access';
import { bookingNotificationQuerySchema, notificationListQuerySchema } from './notifications.schemas';
import { routePermissions } from '../route-permissions';

/** What was sent (the outbox): an organization's messages, or one booking's. */
export function notificationRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  const page = async (filter: Parameters<typeof listNotifications>[1]) => {
    const rows = await listNotifications(db, { ...filter, limit: filter.limit + 1 });
    const data = rows.slice(0, filter.limit);
    return { data, nextCursor: rows.length > filter.limit ? data[data.length - 1]!.id : null };
  };

  router.get('/organizations/:orgId/notifications', permit(db, routePermissions.notificationReaders, orgFromPath), async (ctx) => {
    const query = parseInput(notificationListQuerySchema, ctx.query);
    ctx.body = await page({ organizationId: ctx.params.orgId!, bookingId: query.bookingId, status: query.status, channel: query.channel, limit: query.limit, afterId: query.cursor });
  });

  router.get('/bookings/:id/notifications', permit(db, routePermissions.bookingViewers, scopeOfRow(db, 'bookings')), async (ctx) => {
    const query = parseInput(bookingNotificationQuerySchema, ctx.query);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const access = ctx.state.access!;
    // Staff who manage the booking see every message; a participant sees the ones sent to them.
    const manages = isAllowed(access, ['booking:manage_org', 'booking:manage_location', 'booking:view_location'], { locationId: booking.locationId });
    const recipient = manages ? undefined : ((await db('users').where({ id: access.userId ?? '' }).first('email'))?.email ?? '');
    ctx.body = await page({ organizationId: booking.organizationId, bookingId: booking.id, recipient, status: query.status, channel: query.channel, limit: query.limit, afterId: query.cursor });
  });

  return router;
}
