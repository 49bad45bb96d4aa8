import Router from '@koa/router';
import { findSecurityDeposit, securityDepositView } from '../../db/queries/security-deposit.queries';
import { DomainError } from '../../domain/shared/errors';
import { newId } from '../../ids';
import { changeSecurityDeposit } from '../../../temporal/commands/booking.commands';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { visibleBooking } from './booking-access';
import { captureSecurityDepositSchema, releaseSecurityDepositSchema } from './security-deposit.schemas';

/** A booking's security deposit: its state, and staff capturing or releasing it (the booking workflow decides). */
export function securityDepositRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scope = scopeOfRow(db, 'bookings');

  router.get('/bookings/:id/security-deposit', permit(db, routePermissions.bookingViewers, scope), async (ctx) => {
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const deposit = await findSecurityDeposit(db, booking.id);
    if (!deposit) throw new DomainError('NOT_FOUND', 'This booking has no security deposit.');
    ctx.body = { bookingId: booking.id, ...securityDepositView(deposit) };
  });

  router.post('/bookings/:id/security-deposit/capture', permit(db, routePermissions.securityDepositManagers, scope), async (ctx) => {
    const input = parseInput(captureSecurityDepositSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const updateId = ctx.state.idempotencyKey ?? `security-deposit-capture:${newId('booking')}`;
    const deposit = await changeSecurityDeposit(temporal, { action: 'capture', bookingId: booking.id, by: ctx.state.access!.actorId, amount: input.amount, reason: input.reason, updateId });
    ctx.body = { bookingId: booking.id, ...deposit };
  });

  router.post('/bookings/:id/security-deposit/release', permit(db, routePermissions.securityDepositManagers, scope), async (ctx) => {
    const input = parseInput(releaseSecurityDepositSchema, ctx.request.body ?? undefined);
    const booking = await visibleBooking(db, ctx, ctx.params.id!);
    const updateId = ctx.state.idempotencyKey ?? `security-deposit-release:${newId('booking')}`;
    const deposit = await changeSecurityDeposit(temporal, { action: 'release', bookingId: booking.id, by: ctx.state.access!.actorId, reason: input.reason ?? null, updateId });
    ctx.body = { bookingId: booking.id, ...deposit };
  });

  return router;
}
