import type { Knex } from 'knex';
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
  for (const row of rows) {
    const count = units.get(row.bookableId) ?? 1;
    for (let unit = 0; unit < count; unit++) {
      try {
        await trx.transaction(async (savepoint) => {
          await savepoint('allocations').insert({ ...row, unit });
        });
        break;
      } catch (error) {
        if (pgErrorCode(error) !== pgErrorCodes.exclusionViolation || unit === count - 1) throw error;
      }
    }
  }
}
