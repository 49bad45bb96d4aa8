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

/** The time loaded around a search, and a hold (being retried) whose own allocations are left out. */
export interface LoadSpan {
  from: Date;
  to: Date;
  now: Date;
  ignoreReservationId?: string;
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

  const [details, calendars, allocations, stats] = await Promise.all([kindDetails(db, bookables), CalendarModel.query(db).whereIn('bookable_id', ids), allocationsOf(db, ids, span), fairnessStats(db, filter.organizationId, ids, span.now)]);
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

async function kindDetails(db: Knex, bookables: BookableModel[]): Promise<Map<string, Record<string, unknown>>> {
  const details = new Map<string, Record<string, unknown>>();
  await Promise.all(
    [...new Set(bookables.map((b) => b.type as BookableKind))].map(async (kind) => {
      const rows = await db(bookableKindTables[kind].table).whereIn('bookable_id', bookables.filter((b) => b.type === kind).map((b) => b.id));
      for (const { bookableId, ...own } of rows) details.set(bookableId, own);
    }),
  );
  return details;
}

// Allocations that can matter for starts in [from, to): a day's margin covers buffers and the appointment.
async function allocationsOf(db: Knex, bookableIds: string[], span: LoadSpan): Promise<Map<string, EngineAllocation[]>> {
  const from = new Date(span.from.getTime() - DAY_MS);
  const to = new Date(span.to.getTime() + 2 * DAY_MS);
  // The booking (else the reservation) of each allocation is looked up by primary key, row by row:
  // a plain join would let the planner scan every booking and reservation ever made, which grows with history.
  const rows: Array<{ bookableId: string; start: Date; end: Date; kind: EngineAllocation['kind']; serviceTemplateId: string | null; appointmentStart: Date | null }> = await db('allocations as a')
    // One primary-key lookup per allocation: its booking's service and start, else its hold's.
    .joinRaw(
      `left join lateral (
         select b.service_template_id, b.starts_at from bookings b where b.id = a.booking_id
         union all
         select r.service_template_id, r.starts_at from reservations r where a.booking_id is null and r.id = a.reservation_id
       ) as owner on true`,
    )
    .whereIn('a.bookable_id', bookableIds)
    .where(db.raw("a.period && tstzrange(?, ?, '[)')", [from, to]))
    .where((q) => q.whereIn('a.kind', ['booking', 'block']).orWhere('a.expires_at', '>', span.now))
    .where((q) => (span.ignoreReservationId ? q.whereNull('a.reservation_id').orWhereNot('a.reservation_id', span.ignoreReservationId) : q))
    .select('a.bookable_id', 'a.kind', db.raw('lower(a.period) as start'), db.raw('upper(a.period) as "end"'), 'owner.service_template_id', db.raw('owner.starts_at as appointment_start'));
  const byBookable = new Map<string, EngineAllocation[]>();
  for (const row of rows) {
    const list = byBookable.get(row.bookableId) ?? [];
    list.push({ start: row.start, end: row.end, kind: row.kind, serviceTemplateId: row.serviceTemplateId, appointmentStart: row.appointmentStart });
    byBookable.set(row.bookableId, list);
  }
  return byBookable;
}

/**
 * Each bookable's bookings (not cancelled) created in the fairness period, and when it was last
 * booked. Both come from the period's bookings (index on organization and creation time), so the
 * cost follows recent activity, not the size of the history; only a bookable with no booking in the
 * period has its older bookings searched for its last one.
 */
async function fairnessStats(db: Knex, organizationId: string, bookableIds: string[], now: Date): Promise<Map<string, { lastBookedAt: Date | null; recentBookings: number }>> {
  const since = new Date(now.getTime() - FAIRNESS_PERIOD_DAYS * DAY_MS);
  // Each recent booking's bookables by primary key (OFFSET 0 keeps the planner from scanning all of booking_bookables).
  const recent: Array<{ bookableId: string; lastBookedAt: Date; recentBookings: number }> = await db('bookings as b')
    .joinRaw('cross join lateral (select l.bookable_id from booking_bookables l where l.booking_id = b.id offset 0) as bb')
    .where('b.organization_id', organizationId)
    .where('b.created_at', '>=', since)
    .whereNot('b.status', 'cancelled')
    .whereIn('bb.bookable_id', bookableIds)
    .groupBy('bb.bookable_id')
    .select('bb.bookable_id', db.raw('max(b.created_at) as last_booked_at'), db.raw('count(*)::int as recent_bookings'));
  const stats = new Map<string, { lastBookedAt: Date | null; recentBookings: number }>(recent.map((row) => [row.bookableId, { lastBookedAt: row.lastBookedAt, recentBookings: Number(row.recentBookings) }]));
  const quiet = bookableIds.filter((id) => !stats.has(id));
  if (quiet.length > 0) {
    const older: Array<{ bookableId: string; lastBookedAt: Date }> = await db('booking_bookables as bb')
      .join('bookings as b', 'b.id', 'bb.booking_id')
      .whereIn('bb.bookable_id', quiet)
      .where('b.created_at', '<', since)
      .whereNot('b.status', 'cancelled')
      .groupBy('bb.bookable_id')
      .select('bb.bookable_id', db.raw('max(b.created_at) as last_booked_at'));
    for (const row of older) stats.set(row.bookableId, { lastBookedAt: row.lastBookedAt, recentBookings: 0 });
  }
  return stats;
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
