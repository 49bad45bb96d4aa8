import type { Knex } from 'knex';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import type { BookableKind } from './bookable-kinds';
import { bookableKindTables } from './bookable-kinds';

/**
 * Capacity in the database: a bookable that takes several bookings at once (a venue's simultaneous
 * bookings, a licence pool's concurrent limit, a group session's seats) has that many units, and
 * the exclusion constraint keeps each unit's allocations from overlapping. A claim takes the first
 * unit that is free for its whole period, so at any instant no more bookings hold a bookable than
 * it has units.
 */

/** How many bookings a bookable takes at once: a venue's simultaneous bookings, a licence pool's concurrent limit, else 1. */
export function capacityOf(type: BookableKind, details: Record<string, unknown>): number {
  if (type === 'venue') return (details.simultaneousBookings as number | undefined) ?? 1;
  if (type === 'virtual_resource') return (details.licensePool as { concurrentLimit?: number } | null | undefined)?.concurrentLimit ?? 1;
  return 1;
}

/** Units per bookable for a booking of the service: its own capacity, or the service's group seats when larger. */
export async function unitsFor(trx: Knex | Knex.Transaction, bookableIds: readonly string[], service?: { id: string; version: number }): Promise<Map<string, number>> {
  const bookables: Array<{ id: string; type: BookableKind }> = await trx('bookables').whereIn('id', bookableIds as string[]).select('id', 'type');
  const units = new Map<string, number>();
  for (const kind of new Set(bookables.map((b) => b.type))) {
    if (kind !== 'venue' && kind !== 'virtual_resource') continue;
    const rows = await trx(bookableKindTables[kind].table).whereIn('bookable_id', bookables.filter((b) => b.type === kind).map((b) => b.id));
    for (const { bookableId, ...details } of rows) units.set(bookableId, capacityOf(kind, details));
  }
  const seats = service ? await groupSeats(trx, service) : 1;
  for (const id of bookableIds) units.set(id, Math.max(units.get(id) ?? 1, seats));
  return units;
}

async function groupSeats(trx: Knex | Knex.Transaction, service: { id: string; version: number }): Promise<number> {
  const row = await trx('service_template_versions').where({ serviceTemplateId: service.id, version: service.version }).first('definition');
  const capacity = row?.definition?.capacity as { type?: string; group?: { maxParticipants?: number } } | undefined;
  return capacity?.type === 'group' ? (capacity.group?.maxParticipants ?? 1) : 1;
}

/**
 * Inserts each allocation on the first of its bookable's units that is free for the period (each
 * try in a savepoint). When every unit is taken the exclusion violation of the last try is thrown,
 * as a plain insert would throw it.
 */
export async function insertOnFreeUnits(trx: Knex.Transaction, rows: ReadonlyArray<Record<string, unknown> & { bookableId: string }>, units: ReadonlyMap<string, number>): Promise<void> {
  // Several rows on one bookable (a group booking's seats) take different units.
  const taken = new Map<string, Set<number>>();
  for (const row of rows) {
    const count = units.get(row.bookableId) ?? 1;
    const mine = taken.get(row.bookableId) ?? new Set<number>();
    taken.set(row.bookableId, mine);
    const free = Array.from({ length: count }, (_, unit) => unit).filter((unit) => !mine.has(unit));
    if (free.length === 0) throw new DomainError('SLOT_UNAVAILABLE', 'Not enough places left at that time.', { bookableId: row.bookableId });
    for (const unit of free) {
      try {
        await trx.transaction(async (savepoint) => {
          await savepoint('allocations').insert({ ...row, unit });
        });
        mine.add(unit);
        break;
      } catch (error) {
        if (pgErrorCode(error) !== pgErrorCodes.exclusionViolation || unit === free[free.length - 1]) throw error;
      }
    }
  }
}

/**
 * Queues this transaction behind every other writer of these bookables' time, until it ends. Two
 * transactions inserting overlapping rows under the exclusion constraint at the same instant each
 * wait for the other's uncommitted row, and PostgreSQL only breaks that deadlock after a second,
 * one transaction at a time: fifty customers rushing one slot would wait for each other for a
 * minute. Taken first by every transaction that inserts or moves allocation rows (before it deletes
 * any), in one order, so the first writer wins and the rest see its committed row at once.
 */
export async function lockBookableTime(trx: Knex.Transaction, bookableIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(bookableIds)].sort()) {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`bookable-time:${id}`]);
  }
}

/** The seats a booking takes on one of its bookables: its allocation units there (a group booking has one per seat; at least one). */
export async function bookingSeats(db: Knex, bookingId: string, bookableId: string): Promise<number> {
  const row = await db('allocations').where({ bookingId, bookableId }).count({ n: '*' }).first();
  return Math.max(1, Number(row?.n ?? 0));
}
