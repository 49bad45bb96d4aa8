import Router, { type RouterContext } from '@koa/router';
import { bookableManagers } from '../../domain/auth/bookable-permissions';
import { isAllowed } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import { findBookableRecord, insertBookable, listBookableRecords, softDeleteBookable, updateBookable, type BookableRecord } from '../../db/queries/bookable.queries';
import type { BookableKind } from '../../db/queries/bookable-kinds';
import { findLocation } from '../../db/queries/location.queries';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow, type ScopeResolver } from '../middleware/permit';
import { parseInput } from '../validation';
import { bookableListQuerySchema, createBookableSchemas, deleteBookableBodySchema, patchBookableSchemas } from './bookables.schemas';
import { routePermissions } from '../route-permissions';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

const kindsByPath: Record<string, BookableKind> = { providers: 'provider', assets: 'asset', venues: 'venue', 'virtual-resources': 'virtual_resource' };
const secretConnectionFields = ['passcode', 'streamingKey'];

/** A bookable as the API shows it; connection secrets only for those who manage it. */
export function presentBookableRecord(record: BookableRecord, showSecrets: boolean) {
  const { bookable, details, calendar } = record;
  const own = { ...details };
  if (!showSecrets && own.connection && typeof own.connection === 'object') {
    own.connection = Object.fromEntries(Object.entries(own.connection as Record<string, unknown>).filter(([key]) => !secretConnectionFields.includes(key)));
  }
  return {
    id: bookable.id,
    organizationId: bookable.organizationId,
    type: bookable.type,
    name: bookable.name,
    description: bookable.description,
    locationId: bookable.locationId,
    categoryId: bookable.categoryId,
    tags: bookable.tags,
    status: bookable.status,
    images: bookable.images,
    requiresBookables: bookable.requiresBookableIds,
    settings: bookable.settings,
    [bookable.type === 'virtual_resource' ? 'virtualResource' : bookable.type]: own,
    ...(calendar ? { calendar: { id: calendar.id, timezone: calendar.timezone, weeklySchedule: calendar.weeklySchedule } } : {}),
    createdAt: bookable.createdAt,
    updatedAt: bookable.updatedAt,
  };
}

// A venue may not run more bookings at once than it holds people.
function checkVenue(kind: BookableKind, merged: Record<string, unknown>): void {
  if (kind !== 'venue') return;
  const capacity = (typeof merged.capacity === 'string' ? JSON.parse(merged.capacity) : merged.capacity) as { max?: number } | undefined;
  const simultaneous = merged.simultaneousBookings as number | undefined;
  if (capacity?.max !== undefined && simultaneous !== undefined && simultaneous > capacity.max) {
    throw new DomainError('VALIDATION_FAILED', 'A venue cannot host more simultaneous bookings than its capacity.', { fields: [{ path: 'simultaneousBookings', message: `at most capacity.max (${capacity.max})` }] });
  }
}

/** Bookables of the four kinds (spec §2.3), one polymorphic API over class-table storage. */
export function bookableRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scopeFromBody: ScopeResolver = async (ctx) => ({
    organizationId: (ctx as unknown as { params: { orgId: string } }).params.orgId,
    locationId: (ctx.request.body as { locationId?: string } | undefined)?.locationId ?? null,
  });
  const timezoneOf = async (organizationId: string, locationId: string) => (await findLocation(db, organizationId, locationId))?.timezone ?? 'UTC';
  const canManage = (access: AppState['access'], record: BookableRecord) =>
    isAllowed(access!, bookableManagers(record.bookable.type as BookableKind), { locationId: record.bookable.locationId });

  for (const [path, kind] of Object.entries(kindsByPath)) {
    router.post(`/organizations/:orgId/bookables/${path}`, permit(db, bookableManagers(kind), scopeFromBody), async (ctx) => {
      const body = parseInput(createBookableSchemas[kind], ctx.request.body) as Record<string, unknown>;
      const organizationId = ctx.params.orgId!;
      const location = await findLocation(db, organizationId, body.locationId as string);
      if (!location) throw new DomainError('VALIDATION_FAILED', 'Unknown location.', { fields: [{ path: 'locationId', message: 'not found in this organization' }] });
      const record = await insertBookable(db, { id: newId('bookable'), organizationId, kind, body, calendarId: newId('calendar'), locationTimezone: location.timezone });
      ctx.status = 201;
      ctx.body = presentBookableRecord(record, true);
    });
  }

  router.get('/organizations/:orgId/bookables', permit(db, routePermissions.catalogueReaders, orgFromPath), async (ctx) => {
    const query = parseInput(bookableListQuerySchema, ctx.query);
    const page = await listBookableRecords(db, ctx.params.orgId!, { ...query, categoryIds: query.categoryId ? [query.categoryId] : undefined, limit: query.limit + 1, afterId: query.cursor });
    const data = page.slice(0, query.limit);
    ctx.body = { data: data.map((record) => presentBookableRecord(record, canManage(ctx.state.access, record))), nextCursor: page.length > query.limit ? data[data.length - 1]!.bookable.id : null };
  });

  router.get('/bookables/:id', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'bookables')), async (ctx) => {
    const record = await findBookableRecord(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!record) throw notFound();
    ctx.body = presentBookableRecord(record, canManage(ctx.state.access, record));
  });

  // The permission depends on the stored kind and location, so it is checked once the row is known.
  const manageExisting = async (ctx: RouterContext<AppState>): Promise<BookableRecord> => {
    const record = await findBookableRecord(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!record) throw notFound();
    if (!canManage(ctx.state.access, record)) throw new DomainError('FORBIDDEN', `Your role (${ctx.state.access!.role}) may not change this bookable.`);
    return record;
  };

  router.patch('/bookables/:id', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'bookables')), async (ctx) => {
    const record = await manageExisting(ctx);
    const kind = record.bookable.type as BookableKind;
    const body = parseInput(patchBookableSchemas[kind], ctx.request.body) as Record<string, unknown>;
    const organizationId = ctx.state.access!.organizationId;
    if (body.locationId && !isAllowed(ctx.state.access!, bookableManagers(kind), { locationId: body.locationId as string })) {
      throw new DomainError('FORBIDDEN', 'You may not move this bookable to that location.');
    }
    const updated = await updateBookable(
      db,
      { organizationId, id: record.bookable.id, calendarId: newId('calendar'), locationTimezone: (locationId) => timezoneOf(organizationId, locationId) },
      body,
      checkVenue,
    );
    if (!updated) throw notFound();
    ctx.body = presentBookableRecord(updated, true);
  });

  router.delete('/bookables/:id', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'bookables')), async (ctx) => {
    const record = await manageExisting(ctx);
    const { reason } = parseInput(deleteBookableBodySchema, ctx.request.body ?? {});
    await softDeleteBookable(db, ctx.state.access!.organizationId, record.bookable.id, ctx.state.access!.actorId, reason ?? null);
    ctx.status = 204;
  });

  return router;
}
