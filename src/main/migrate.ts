/** `npm run migrate`: brings the database at DATABASE_URL up to the latest schema, then exits. */
import { loadConfig } from '../config/env';
import { createKnex, migrateToLatest } from '../db/knex';
import { createLogger } from '../logger';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url) throw new Error('Set DATABASE_URL (npm start migrates the embedded database by itself).');
  const db = createKnex(config.database.url);
  try {
    const applied = await migrateToLatest(db);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');
  } finally {
    await db.destroy();
  }
}

main().catch((err) => {
  process.stderr.write(`Migration failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
