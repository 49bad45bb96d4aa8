import type { Knex } from 'knex';
import type { BookableFacts, CertificationFacts } from '../../domain/bookables/bookable-criteria';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { BookableModel } from '../models/bookable.model';
import { CalendarModel } from '../models/calendar.model';
import { baseColumns, bookableKindTables, kindColumns, type BookableKind } from './bookable-kinds';

/** A bookable with its kind's own fields and its calendar (if it has working hours). */
export interface BookableRecord {
  bookable: BookableModel;
  details: Record<string, unknown>;
  calendar?: CalendarModel;
}

function unknownReference(path: string, what: string): DomainError {
  return new DomainError('VALIDATION_FAILED', `Unknown ${what}.`, { fields: [{ path, message: `not found in this organization` }] });
}

// Ids a body points at must be live rows of the same organization (and of the right kind).
async function assertReferences(trx: Knex.Transaction, organizationId: string, input: Record<string, unknown>): Promise<void> {
  const checks: Array<{ field: string; table: string; type?: BookableKind; what: string }> = [
    { field: 'requiresBookables', table: 'bookables', what: 'bookable' },
    { field: 'requiredAssetIds', table: 'bookables', type: 'asset', what: 'asset' },
    { field: 'compatibleAssetIds', table: 'bookables', type: 'asset', what: 'asset' },
    { field: 'parentVenueId', table: 'bookables', type: 'venue', what: 'venue' },
    { field: 'canWorkAtLocationIds', table: 'locations', what: 'location' },
  ];
  for (const check of checks) {
    const value = input[check.field];
    if (value === undefined || value === null) continue;
    const ids = (Array.isArray(value) ? value : [value]) as string[];
    if (ids.length === 0) continue;
    const query = trx(check.table).where('organization_id', organizationId).whereIn('id', ids).whereNull('deleted_at');
    if (check.type) query.where('type', check.type);
    const found = new Set((await query.select('id')).map((row: { id: string }) => row.id));
    const missing = ids.findIndex((id) => !found.has(id));
    if (missing >= 0) throw unknownReference(Array.isArray(value) ? `${check.field}.${missing}` : check.field, check.what);
  }
}

async function withReferenceErrors<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) {
      const constraint = String((error as { constraint?: string }).constraint ?? '');
      throw unknownReference(constraint.includes('category') ? 'categoryId' : 'locationId', constraint.includes('category') ? 'category' : 'location');
    }
    throw error;
  }
}

async function saveCalendar(
  trx: Knex.Transaction,
  bookable: BookableModel,
  calendar: { id: string; timezone?: string; weeklySchedule?: unknown; defaultTimezone: string },
): Promise<void> {
  const existing = await CalendarModel.query(trx).where({ bookableId: bookable.id }).first();
  if (existing) {
    // The calendar moves with its bookable: permissions on it follow the bookable's location.
    const change: Record<string, unknown> = { locationId: bookable.locationId, updatedAt: new Date() };
    if (calendar.timezone) change.timezone = calendar.timezone;
    if (calendar.weeklySchedule) change.weeklySchedule = calendar.weeklySchedule;
    await CalendarModel.query(trx).findById(existing.id).patch(change);
    return;
  }
  if (!calendar.weeklySchedule) return;
  await CalendarModel.query(trx).insert({
    id: calendar.id,
    organizationId: bookable.organizationId,
    locationId: bookable.locationId,
    bookableId: bookable.id,
    name: `${bookable.name} — working hours`,
    timezone: calendar.timezone ?? calendar.defaultTimezone,
    weeklySchedule: calendar.weeklySchedule as CalendarModel['weeklySchedule'],
  });
}

/**
 * Creates a bookable of any kind in one transaction: the shared row, its kind's row and, when it has
 * working hours, its calendar (in its own zone, else its location's).
 */
export async function insertBookable(
  db: Knex,
  input: { id: string; organizationId: string; kind: BookableKind; body: Record<string, unknown>; calendarId: string; locationTimezone: string },
): Promise<BookableRecord> {
  return withReferenceErrors(() =>
    db.transaction(async (trx) => {
      await assertReferences(trx, input.organizationId, input.body);
      const bookable = await BookableModel.query(trx).insertAndFetch({
        id: input.id,
        organizationId: input.organizationId,
        type: input.kind,
        ...baseColumns(input.body),
      } as Partial<BookableModel>);
      await trx(bookableKindTables[input.kind].table).insert({ bookableId: bookable.id, ...kindColumns(input.kind, input.body) });
      await saveCalendar(trx, bookable, {
        id: input.calendarId,
        timezone: input.body.timezone as string | undefined,
        weeklySchedule: input.body.weeklySchedule,
        defaultTimezone: input.locationTimezone,
      });
      return (await findBookableRecord(trx, input.organizationId, bookable.id))!;
    }),
  );
}

/** Changes a bookable; `check` sees the merged kind fields (for rules spanning stored and sent values). */
export async function updateBookable(
  db: Knex,
  key: { organizationId: string; id: string; calendarId: string; locationTimezone: (locationId: string) => Promise<string> },
  body: Record<string, unknown>,
  check: (kind: BookableKind, merged: Record<string, unknown>) => void,
): Promise<BookableRecord | undefined> {
  return withReferenceErrors(() =>
    db.transaction(async (trx) => {
      const current = await BookableModel.query(trx).where({ organizationId: key.organizationId, id: key.id }).whereNull('deleted_at').forUpdate().first();
      if (!current) return undefined;
      const kind = current.type as BookableKind;
      const stored = await trx(bookableKindTables[kind].table).where({ bookableId: current.id }).first();
      check(kind, { ...stored, ...body });
      if (body.parentVenueId === current.id) throw new DomainError('VALIDATION_FAILED', 'A venue cannot be inside itself.', { fields: [{ path: 'parentVenueId', message: 'would create a cycle' }] });
      await assertReferences(trx, key.organizationId, body);
      const base = baseColumns(body);
      const bookable = Object.keys(base).length ? await BookableModel.query(trx).patchAndFetchById(current.id, { ...base, updatedAt: new Date() } as Partial<BookableModel>) : current;
      const own = kindColumns(kind, body);
      if (Object.keys(own).length) await trx(bookableKindTables[kind].table).where({ bookableId: current.id }).update(own);
      await saveCalendar(trx, bookable, {
        id: key.calendarId,
        timezone: body.timezone as string | undefined,
        weeklySchedule: body.weeklySchedule,
        defaultTimezone: await key.locationTimezone(bookable.locationId),
      });
      return findBookableRecord(trx, key.organizationId, current.id);
    }),
  );
}

/** Retires a bookable (soft delete), recording who and why; it stays on past bookings. */
export async function softDeleteBookable(db: Knex, organizationId: string, id: string, deletedBy: string, reason: string | null): Promise<boolean> {
  const changed = await db('bookables').where({ organizationId, id }).whereNull('deleted_at').update({ deletedAt: db.fn.now(), deletedBy, deletionReason: reason, status: 'inactive' });
  return changed > 0;
}

/** A live bookable with its kind's fields and calendar. */
export async function findBookableRecord(db: Knex, organizationId: string, id: string): Promise<BookableRecord | undefined> {
  const bookable = await BookableModel.query(db).where({ organizationId, id }).whereNull('deleted_at').first();
  if (!bookable) return undefined;
  const [details, calendar] = await Promise.all([
    db(bookableKindTables[bookable.type as BookableKind].table).where({ bookableId: id }).first(),
    CalendarModel.query(db).where({ bookableId: id }).first(),
  ]);
  const { bookableId: _bookableId, ...own } = (details ?? {}) as Record<string, unknown>;
  return { bookable, details: own, calendar };
}

/** What criteria matching knows of a bookable record. */
export function bookableFacts(record: BookableRecord): BookableFacts {
  const { bookable, details } = record;
  return {
    type: bookable.type as BookableKind,
    categoryId: bookable.categoryId,
    tags: bookable.tags,
    certifications: (details.certifications as CertificationFacts[] | undefined) ?? [],
    rating: (details.rating as number | null | undefined) ?? null,
    status: bookable.status,
  };
}

/** Filters for listing bookables; `afterId` is the keyset cursor (ids are ordered). */
export interface BookableFilter {
  type?: string;
  status?: string;
  locationId?: string;
  categoryIds?: string[];
  tags?: string[];
  limit: number;
  afterId?: string;
}

/** A page of an organization's live bookables, with their kind's fields. */
export async function listBookableRecords(db: Knex, organizationId: string, filter: BookableFilter): Promise<BookableRecord[]> {
  const query = BookableModel.query(db).where('organization_id', organizationId).whereNull('deleted_at');
  if (filter.type) query.where('type', filter.type);
  if (filter.status) query.where('status', filter.status);
  if (filter.locationId) query.where('location_id', filter.locationId);
  if (filter.categoryIds?.length) query.whereIn('category_id', filter.categoryIds);
  if (filter.tags?.length) query.whereRaw('tags @> ?::text[]', [filter.tags]);
  if (filter.afterId) query.where('id', '>', filter.afterId);
  const bookables = await query.orderBy('id').limit(filter.limit);
  const details = new Map<string, Record<string, unknown>>();
  for (const kind of new Set(bookables.map((b) => b.type as BookableKind))) {
    const rows = await db(bookableKindTables[kind].table).whereIn('bookable_id', bookables.filter((b) => b.type === kind).map((b) => b.id));
    for (const { bookableId, ...own } of rows) details.set(bookableId, own);
  }
  return bookables.map((bookable) => ({ bookable, details: details.get(bookable.id) ?? {} }));
}
