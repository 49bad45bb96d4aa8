import Router, { type RouterContext } from '@koa/router';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { listCompensations, recordManualCompensation, timesheet } from '../../db/queries/compensation.queries';
import { isAllowed } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { ownOrManagedBooking } from './booking-access';
import { manualCompensationSchema, providerPeriodQuerySchema } from './providers.schemas';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

/** Totals per currency (minor units), so amounts in different currencies are never added up. */
function totalsByCurrency(rows: Array<{ amount: number; currency: string | null }>): Record<string, number> {
  const totals: Record<string, number> = {};
  for (const row of rows) totals[row.currency ?? 'none'] = (totals[row.currency ?? 'none'] ?? 0) + row.amount;
  return totals;
}

/** A provider's timesheet and compensation ledger (spec §9.1), and recording a payment to a provider by hand. */
export function providerRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const readers = routePermissions.providerLedgerReaders;

  // Managers see the providers of their locations; a provider member sees only themselves.
  const visibleProvider = async (ctx: RouterContext<AppState>) => {
    const access = ctx.state.access!;
    const record = await findBookableRecord(db, access.organizationId, ctx.params.id!);
    if (!record || record.bookable.type !== 'provider') throw notFound();
    const manages = isAllowed(access, ['provider:manage_org', 'provider:manage_location'], { locationId: record.bookable.locationId });
    if (!manages && access.providerId !== record.bookable.id) throw notFound();
    return record.bookable;
  };

  router.get('/providers/:id/timesheets', permit(db, readers, scopeOfRow(db, 'bookables')), async (ctx) => {
    const query = parseInput(providerPeriodQuerySchema, ctx.query);
    const provider = await visibleProvider(ctx);
    const lines = await timesheet(db, { organizationId: provider.organizationId, providerId: provider.id, from: query.from, to: query.to });
    ctx.body = { providerId: provider.id, from: query.from.toISOString(), to: query.to.toISOString(), data: lines, totals: { bookings: lines.length, scheduledMinutes: lines.reduce((sum, line) => sum + line.scheduledMinutes, 0) } };
  });

  router.get('/providers/:id/compensation', permit(db, readers, scopeOfRow(db, 'bookables')), async (ctx) => {
    const query = parseInput(providerPeriodQuerySchema, ctx.query);
    const provider = await visibleProvider(ctx);
    const rows = await listCompensations(db, { organizationId: provider.organizationId, providerId: provider.id, from: query.from, to: query.to });
    ctx.body = { providerId: provider.id, data: rows, totals: totalsByCurrency(rows) };
  });

  router.post('/bookings/:id/compensation', permit(db, routePermissions.compensationRecorders, scopeOfRow(db, 'bookings')), async (ctx) => {
    const input = parseInput(manualCompensationSchema, ctx.request.body);
    const booking = await ownOrManagedBooking(db, ctx, ctx.params.id!);
    const access = ctx.state.access!;
    const providers = await db('bookables').whereIn('id', booking.bookableIds).where({ type: 'provider' }).pluck('id');
    const providerId = input.providerId ?? (providers.length === 1 ? providers[0] : undefined);
    if (!providerId || !(await db('bookables').where({ id: providerId, organizationId: access.organizationId, type: 'provider' }).first('id'))) {
      throw new DomainError('VALIDATION_FAILED', 'Name the provider to pay.', { fields: [{ path: 'providerId', message: input.providerId ? 'not a provider of this organization' : 'required: the booking has no single provider' }] });
    }
    const compensation = await recordManualCompensation(db, {
      organizationId: access.organizationId,
      providerId,
      bookingId: booking.id,
      amount: input.amount,
      currency: booking.priceQuote?.currency ?? null,
      note: input.note ?? null,
      recordedBy: access.actorId,
      dedupeKey: `manual:${ctx.state.idempotencyKey ?? newId('compensation')}`,
    });
    ctx.status = 201;
    ctx.body = compensation;
  });

  return router;
}
