import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pgErrorCode } from './db-errors';

/**
 * Administration of a PostgreSQL server the app does not own (DATABASE_URL) or owns (embedded):
 * creating the app's database when missing, and throwaway databases for tests.
 */

/** A throwaway database on an existing server; see createScratchDatabase. */
export interface ScratchDatabase {
  connectionString: string;
  drop(): Promise<void>;
}

type PgClient = InstanceType<typeof pg.Client>;

const MAINTENANCE_DATABASE = 'postgres';

// PostgreSQL truncates identifiers beyond 63 bytes; ASCII-only names keep bytes == characters,
// and a conservative alphabet keeps names unsurprising in URLs, logs and shells (we still quote).
const DATABASE_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_-]{0,62}$/;
// Lower case only, so the name reads the same quoted or unquoted in psql.
const SCRATCH_PREFIX_PATTERN = /^[a-z_][a-z0-9_]*$/;

// SQLSTATEs we react to.
const INVALID_CATALOG_NAME = '3D000';
const DUPLICATE_DATABASE = '42P04';

/** Creates a uniquely named database (prefix + random suffix) on the server serverUrl points at; drop() removes it. */
export async function createScratchDatabase(opts: { serverUrl: string; prefix: string }): Promise<ScratchDatabase> {
  if (!SCRATCH_PREFIX_PATTERN.test(opts.prefix)) {
    throw new Error(`Scratch database prefix ${JSON.stringify(opts.prefix)} must match ${SCRATCH_PREFIX_PATTERN.source}`);
  }
  const separator = opts.prefix.endsWith('_') ? '' : '_';
  const name = `${opts.prefix}${separator}${randomBytes(6).toString('hex')}`;
  assertValidDatabaseName(name, 'Scratch database name');

  const adminUrl = withDatabase(opts.serverUrl, MAINTENANCE_DATABASE);
  await withClient(adminUrl, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`));

  let dropping: Promise<void> | undefined;
  return {
    connectionString: withDatabase(opts.serverUrl, name),
    // Memoised so that calling drop() twice (e.g. afterAll plus a failure path) is harmless.
    drop: () =>
      (dropping ??= withClient(adminUrl, async (client) => {
        const quoted = client.escapeIdentifier(name);
        const version = await client.query('SHOW server_version_num');
        const versionNum = Number((version.rows[0] as { server_version_num?: string } | undefined)?.server_version_num);
        if (versionNum >= 130000) {
          // FORCE terminates leftover sessions (e.g. a pool a test forgot to close) atomically with the drop.
          await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
        } else {
          await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
          await client.query(`DROP DATABASE IF EXISTS ${quoted}`);
        }
      })),
  };
}

// ---------------------------------------------------------------------------------------------
// External server (DATABASE_URL)
// ---------------------------------------------------------------------------------------------

/** Creates the database named in the URL if it does not exist yet; returns whether it created it. */
export async function ensureDatabaseExists(databaseUrl: string): Promise<boolean> {
  const name = databaseNameOf(databaseUrl);
  // Try the target first: when it already exists we need neither the maintenance DB nor CREATEDB rights.
  try {
    await withClient(databaseUrl, async () => {});
    return false;
  } catch (err) {
    if (pgErrorCode(err) !== INVALID_CATALOG_NAME) throw err;
  }
  await withClient(withDatabase(databaseUrl, MAINTENANCE_DATABASE), async (client) => {
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } catch (err) {
      // Another process (a second worker starting at the same time) created it first: fine.
      if (pgErrorCode(err) !== DUPLICATE_DATABASE) throw err;
    }
  });
  return true;
}

/** Runs fn with a connected client and always closes it; connection errors name the server (never the password). */
async function withClient<T>(connectionString: string, fn: (client: PgClient) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString, connectionTimeoutMillis: 10_000 });
  // A client that loses its server emits 'error'; unhandled, that would crash the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    const wrapped = new Error(`Could not connect to PostgreSQL at ${describeUrl(connectionString)}: ${reason}`, { cause: err });
    // Keep the SQLSTATE visible to callers (e.g. 3D000 "database does not exist").
    Object.assign(wrapped, { code: pgErrorCode(err) });
    throw wrapped;
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

function databaseNameOf(databaseUrl: string): string {
  const url = parseUrl(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  assertValidDatabaseName(name, 'The database name in DATABASE_URL');
  return name;
}

function withDatabase(databaseUrl: string, database: string): string {
  const url = parseUrl(databaseUrl);
  url.pathname = `/${encodeURIComponent(database)}`;
  return url.toString();
}

function parseUrl(databaseUrl: string): URL {
  try {
    return new URL(databaseUrl);
  } catch {
    // Do not echo the URL: it may carry a password.
    throw new Error('DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)');
  }
}

/** host:port/database for logs and errors: never includes credentials. */
export function describeUrl(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    return `${url.host || 'localhost'}${url.pathname}`;
  } catch {
    return '<invalid url>';
  }
}

export function assertValidDatabaseName(name: string, what: string): void {
  if (!DATABASE_NAME_PATTERN.test(name)) {
    throw new Error(
      `${what} ${JSON.stringify(name)} is not allowed: use 1-63 characters of letters, digits, '_' or '-', not starting with a digit or '-'`,
    );
  }
}

