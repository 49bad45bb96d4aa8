import Router from '@koa/router';
import { listBookingBackups } from '../../db/queries/backup.queries';
import { newId } from '../../ids';
import { updateBooking } from '../../../temporal/commands/booking.commands';
import { activateBackupUpdate } from '../../../workflows/booking/booking.contract';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { visibleBooking } from './booking-access';
import { activateBackupSchema } from './booking-backups.schemas';

/** A booking's backup bookables: who stands by, who took over (spec §3.1 BackupBookableConfig). */
export function bookingBackupRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scope = scopeOfRow(db, 'bookings');

  router.get('/bookings/:id/backups', permit(db, routePermissions.bookingViewers, scope), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    ctx.body = { bookingId: booking.id, data: await listBookingBackups(db, booking.id) };
  });

  router.post('/bookings/:id/backups/activate', permit(db, routePermissions.bookingApprovers, scope), async (ctx) => {
    const input = parseInput(activateBackupSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const request = { by: ctx.state.access!.actorId, trigger: input.trigger, primaryBookableId: input.primaryBookableId ?? null, reason: input.reason ?? null };
    await updateBooking(temporal, booking.id, activateBackupUpdate, request, ctx.state.idempotencyKey ?? `backups-activate:${newId('booking')}`);
    ctx.body = { bookingId: booking.id, data: await listBookingBackups(db, booking.id) };
  });

  return router;
}
