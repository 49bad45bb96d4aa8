import type { Knex } from 'knex';
import { lockBookableTime, unitsFor } from './allocation-units';
import type { DateOverride } from '../../domain/availability/calendar-config';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { CalendarModel } from '../models/calendar.model';
import { clearLapsedHolds } from './hold.queries';

/** A stretch of blocked time as stored. */
export interface CalendarBlockRow {
  id: string;
  organizationId: string;
  calendarId: string;
  bookableId: string | null;
  startsAt: Date;
  endsAt: Date;
  type: string;
  reason: string | null;
  paidTimeOff: boolean;
  overrideRules: Record<string, unknown> | null;
  createdBy: string;
  createdAt: Date;
}

/** A calendar of one organization. */
export async function findCalendar(db: Knex, organizationId: string, id: string): Promise<CalendarModel | undefined> {
  return CalendarModel.query(db).where({ organizationId, id }).first();
}

/**
 * Blocks time on a calendar. For a bookable's calendar the block claims the bookable's time like a
 * booking does, under the same exclusion constraint: it cannot overlap a booking or a live hold
 * (SLOT_UNAVAILABLE), and nothing can be booked into it afterwards.
 */
export async function insertCalendarBlock(db: Knex, block: Omit<CalendarBlockRow, 'createdAt' | 'bookableId'>, bookableId: string | null): Promise<CalendarBlockRow> {
  try {
    return await db.transaction(async (trx) => {
      const [row] = await trx('calendar_blocks').insert({ ...block, bookableId, overrideRules: block.overrideRules ? JSON.stringify(block.overrideRules) : null }).returning('*');
      if (bookableId) {
        await lockBookableTime(trx, [bookableId]);
        const period = trx.raw("tstzrange(?, ?, '[)')", [block.startsAt, block.endsAt]);
        await clearLapsedHolds(trx, [bookableId], period);
        // Blocked time closes every unit of a bookable that takes several bookings at once.
        const units = (await unitsFor(trx, [bookableId])).get(bookableId) ?? 1;
        await trx('allocations').insert(Array.from({ length: units }, (_, unit) => ({ organizationId: block.organizationId, bookableId, unit, period, kind: 'block', blockId: block.id })));
      }
      return row as CalendarBlockRow;
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.exclusionViolation) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time overlaps bookings or holds; move or cancel them first.', {
        startsAt: block.startsAt.toISOString(),
        endsAt: block.endsAt.toISOString(),
      });
    }
    throw error;
  }
}

/** Removes a block and frees its time. False when there is no such block on the calendar. */
export async function deleteCalendarBlock(db: Knex, organizationId: string, calendarId: string, blockId: string): Promise<boolean> {
  return db.transaction(async (trx) => {
    await trx('allocations').where({ blockId, organizationId }).delete();
    const deleted = await trx('calendar_blocks').where({ id: blockId, calendarId, organizationId }).delete();
    return deleted > 0;
  });
}

/** Blocks of a calendar that end after `from`, in time order. */
export async function listCalendarBlocks(db: Knex, calendarId: string, from: Date): Promise<CalendarBlockRow[]> {
  return db('calendar_blocks').where({ calendarId }).where('ends_at', '>', from).orderBy('starts_at');
}

/** A special day as stored. */
export interface CalendarOverrideRow extends DateOverride {
  id: string;
  calendarId: string;
  createdAt: Date;
}

function overrideFromRow(row: Record<string, unknown>): CalendarOverrideRow {
  const date = row.date instanceof Date ? row.date.toISOString().slice(0, 10) : String(row.date);
  return {
    id: row.id as string,
    calendarId: row.calendarId as string,
    date,
    kind: row.kind as DateOverride['kind'],
    ...(Array.isArray(row.ranges) && row.ranges.length ? { ranges: row.ranges as DateOverride['ranges'] } : {}),
    ...(row.pricingMultiplierBps !== null && row.pricingMultiplierBps !== undefined ? { pricingMultiplierBps: row.pricingMultiplierBps as number } : {}),
    recurringYearly: row.recurringYearly as boolean,
    ...(row.reason ? { reason: row.reason as string } : {}),
    createdAt: row.createdAt as Date,
  };
}

/** Adds a special day; one one-off and one yearly override per date at most (ALREADY_EXISTS). */
export async function insertCalendarOverride(db: Knex, override: DateOverride & { id: string; organizationId: string; calendarId: string }): Promise<CalendarOverrideRow> {
  try {
    const [row] = await db('calendar_overrides')
      .insert({ ...override, ranges: JSON.stringify(override.ranges ?? []) })
      .returning('*');
    return overrideFromRow(row);
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      throw new DomainError('ALREADY_EXISTS', 'That date already has an override of this kind; delete it first.', { fields: [{ path: 'date', message: 'already overridden' }] });
    }
    throw error;
  }
}

/** The special days of a calendar, by date. */
export async function listCalendarOverrides(db: Knex, calendarId: string): Promise<CalendarOverrideRow[]> {
  const rows = await db('calendar_overrides').where({ calendarId }).orderBy(['date', 'recurring_yearly']);
  return rows.map(overrideFromRow);
}

/** Removes a special day; false when there is none with that id on the calendar. */
export async function deleteCalendarOverride(db: Knex, organizationId: string, calendarId: string, id: string): Promise<boolean> {
  return (await db('calendar_overrides').where({ organizationId, calendarId, id }).delete()) > 0;
}

/** Changes a calendar's name, zone, pattern (the weekly schedule is kept in its own column) or cascading settings. */
export async function updateCalendar(db: Knex, organizationId: string, id: string, change: { name?: string; timezone?: string; weeklySchedule?: unknown; pattern?: Record<string, unknown>; cascadingConfig?: unknown }): Promise<CalendarModel | undefined> {
  const current = await findCalendar(db, organizationId, id);
  if (!current) return undefined;
  return CalendarModel.query(db).patchAndFetchById(id, { ...change, updatedAt: new Date() } as Partial<CalendarModel>);
}

/** The special days of several calendars, by calendar id. */
export async function listCalendarOverridesOf(db: Knex, calendarIds: readonly string[]): Promise<Map<string, CalendarOverrideRow[]>> {
  const byCalendar = new Map<string, CalendarOverrideRow[]>();
  if (calendarIds.length === 0) return byCalendar;
  const rows = await db('calendar_overrides').whereIn('calendar_id', calendarIds as string[]).orderBy(['date', 'recurring_yearly']);
  for (const row of rows.map(overrideFromRow)) byCalendar.set(row.calendarId, [...(byCalendar.get(row.calendarId) ?? []), row]);
  return byCalendar;
}
