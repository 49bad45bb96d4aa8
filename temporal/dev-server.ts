import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import type { Logger } from '../src/logger';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 60_000;
const READY_POLL_MS = 250;
const STOP_GRACE_MS = 10_000;
const OUTPUT_TAIL_LINES = 50;

/** What a running dev server exposes to its owner. */
export interface TemporalDevServer {
  address: string;
  uiUrl: string | null;
  namespace: string;
  stop(): Promise<void>;
}

/** Options for {@link startTemporalDevServer}; ports default to free loopback ports. */
export interface StartTemporalDevServerOptions {
  cliPath: string;
  logger: Logger;
  port?: number;
  uiPort?: number;
  headless?: boolean;
  dbFilename?: string;
  namespace?: string;
  logFile?: string;
}

/** Spawns `temporal server start-dev` on loopback and resolves once its frontend answers gRPC calls. */
export async function startTemporalDevServer(opts: StartTemporalDevServerOptions): Promise<TemporalDevServer> {
  const logger = opts.logger.child({ component: 'temporal-dev-server' });
  const namespace = opts.namespace ?? 'default';
  const headless = opts.headless ?? false;

  // Explicit ports are checked up front because the CLI's own "port in use" error is easy to miss in JSON logs.
  const port = opts.port ?? (await findFreePort());
  if (opts.port !== undefined) await assertPortFree(opts.port, 'gRPC');
  let uiPort: number | null = null;
  if (!headless) {
    uiPort = opts.uiPort ?? (await findFreePort());
    if (opts.uiPort !== undefined) await assertPortFree(opts.uiPort, 'Web UI');
  }

  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(port)];
  if (uiPort !== null) args.push('--ui-port', String(uiPort));
  else args.push('--headless');
  if (opts.dbFilename !== undefined) {
    const dbFilename = path.resolve(opts.dbFilename);
    // The CLI refuses to start if the db file's directory is missing.
    await fsp.mkdir(path.dirname(dbFilename), { recursive: true });
    // WAL + synchronous=NORMAL keeps durability across process crashes while making writes far cheaper.
    args.push('--db-filename', dbFilename, '--sqlite-pragma', 'journal_mode=WAL', '--sqlite-pragma', 'synchronous=NORMAL');
  }
  // "default" always exists; only extra namespaces need to be requested.
  if (namespace !== 'default') args.push('--namespace', namespace);
  args.push(
    '--log-format', 'json',
    '--log-level', 'warn',
    // No phoning home: we only ever talk to loopback.
    '--dynamic-config-value', 'frontend.enableServerVersionCheck=false',
  );

  let logStream: WriteStream | null = null;
  if (opts.logFile !== undefined) {
    await fsp.mkdir(path.dirname(path.resolve(opts.logFile)), { recursive: true });
    logStream = createWriteStream(opts.logFile, { flags: 'a' });
  }

  const address = `${HOST}:${port}`;
  const uiUrl = uiPort === null ? null : `http://${HOST}:${uiPort}`;
  logger.info({ cliPath: opts.cliPath, address, uiUrl, namespace, dbFilename: opts.dbFilename ?? null }, 'starting Temporal dev server');

  const child = spawn(opts.cliPath, args, {
    env: { ...process.env, TEMPORAL_VERSION_CHECK_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail = captureOutput(child, logStream);

  const isRunning = (): boolean => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  // A parent that exits without stop() (process.exit, uncaught error) would otherwise orphan a server holding the port.
  // ('exit' does not fire on signal death; Ctrl-C reaches the child anyway via the shared process group.)
  const killOnExit = (): void => {
    if (isRunning()) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  // Settles once the process is gone, including the case where it never started (ENOENT/EACCES emit only 'error').
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; error?: Error }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
    child.once('error', (error) => {
      if (child.pid === undefined) resolve({ code: null, signal: null, error });
    });
  });

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (isRunning()) {
        child.kill('SIGTERM');
        const graceful = await raceTimeout(exited, STOP_GRACE_MS);
        if (!graceful) {
          logger.warn({ address }, 'Temporal dev server did not exit within 10 s of SIGTERM; sending SIGKILL');
          child.kill('SIGKILL');
        }
      }
      await exited;
      process.off('exit', killOnExit);
      if (logStream !== null) await new Promise<void>((resolve) => logStream!.end(resolve));
      logger.info({ address }, 'Temporal dev server stopped');
    })();
    return stopping;
  };

  let ready = false;
  void exited.then(({ code, signal }) => {
    // Before readiness the startup race below reports the exit as an error, so only warn about later crashes.
    if (ready && stopping === null) {
      logger.warn({ address, code, signal, output: tail.join('\n') }, 'Temporal dev server exited unexpectedly');
    }
  });

  const started = Date.now();
  const abort = { aborted: false };
  try {
    await Promise.race([
      waitUntilReady(address, namespace, abort),
      exited.then(({ code, signal, error }) => {
        if (error) throw new Error(`could not run the Temporal CLI at ${opts.cliPath}: ${error.message}`);
        throw new Error(`Temporal dev server exited during startup (exit ${code ?? signal}). Output:\n${tail.join('\n')}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    // Stops the poll loop when the race was decided by the process exiting.
    abort.aborted = true;
  }
  ready = true;
  logger.info({ address, uiUrl, namespace, startupMs: Date.now() - started }, 'Temporal dev server ready');
  return { address, uiUrl, namespace, stop };
}

/** Polls the frontend with fresh connections until it answers, because gRPC channels back off once they fail. */
async function waitUntilReady(address: string, namespace: string, abort: { aborted: boolean }): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastError: unknown = null;
  while (Date.now() < deadline && !abort.aborted) {
    // lazy + ensureConnected is what Connection.connect does, but keeps a handle so failed attempts can be closed.
    const connection = Connection.lazy({ address, connectTimeout: 2_000 });
    try {
      await connection.ensureConnected();
      await connection.workflowService.getSystemInfo({});
      // Frontend up is not enough for callers that immediately start workflows; the namespace must resolve too.
      await connection.workflowService.describeNamespace({ namespace });
      return;
    } catch (err) {
      lastError = err;
    } finally {
      await connection.close().catch(() => undefined);
    }
    await delay(READY_POLL_MS);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new Error(`Temporal dev server at ${address} was not ready after ${READY_TIMEOUT_MS / 1000} s: ${reason}`);
}

/** Drains the child's pipes (a full pipe would stall the server) into the log file and a bounded in-memory tail. */
function captureOutput(child: ChildProcess, logStream: WriteStream | null): string[] {
  const tail: string[] = [];
  let partial = '';
  const onData = (chunk: Buffer): void => {
    logStream?.write(chunk);
    const lines = (partial + chunk.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      tail.push(line);
      if (tail.length > OUTPUT_TAIL_LINES) tail.shift();
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  return tail;
}

/** Asks the OS for an unused loopback port; there is a small race until the server binds it, acceptable for dev/test. */
function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      server.close(() => (port > 0 ? resolve(port) : reject(new Error('could not determine a free port'))));
    });
  });
}

/** Fails with an actionable message when a requested port is taken, typically by a dev server left running. */
function assertPortFree(port: number, purpose: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        reject(
          new Error(
            `Cannot start the Temporal dev server: ${purpose} port ${port} on ${HOST} is already in use. ` +
              'Another Temporal server (e.g. a previous `temporal server start-dev` or another Bizing process) may be ' +
              'running; stop it or choose a different port.',
          ),
        );
      } else {
        reject(err);
      }
    });
    server.listen(port, HOST, () => server.close(() => resolve()));
  });
}

/** Resolves true if `promise` settles within `ms`, false otherwise; clears its timer so it never holds the process open. */
async function raceTimeout(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([promise.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Promise-based sleep. */
function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
