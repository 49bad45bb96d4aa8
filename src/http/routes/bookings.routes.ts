import Router, { type RouterContext } from '@koa/router';
import { bookingListScope, bookingVisibility } from '../../domain/auth/booking-visibility';
import { cancellingParty } from '../../domain/cancellation/cancelling-party';
import { DomainError } from '../../domain/shared/errors';
import { listBookingEvents } from '../../db/queries/booking-lifecycle.queries';
import { findBooking, listBookings } from '../../db/queries/booking.queries';
import { listParticipants } from '../../db/queries/participant.queries';
import { listPayments, paymentView } from '../../db/queries/payment.queries';
import { findServiceTemplateVersion, type TemplateDefinition } from '../../db/queries/service-template.queries';
import { newId } from '../../ids';
import { cancelBooking, liveBooking } from '../../../temporal/commands/booking.commands';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { ownOrManagedBooking, visibleBooking } from './booking-access';
import { presentBooking } from './booking.presenter';
import { cancelBookingQuerySchema, cancelBookingSchema } from './reservations.schemas';
import { bookingListQuerySchema } from './bookings.schemas';
import { routePermissions } from '../route-permissions';

// The cursor is the last row's (startsAt, id), opaque to clients.
function encodeCursor(booking: { startsAt: Date; id: string }): string {
  return Buffer.from(JSON.stringify([booking.startsAt.toISOString(), booking.id])).toString('base64url');
}

function decodeCursor(cursor: string): { startsAt: Date; id: string } {
  try {
    const [startsAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const date = new Date(startsAt);
    if (Number.isNaN(date.getTime()) || typeof id !== 'string') throw new Error('bad cursor');
    return { startsAt: date, id };
  } catch {
    throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', { fields: [{ path: 'cursor', message: 'invalid cursor' }] });
  }
}

const viewers = routePermissions.bookingViewers;

/** Bookings: list, read (projection + live workflow state) and cancel (spec §9.1). */
export function bookingRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get('/organizations/:orgId/bookings', permit(db, viewers, orgFromPath), async (ctx) => {
    const query = parseInput(bookingListQuerySchema, ctx.query);
    const scope = bookingListScope(bookingVisibility(ctx.state.access!), query.locationId);
    // Someone who may see no bookings (e.g. an API key with the client role: it has no own bookings) gets an empty list.
    if (scope.none || (scope.bookableId && query.bookableId && scope.bookableId !== query.bookableId)) {
      ctx.body = { data: [], nextCursor: null };
      return;
    }
    const page = await listBookings(db, {
      organizationId: ctx.params.orgId!,
      status: query.status,
      bookableId: scope.bookableId ?? query.bookableId,
      participantUserId: query.participantUserId,
      from: query.from,
      to: query.to,
      limit: query.limit + 1,
      after: query.cursor ? decodeCursor(query.cursor) : undefined,
      ownUserId: scope.ownUserId,
      locationIds: scope.locationIds,
    });
    const data = page.slice(0, query.limit);
    ctx.body = { data: data.map(presentBooking), nextCursor: page.length > query.limit ? encodeCursor(data[data.length - 1]!) : null };
  });

  router.get('/bookings/:id', permit(db, viewers, scopeOfRow(db, 'bookings')), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const [definition, live, auditTrail, participants] = await Promise.all([
      findServiceTemplateVersion(db, booking.organizationId, booking.serviceTemplateId, booking.serviceTemplateVersion),
      liveBooking(temporal, booking.id),
      listBookingEvents(db, booking.id),
      listParticipants(db, booking.id),
    ]);
    // The rules the booking was made under: its template version, not whatever the template says today.
    const { workflows: _hooks, ...rules } = definition ?? ({} as Partial<TemplateDefinition>);
    ctx.body = { ...presentBooking(booking), participants, serviceTemplate: { id: booking.serviceTemplateId, version: booking.serviceTemplateVersion, ...rules }, auditTrail, live };
  });

  const cancel = async (ctx: RouterContext<AppState>) => {
    const input = parseInput(cancelBookingSchema, ctx.request.body ?? {});
    const refundAs = input.refundAs ?? parseInput(cancelBookingQuerySchema, ctx.query).refundAs;
    const booking = await ownOrManagedBooking(db, ctx, ctx.params.id!, { assigned: true });
    const access = ctx.state.access!;
    const view = await cancelBooking(temporal, {
      bookingId: booking.id,
      cancelledBy: access.actorId,
      reason: input.reason ?? null,
      party: cancellingParty(access, booking),
      providerId: access.providerId,
      ...(refundAs ? { refundAs } : {}),
      updateId: ctx.state.idempotencyKey ?? `cancel:${newId('booking')}`,
    });
    // A cancellation that needs approval is accepted as a request; the booking stands until someone decides.
    if (view.cancellationRequest) ctx.status = 202;
    ctx.body = presentBooking((await findBooking(db, access.organizationId, booking.id))!);
  };
  router.get('/bookings/:id/payments', permit(db, viewers, scopeOfRow(db, 'bookings')), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    ctx.body = { bookingId: booking.id, data: (await listPayments(db, { bookingId: booking.id, reservationId: booking.reservationId })).map(paymentView) };
  });

  const cancellers = routePermissions.bookingCancellers;
  router.delete('/bookings/:id', permit(db, cancellers, scopeOfRow(db, 'bookings')), cancel);
  router.post('/bookings/:id/cancel', permit(db, cancellers, scopeOfRow(db, 'bookings')), cancel);

  return router;
}
