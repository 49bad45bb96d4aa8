import { spawn } from 'node:child_process';
import { createWriteStream, promises as fsp, type WriteStream } from 'node:fs';
import path from 'node:path';
import { findFreePort } from '../db/database-server';
import type { Logger } from '../logger';
import { obtainGoTool } from '../toolchain/go-tool';

const HOST = '127.0.0.1';
const READY_TIMEOUT_MS = 15_000;
const READY_POLL_MS = 100;
const OUTPUT_TAIL_LINES = 50;
/** stripe-mock accepts any key of the right shape; this one is only ever sent to loopback. */
const MOCK_SECRET_KEY = 'sk_test_mock';

/** A running stripe-mock: a stateless fake of Stripe's API that validates requests and answers with fixtures. */
export interface StripeMockServer {
  /** `http://127.0.0.1:<port>`, to pass as the Stripe gateway's `apiUrl`. */
  url: string;
  stop(): Promise<void>;
}

/** Returns the absolute path of a stripe-mock binary: STRIPE_MOCK_PATH, PATH, `.bizing/bin`, or a one-time `go install`. */
export function obtainStripeMock(opts: { projectRoot: string; logger: Logger }): Promise<string> {
  return obtainGoTool(
    {
      displayName: 'stripe-mock server',
      binaryName: 'stripe-mock',
      envVar: 'STRIPE_MOCK_PATH',
      // @latest resolved to v0.203.0 when this was written; the cached build is reused until .bizing/bin/stripe-mock is deleted.
      goTarget: 'github.com/stripe/stripe-mock@latest',
      buildTime: 'under a minute',
      manualInstallHint: 'put a stripe-mock binary on PATH (https://github.com/stripe/stripe-mock)',
    },
    { projectRoot: opts.projectRoot, logger: opts.logger.child({ component: 'stripe-mock' }) },
  );
}

/** Starts stripe-mock on free loopback ports (HTTP and HTTPS) and resolves once its HTTP API answers. */
export async function startStripeMock(opts: { binaryPath: string; logger: Logger; logFile?: string }): Promise<StripeMockServer> {
  const logger = opts.logger.child({ component: 'stripe-mock' });
  const httpPort = await findFreePort();
  let httpsPort = await findFreePort();
  while (httpsPort === httpPort) httpsPort = await findFreePort();
  const url = `http://${HOST}:${httpPort}`;

  let logStream: WriteStream | null = null;
  if (opts.logFile !== undefined) {
    await fsp.mkdir(path.dirname(path.resolve(opts.logFile)), { recursive: true });
    logStream = createWriteStream(opts.logFile, { flags: 'a' });
  }

  // Both listeners are given explicitly: with neither, stripe-mock binds its default ports on all interfaces.
  const child = spawn(opts.binaryPath, ['-http-addr', `${HOST}:${httpPort}`, '-https-addr', `${HOST}:${httpsPort}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const onOutput = (chunk: Buffer): void => {
    logStream?.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n').filter((line) => line.trim() !== ''));
    tail.splice(0, Math.max(0, tail.length - OUTPUT_TAIL_LINES));
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);

  // Settles once the process is gone, including when it never started (ENOENT/EACCES emit only 'error').
  const exited = new Promise<string>((resolve) => {
    child.once('exit', (code, signal) => resolve(`exit ${code ?? signal}`));
    child.once('error', (error) => {
      if (child.pid === undefined) resolve(error.message);
    });
  });
  const alive = (): boolean => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  // A parent that exits without stop() would otherwise leave the mock holding its ports.
  const killOnExit = (): void => {
    if (alive()) child.kill('SIGKILL');
  };
  process.on('exit', killOnExit);

  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    // Stateless, so there is nothing to flush: SIGTERM ends it at once.
    stopping ??= (async () => {
      if (alive()) child.kill('SIGTERM');
      await exited;
      process.off('exit', killOnExit);
      if (logStream !== null) await new Promise<void>((resolve) => logStream!.end(resolve));
      logger.info({ url }, 'stripe-mock stopped');
    })();
    return stopping;
  };

  const started = Date.now();
  const abort = new AbortController();
  try {
    await Promise.race([
      waitUntilReady(url, abort.signal),
      exited.then((how) => {
        throw new Error(`stripe-mock at ${opts.binaryPath} did not start (${how}). Output:\n${tail.join('\n')}`);
      }),
    ]);
  } catch (err) {
    await stop();
    throw err;
  } finally {
    abort.abort();
  }
  logger.info({ url, startupMs: Date.now() - started }, 'stripe-mock ready');
  return { url, stop };
}

/** Polls `GET /v1/charges` until it answers 200, for at most 15 s. */
async function waitUntilReady(url: string, signal: AbortSignal): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = 'no answer';
  while (Date.now() < deadline && !signal.aborted) {
    try {
      const response = await fetch(`${url}/v1/charges`, {
        headers: { Authorization: `Bearer ${MOCK_SECRET_KEY}` },
        signal: AbortSignal.any([signal, AbortSignal.timeout(2_000)]),
      });
      await response.arrayBuffer();
      if (response.status === 200) return;
      lastProblem = `HTTP ${response.status}`;
    } catch (err) {
      lastProblem = err instanceof Error ? err.message : String(err);
    }
    await new Promise((resolve) => setTimeout(resolve, READY_POLL_MS));
  }
  if (!signal.aborted) throw new Error(`stripe-mock at ${url} was not ready after ${READY_TIMEOUT_MS / 1000} s: ${lastProblem}`);
}
