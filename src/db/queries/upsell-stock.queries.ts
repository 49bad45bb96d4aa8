import type { Knex } from 'knex';

/**
 * How many of each upsell of a template are spoken for: the quantities in the price quotes of its live
 * holds and of its bookings that have not been cancelled, expired or missed. Inventory left is the
 * upsell's `quantityAvailable` minus this.
 */
export async function upsellQuantitiesTaken(db: Knex, organizationId: string, serviceTemplateId: string): Promise<Record<string, number>> {
  const taken = (table: 'reservations' | 'bookings', statuses: string[]) =>
    db(table)
      .crossJoin(db.raw("jsonb_array_elements(coalesce(price_quote->'lines', '[]'::jsonb)) AS line"))
      .where({ organizationId, serviceTemplateId })
      .whereIn('status', statuses)
      .whereRaw("line->>'kind' = 'upsell'")
      .select(db.raw("substring(line->>'code' from 8) AS upsell_id"), db.raw("(line->>'quantity')::int AS quantity"));
  const rows: Array<{ upsellId: string; quantity: number }> = await db
    .from(taken('reservations', ['held']).unionAll(taken('bookings', ['pending', 'confirmed', 'checked_in', 'completed', 'reviewed'])).as('taken'))
    .select('upsell_id')
    .sum({ quantity: 'quantity' })
    .groupBy('upsell_id');
  return Object.fromEntries(rows.map((row) => [row.upsellId, Number(row.quantity)]));
}
