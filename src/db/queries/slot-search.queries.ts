import type { Knex } from 'knex';
import type { CascadingConfig } from '../../domain/availability/calendar-config';
import type { CertificationFacts } from '../../domain/bookables/bookable-criteria';
import type { EngineAllocation, EngineBookable, EngineRequirement } from '../../domain/availability/engine/engine-types';
import { BookableModel } from '../models/bookable.model';
import { CalendarModel } from '../models/calendar.model';
import { bookableKindTables, type BookableKind } from './bookable-kinds';
import { listCalendarOverridesOf } from './calendar.queries';
import { capacityOf } from './allocation-units';

const DAY_MS = 86_400_000;
/** Round robin counts the bookings each bookable received over this many past days. */
export const FAIRNESS_PERIOD_DAYS = 30;

/** The time loaded around a search, and a hold (being retried) or a booking (being moved) whose own allocations are left out. */
export interface LoadSpan {
  from: Date;
  to: Date;
  now: Date;
  ignoreReservationId?: string;
  /** A booking being moved: its own allocations are left out. */
  ignoreBookingId?: string;
}

/** Which bookables may serve a search, before the engine checks criteria that depend on the date. */
export interface CandidateFilter {
  organizationId: string;
  requirements: readonly EngineRequirement[];
  /** Only these bookables (search filter, or the one a single-bookable request names). */
  bookableIds?: readonly string[];
  locationId?: string;
}

/**
 * Loads everything the availability engine needs for [from, to) in one round of queries: the
 * candidate bookables (named ones, their substitutes, and matches of each requirement's type,
 * categories and tags), their kind's limits, calendars and overrides, the allocations around the span
 * (with the service and appointment start of each booking or hold) and the fairness statistics.
 */
export async function loadEngineBookables(db: Knex, filter: CandidateFilter, span: LoadSpan): Promise<EngineBookable[]> {
  const query = BookableModel.query(db).where('organization_id', filter.organizationId).whereNull('deleted_at');
  if (filter.bookableIds) query.whereIn('id', filter.bookableIds as string[]);
  if (filter.locationId) query.where('location_id', filter.locationId);
  const types = new Set(filter.requirements.map((r) => r.bookableType));
  if (!types.has(undefined)) query.whereIn('type', [...types] as string[]);
  const bookables = await query.orderBy('id');
  if (bookables.length === 0) return [];
  const ids = bookables.map((b) => b.id);

  const [details, calendars, allocations, stats] = await Promise.all([kindDetails(db, bookables), CalendarModel.query(db).whereIn('bookable_id', ids), allocationsOf(db, filter.organizationId, ids, span), fairnessStats(db, ids, span.now)]);
  const overrides = await listCalendarOverridesOf(db, calendars.map((c) => c.id));
  const calendarOf = new Map(calendars.map((c) => [c.bookableId!, c]));

  return bookables.map((bookable): EngineBookable => {
    const own = details.get(bookable.id) ?? {};
    const calendar = calendarOf.get(bookable.id);
    const pattern = (calendar?.pattern ?? {}) as Record<string, number | undefined>;
    const limits = (own.workingLimits ?? {}) as { maxDailyBookings?: number; minRestMinutesBetweenBookings?: number };
    return {
      id: bookable.id,
      name: bookable.name,
      facts: {
        type: bookable.type,
        categoryId: bookable.categoryId,
        tags: bookable.tags,
        certifications: (own.certifications as CertificationFacts[] | undefined) ?? [],
        rating: (own.rating as number | null | undefined) ?? null,
        status: bookable.status,
      },
      calendar: calendar
        ? {
            timezone: calendar.timezone,
            weeklySchedule: calendar.weeklySchedule,
            overrides: overrides.get(calendar.id) ?? [],
            ...definedOnly({
              preBufferMinutes: pattern.preBufferMinutes,
              postBufferMinutes: pattern.postBufferMinutes,
              minAdvanceMinutes: pattern.minAdvanceMinutes,
              maxAdvanceDays: pattern.maxAdvanceDays,
              maxSlotsPerDay: pattern.maxSlotsPerDay,
              maxBookingsPerDay: pattern.maxBookingsPerDay,
            }),
            cascading: (calendar.cascadingConfig as CascadingConfig | null) ?? null,
          }
        : null,
      capacity: capacityOf(bookable.type, own),
      ...definedOnly({
        setupMinutes: own.setupMinutes as number | undefined,
        teardownMinutes: own.teardownMinutes as number | undefined,
        maxDailyBookings: limits.maxDailyBookings,
        minRestMinutes: limits.minRestMinutesBetweenBookings,
      }),
      allocations: allocations.get(bookable.id) ?? [],
      stats: stats.get(bookable.id) ?? { lastBookedAt: null, recentBookings: 0 },
    };
  });
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined && value !== null)) as Partial<T>;
}

/** The kind fields the engine reads: limits, criteria facts, capacity, setup and teardown. */
const engineKindFields = ['workingLimits', 'certifications', 'rating', 'setupMinutes', 'teardownMinutes', 'simultaneousBookings', 'licensePool'];

async function kindDetails(db: Knex, bookables: BookableModel[]): Promise<Map<string, Record<string, unknown>>> {
  const details = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...new Set(bookables.map((b) => b.type as BookableKind))].map(async (kind) => {
      const { table, fields } = bookableKindTables[kind];
      const rows = await db(table)
        .whereIn('bookable_id', bookables.filter((b) => b.type === kind).map((b) => b.id))
        .select('bookable_id', ...engineKindFields.filter((field) => field in fields));
      for (const { bookableId, ...own } of rows) details.set(bookableId, own);
    }),
  );
  return details;
}

// Allocations that can matter for starts in [from, to): a day's margin covers buffers and the appointment.
async function allocationsOf(db: Knex, organizationId: string, bookableIds: string[], span: LoadSpan): Promise<Map<string, EngineAllocation[]>> {
  const from = new Date(span.from.getTime() - DAY_MS);
  const to = new Date(span.to.getTime() + 2 * DAY_MS);
  // Times arrive as epoch milliseconds: parsing thousands of timestamp strings costs more than the query.
  type Row = { bookableId: string; startMs: number; endMs: number; kind: EngineAllocation['kind']; serviceTemplateId: string | null; appointmentStartMs: number | null; ownerId: string | null };
  const live: Promise<Row[]> = db('allocations as a')
    .whereIn('a.bookable_id', bookableIds)
    .where(db.raw("a.period && tstzrange(?, ?, '[)')", [from, to]))
    .where((q) => q.whereIn('a.kind', ['booking', 'block']).orWhere('a.expires_at', '>', span.now))
    .where((q) => (span.ignoreReservationId ? q.whereNull('a.reservation_id').orWhereNot('a.reservation_id', span.ignoreReservationId) : q))
    .where((q) => (span.ignoreBookingId ? q.whereNull('a.booking_id').orWhereNot('a.booking_id', span.ignoreBookingId) : q))
    .select(
      'a.bookable_id',
      'a.kind',
      'a.service_template_id',
      db.raw('coalesce(a.booking_id, a.reservation_id) as owner_id'),
      db.raw('(extract(epoch from lower(a.period)) * 1000)::float8 as start_ms'),
      db.raw('(extract(epoch from upper(a.period)) * 1000)::float8 as end_ms'),
      db.raw('(extract(epoch from a.appointment_starts_at) * 1000)::float8 as appointment_start_ms'),
    );
  // Bookings already over (completed, reviewed, missed) free their time but still count for their day's limits.
  const finished: Promise<Row[]> = db('bookings as b')
    .joinRaw('cross join lateral (select l.bookable_id from booking_bookables l where l.booking_id = b.id) as bb')
    .where('b.organization_id', organizationId)
    .where('b.starts_at', '>=', from)
    .where('b.starts_at', '<', to)
    .whereIn('b.status', ['completed', 'reviewed', 'no_show'])
    .whereIn('bb.bookable_id', bookableIds)
    .select(
      'bb.bookable_id',
      db.raw("'finished' as kind"),
      'b.service_template_id',
      db.raw('b.id as owner_id'),
      db.raw('(extract(epoch from b.starts_at) * 1000)::float8 as start_ms'),
      db.raw('(extract(epoch from b.ends_at) * 1000)::float8 as end_ms'),
      db.raw('(extract(epoch from b.starts_at) * 1000)::float8 as appointment_start_ms'),
    );
  const rows = (await Promise.all([live, finished])).flat();
  const byBookable = new Map<string, EngineAllocation[]>();
  for (const row of rows) {
    const list = byBookable.get(row.bookableId) ?? [];
    const appointmentStart = row.appointmentStartMs === null ? null : new Date(row.appointmentStartMs);
    list.push({ start: new Date(row.startMs), end: new Date(row.endMs), kind: row.kind, serviceTemplateId: row.serviceTemplateId, appointmentStart, ownerId: row.ownerId });
    byBookable.set(row.bookableId, list);
  }
  return byBookable;
}

/**
 * Each bookable's bookings (not cancelled) created in the fairness period, and when it was last
 * booked, from the partial index of live booking links by bookable and creation time: per bookable
 * one range count and one probe for the newest, so the cost follows recent activity, not the history.
 */
async function fairnessStats(db: Knex, bookableIds: string[], now: Date): Promise<Map<string, { lastBookedAt: Date | null; recentBookings: number }>> {
  const since = new Date(now.getTime() - FAIRNESS_PERIOD_DAYS * DAY_MS);
  const { rows }: { rows: Array<{ bookable_id: string; recent_bookings: number; last_booked_at: Date | null }> } = await db.raw(
    `select ids.bookable_id,
            (select count(*)::int from booking_bookables l where l.bookable_id = ids.bookable_id and not l.cancelled and l.booked_at >= ?) as recent_bookings,
            (select max(l.booked_at) from booking_bookables l where l.bookable_id = ids.bookable_id and not l.cancelled) as last_booked_at
       from unnest(?::text[]) as ids(bookable_id)`,
    [since, bookableIds],
  );
  return new Map(rows.map((row) => [row.bookable_id, { lastBookedAt: row.last_booked_at, recentBookings: row.recent_bookings }]));
}

/** Appointment starts of a service's live bookings and holds around [from, to), for its per-day limit. */
export async function serviceBookingStarts(db: Knex, serviceTemplateId: string, span: { from: Date; to: Date; now: Date }): Promise<Date[]> {
  const from = new Date(span.from.getTime() - DAY_MS);
  const to = new Date(span.to.getTime() + DAY_MS);
  const [bookings, holds] = await Promise.all([
    db('bookings').where({ serviceTemplateId }).whereNotIn('status', ['cancelled', 'expired']).where('starts_at', '>=', from).where('starts_at', '<', to).pluck('starts_at'),
    db('reservations').where({ serviceTemplateId, status: 'held' }).where('expires_at', '>', span.now).where('starts_at', '>=', from).where('starts_at', '<', to).pluck('starts_at'),
  ]);
  return [...bookings, ...holds] as Date[];
}
