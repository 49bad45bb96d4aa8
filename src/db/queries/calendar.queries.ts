import type { Knex } from 'knex';
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
        const period = trx.raw("tstzrange(?, ?, '[)')", [block.startsAt, block.endsAt]);
        await clearLapsedHolds(trx, [bookableId], period);
        await trx('allocations').insert({ organizationId: block.organizationId, bookableId, unit: 0, period, kind: 'block', blockId: block.id });
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
