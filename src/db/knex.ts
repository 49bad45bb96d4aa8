import path from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { knexSnakeCaseMappers } from 'objection';
import pg from 'pg';

// timestamptz comes back as Date (pg default); int8 (bigint ids, counts) as a JS number when safe.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

/** The folder of knex migrations: the only authority on the schema. */
export const migrationsDir = path.resolve(__dirname, '..', '..', 'migrations');

/** Opens a connection pool; rows come back with camelCase keys, columns stay snake_case. */
export function createKnex(connectionString: string, pool: { min?: number; max?: number } = {}): Knex {
  return knexFactory({
    client: 'pg',
    connection: connectionString,
    pool: { min: pool.min ?? 0, max: pool.max ?? 10 },
    migrations: { directory: migrationsDir, loadExtensions: ['.js'] },
    ...knexSnakeCaseMappers(),
  });
}

/** Brings the schema up to date; returns the names of the migrations that ran. */
export async function migrateToLatest(db: Knex): Promise<string[]> {
  const [, applied] = (await db.migrate.latest()) as [number, string[]];
  return applied;
}
