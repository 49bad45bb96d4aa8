import type { Knex } from 'knex';
import type { TimeRange } from '../../domain/shared/ranges';

/** The spans in [from, to) where the bookable's time is taken by a booking, blocked time or a live hold. */
export async function busyRanges(db: Knex, bookableId: string, from: Date, to: Date): Promise<TimeRange[]> {
  const rows: Array<{ start: Date; end: Date }> = await db('allocations')
    .where('bookable_id', bookableId)
    .where(db.raw("period && tstzrange(?, ?, '[)')", [from, to]))
    .where((q) => q.whereIn('kind', ['booking', 'block']).orWhere('expires_at', '>', db.fn.now()))
    .select(db.raw('lower(period) as start'), db.raw('upper(period) as "end"'));
  return rows.map((row) => ({ start: row.start, end: row.end }));
}
