import Router, { type RouterContext } from '@koa/router';
import { isAllowed } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import { findBooking, type BookingRecord } from '../../db/queries/booking.queries';
import { listParticipants } from '../../db/queries/participant.queries';
import { derivedId, newId } from '../../ids';
import { updateBooking } from '../../../temporal/commands/booking.commands';
import { addParticipantUpdate, checkInParticipantUpdate, removeParticipantUpdate } from '../../../workflows/booking/booking.contract';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { ownOrManagedBooking, visibleBooking } from './booking-access';
import { presentBooking } from './booking.presenter';
import { addParticipantSchema, removeParticipantSchema } from './booking-participants.schemas';
import { checkInSchema } from './booking-lifecycle.schemas';
import { routePermissions } from '../route-permissions';

const { bookingViewers: viewers, participantManagers: managers, checkIn: checkers } = routePermissions;

/** The people of a booking (spec §4, booking_participants): list, add, remove, check in. */
export function bookingParticipantRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scope = scopeOfRow(db, 'bookings');
  const updateIdOf = (ctx: RouterContext<AppState>, what: string) => ctx.state.idempotencyKey ?? `${what}:${newId('participant')}`;
  const answer = async (ctx: RouterContext<AppState>, booking: BookingRecord) => {
    ctx.body = { ...presentBooking((await findBooking(db, booking.organizationId, booking.id))!), participants: await listParticipants(db, booking.id) };
  };

  router.get('/bookings/:id/participants', permit(db, viewers, scope), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    ctx.body = { bookingId: booking.id, data: await listParticipants(db, booking.id) };
  });

  router.post('/bookings/:id/participants', permit(db, managers, scope), async (ctx) => {
    const input = parseInput(addParticipantSchema, ctx.request.body);
    const booking = await ownOrManagedBooking(db, ctx, ctx.params.id!);
    const access = ctx.state.access!;
    // A participant named by user id must belong to the organization; their account gives the email and name.
    const user = input.userId
      ? await db('organization_memberships as m').join('users as u', 'u.id', 'm.user_id').where({ 'm.organization_id': access.organizationId, 'm.user_id': input.userId, 'm.status': 'active' }).first('u.id', 'u.email', 'u.name')
      : undefined;
    if (input.userId && !user) throw new DomainError('VALIDATION_FAILED', 'That user is not a member of this organization.', { fields: [{ path: 'userId', message: 'not a member of this organization' }] });
    const key = ctx.state.idempotencyKey;
    const participantId = key ? derivedId('participant', access.actorId, booking.id, key) : newId('participant');
    await updateBooking(
      temporal,
      booking.id,
      addParticipantUpdate,
      { by: access.actorId, participantId, userId: user?.id ?? null, email: input.email ?? user?.email ?? null, phone: input.phone ?? null, name: input.name ?? user?.name ?? null, role: input.role },
      updateIdOf(ctx, 'add-participant'),
    );
    ctx.status = 201;
    await answer(ctx, booking);
  });

  router.delete('/bookings/:id/participants/:participantId', permit(db, [...managers, 'booking:view_own'], scope), async (ctx) => {
    const { reason } = parseInput(removeParticipantSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const access = ctx.state.access!;
    // The booker and managers remove anyone; a participant may leave by themselves.
    const leaving = (await listParticipants(db, booking.id)).find((p) => p.id === ctx.params.participantId);
    const manages = isAllowed(access, ['booking:manage_org', 'booking:manage_location'], { locationId: booking.locationId });
    const mayRemove = manages || booking.bookerUserId === access.userId || (leaving?.userId != null && leaving.userId === access.userId);
    if (!leaving || !mayRemove) throw new DomainError('NOT_FOUND', 'Not found.');
    await updateBooking(temporal, booking.id, removeParticipantUpdate, { by: access.actorId, participantId: leaving.id, reason: reason ?? null }, updateIdOf(ctx, 'remove-participant'));
    await answer(ctx, booking);
  });

  router.post('/bookings/:id/participants/:participantId/check-in', permit(db, checkers, scope), async (ctx) => {
    const { method } = parseInput(checkInSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    await updateBooking(temporal, booking.id, checkInParticipantUpdate, { by: ctx.state.access!.actorId, participantId: ctx.params.participantId!, method }, updateIdOf(ctx, 'check-in-participant'));
    await answer(ctx, booking);
  });

  return router;
}
