import Router, { type RouterContext } from '@koa/router';
import { cancellingParty } from '../../domain/cancellation/cancelling-party';
import { DomainError } from '../../domain/shared/errors';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { listBookingEvents } from '../../db/queries/booking-lifecycle.queries';
import { findBooking } from '../../db/queries/booking.queries';
import { bookingSeats } from '../../db/queries/allocation-units';
import { findServiceTemplateVersion, templateRules } from '../../db/queries/service-template.queries';
import { newId } from '../../ids';
import { updateBooking } from '../../../temporal/commands/booking.commands';
import {
  approveBookingUpdate,
  approveCancellationUpdate,
  declineCancellationUpdate,
  checkInBookingUpdate,
  completeBookingUpdate,
  markNoShowUpdate,
  rejectBookingUpdate,
  rescheduleBookingUpdate,
  reviewBookingUpdate,
} from '../../../workflows/booking/booking.contract';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { ownOrManagedBooking, visibleBooking } from './booking-access';
import { presentBooking } from './booking.presenter';
import { planReschedule } from './slot-search';
import { checkInSchema, rescheduleSchema, reviewSchema, transitionNoteSchema } from './booking-lifecycle.schemas';
import { routePermissions } from '../route-permissions';

const { bookingViewers: viewers, bookingApprovers: approvers, checkIn: checkers, bookingFinishers: finishers, bookingReschedulers: reschedulers } = routePermissions;

/** Check-in, completion, no-show, review, reschedule and the audit trail of a booking (spec §4.1, §9.1). */
export function bookingLifecycleRoutes({ db, temporal, now }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scope = scopeOfRow(db, 'bookings');
  const updateIdOf = (ctx: RouterContext<AppState>, what: string) => ctx.state.idempotencyKey ?? `${what.replaceAll('/', '-')}:${newId('booking')}`;
  const answer = async (ctx: RouterContext<AppState>, bookingId: string) => {
    ctx.body = presentBooking((await findBooking(db, ctx.state.access!.organizationId, bookingId))!);
  };

  // Transitions that carry only an optional note: approve, reject, decide on a cancellation request, complete, no-show.
  const noteTransitions = [
    ['approve', approvers, approveBookingUpdate],
    ['reject', approvers, rejectBookingUpdate],
    ['cancellation-request/approve', approvers, approveCancellationUpdate],
    ['cancellation-request/decline', approvers, declineCancellationUpdate],
    ['complete', finishers, completeBookingUpdate],
    ['no-show', finishers, markNoShowUpdate],
  ] as const;
  for (const [path, permissions, update] of noteTransitions) {
    router.post(`/bookings/:id/${path}`, permit(db, permissions, scope), async (ctx) => {
      const { reason } = parseInput(transitionNoteSchema, ctx.request.body ?? undefined);
      const booking = await visibleBooking(db, ctx, ctx.params.id!);
      await updateBooking(temporal, booking.id, update, { by: ctx.state.access!.actorId, reason: reason ?? null }, updateIdOf(ctx, path));
      await answer(ctx, booking.id);
    });
  }

  router.post('/bookings/:id/check-in', permit(db, checkers, scope), async (ctx) => {
    const { method } = parseInput(checkInSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    await updateBooking(temporal, booking.id, checkInBookingUpdate, { by: ctx.state.access!.actorId, method }, updateIdOf(ctx, 'check-in'));
    await answer(ctx, booking.id);
  });

  router.post('/bookings/:id/review', permit(db, ['booking:view_own'], scope), async (ctx) => {
    const input = parseInput(reviewSchema, ctx.request.body);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    if (booking.bookerUserId !== ctx.state.access!.userId) throw new DomainError('FORBIDDEN', 'Only the person who booked can review it.');
    await updateBooking(temporal, booking.id, reviewBookingUpdate, { by: ctx.state.access!.actorId, rating: input.rating, comment: input.comment ?? null }, updateIdOf(ctx, 'review'));
    await answer(ctx, booking.id);
  });

  router.patch('/bookings/:id', permit(db, reschedulers, scope), async (ctx) => {
    const input = parseInput(rescheduleSchema, ctx.request.body);
    const booking = await ownOrManagedBooking(db, ctx, ctx.params.id!);
    const access = ctx.state.access!;
    // The new time is planned with the rules of the template version the booking was made with, for the same bookables.
    const [definition, ...bookables] = await Promise.all([
      findServiceTemplateVersion(db, access.organizationId, booking.serviceTemplateId, booking.serviceTemplateVersion),
      ...booking.bookableIds.map((id) => findBookableRecord(db, access.organizationId, id)),
    ]);
    if (!definition || bookables.some((bookable) => !bookable?.calendar || bookable.bookable.status !== 'active')) {
      throw new DomainError('BOOKABLE_NOT_BOOKABLE', 'A booked bookable can no longer be booked.');
    }
    const slot = await planReschedule(db, {
      organizationId: access.organizationId,
      template: { id: booking.serviceTemplateId, definition },
      now: now(),
      // A group booking's seats are its allocation units on each bookable.
      booking: { ...booking, seats: await bookingSeats(db, booking.id, booking.bookableIds[0]!) },
      startsAt: input.startsAt,
      minAdvanceMinutes: templateRules(definition).scheduling.minAdvanceMinutes,
    });
    await updateBooking(
      temporal,
      booking.id,
      rescheduleBookingUpdate,
      {
        by: access.actorId,
        startsAt: slot.start.toISOString(),
        endsAt: slot.end.toISOString(),
        blockedFrom: slot.blockedStart.toISOString(),
        blockedUntil: slot.blockedEnd.toISOString(),
        party: cancellingParty(access, booking),
      },
      updateIdOf(ctx, 'reschedule'),
    );
    await answer(ctx, booking.id);
  });

  router.get('/bookings/:id/audit-trail', permit(db, viewers, scope), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    ctx.body = { bookingId: booking.id, data: await listBookingEvents(db, booking.id) };
  });

  return router;
}
