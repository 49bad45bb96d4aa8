/** What "changed nothing" means for the permission matrix: every row of the organizations' tables, counted and checksummed. */
import type { Knex } from 'knex';

/** One table's rows of the organizations under test: how many, and a checksum of their versions. */
export interface TableState {
  rows: number;
  checksum: string;
}

let orgScopedTables: Promise<string[]> | undefined;

/** Tables with an organization_id column, found in the schema so new tables are covered too. */
// The outbox and the event log are written by booking workflows in the background (a message sent, then
// its event), after the request that caused them has answered, so their rows keep arriving while other
// cells run; a refused request changes no booking, and so sends and publishes nothing, which the
// bookings' own tables already show.
function tablesWithOrganizationId(db: Knex): Promise<string[]> {
  orgScopedTables ??= db('information_schema.columns')
    .where({ table_schema: db.raw('current_schema()'), column_name: 'organization_id' })
    .whereNotIn('table_name', ['notifications', 'domain_events'])
    .orderBy('table_name')
    .pluck('table_name');
  return orgScopedTables;
}

/**
 * Row counts and a checksum of every organization-scoped table, restricted to `orgIds` (other test
 * files share the database): any insert, update or (soft) delete shows. The checksum sums each row's
 * `xmin` (the transaction that last wrote it), so it reads no row contents and needs no sorting.
 * `api_keys` is summed over its contents instead, without `last_used_at`: using a key stamps it.
 */
export async function snapshot(db: Knex, orgIds: readonly string[]): Promise<Record<string, TableState>> {
  const tables = await tablesWithOrganizationId(db);
  const select = (table: string, column: string) => {
    const rowSum = table === 'api_keys' ? `hashtext((to_jsonb(x) - 'last_used_at')::text)::bigint` : 'x.xmin::text::bigint';
    return `SELECT '${table}' AS t, count(*)::int AS n, coalesce(sum(${rowSum}), 0)::text AS h FROM "${table}" x WHERE x.${column} = ANY(:ids)`;
  };
  const sql = [select('organizations', 'id'), ...tables.map((table) => select(table, 'organization_id'))].join(' UNION ALL ');
  const result = await db.raw(sql, { ids: [...orgIds] });
  return Object.fromEntries((result.rows as { t: string; n: number; h: string }[]).map((r) => [r.t, { rows: r.n, checksum: r.h }]));
}
