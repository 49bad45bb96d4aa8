import { execFile, spawn } from 'node:child_process';
import { constants as fsConstants, promises as fsp, statSync, accessSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../src/logger';

/** The Temporal CLI release we build and expect; bump deliberately, the dev-server flags depend on it. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';
const EXE_SUFFIX = process.platform === 'win32' ? '.exe' : '';
const CLI_NAME = `temporal${EXE_SUFFIX}`;
const PROGRESS_INTERVAL_MS = 15_000;
const LOCK_POLL_MS = 1_000;
// A build holder refreshes the lock's mtime on every progress tick, so 20 minutes of silence means it died.
const LOCK_STALE_MS = 20 * 60_000;
const STDERR_TAIL_LINES = 200;

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** Returns the absolute path of a usable Temporal CLI: env override, PATH, project cache, or a one-time `go install`. */
export async function obtainTemporalCli(opts: { projectRoot: string; logger: Logger }): Promise<string> {
  const logger = opts.logger.child({ component: 'temporal-cli' });
  const binDir = path.join(path.resolve(opts.projectRoot), '.bizing', 'bin');
  const cachedPath = path.join(binDir, CLI_NAME);

  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const resolved = path.resolve(opts.projectRoot, fromEnv.trim());
    // An explicit override that is broken should fail loudly rather than silently fall back to something else.
    if (!isExecutableFile(resolved)) {
      throw new Error(
        `TEMPORAL_CLI_PATH is set to "${fromEnv}" (resolved to ${resolved}), but that is not an executable file. ` +
          'Fix the path or unset TEMPORAL_CLI_PATH to let Bizing find or build the CLI itself.',
      );
    }
    logger.info({ source: 'env', path: resolved }, 'using Temporal CLI from TEMPORAL_CLI_PATH');
    return resolved;
  }

  const onPath = findOnPath(CLI_NAME);
  if (onPath !== null) {
    logger.info({ source: 'path', path: onPath }, 'using Temporal CLI found on PATH');
    return onPath;
  }

  if (await isCachedCliCurrent(cachedPath, logger)) {
    logger.info({ source: 'cache', path: cachedPath }, 'using cached project-local Temporal CLI');
    return cachedPath;
  }

  const goBinary = findGo();
  if (goBinary !== null) {
    const built = await buildWithGo({ goBinary, binDir, cachedPath, projectRoot: opts.projectRoot, logger });
    logger.info(
      { source: built ? 'go-install' : 'cache', path: cachedPath },
      built ? 'using Temporal CLI built with go install' : 'using Temporal CLI built by a concurrent process',
    );
    return cachedPath;
  }

  // The SDK's own fallback (@temporalio/core-bridge's ephemeral-server download) needs internet, which we cannot assume.
  throw new Error(
    'No Temporal CLI found. Tried: TEMPORAL_CLI_PATH (unset), `temporal` on PATH, ' +
      `${cachedPath}, and building with Go (no \`go\` on PATH or at /usr/local/go/bin/go). ` +
      'Fix it by one of: (1) set TEMPORAL_CLI_PATH to an existing Temporal CLI binary; ' +
      `(2) install Go so Bizing can run \`go install ${CLI_MODULE}@${TEMPORAL_CLI_VERSION}\` into .bizing/bin; ` +
      '(3) install the Temporal CLI onto PATH (https://docs.temporal.io/cli). ' +
      'On a machine with internet access, `TestWorkflowEnvironment.createLocal()` from @temporalio/testing can also ' +
      'download a dev server binary automatically.',
  );
}

/** True when `file` is a regular file we may execute; sync because it runs a handful of times at startup. */
function isExecutableFile(file: string): boolean {
  try {
    if (!statSync(file).isFile()) return false;
    accessSync(file, fsConstants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Mirrors a shell's PATH lookup so we need no `which` dependency; first executable match wins. */
function findOnPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    // An empty PATH entry means "current directory" to a shell; we deliberately skip it to avoid surprises.
    if (dir === '') continue;
    const candidate = path.resolve(dir, name);
    if (isExecutableFile(candidate)) return candidate;
  }
  return null;
}

/** Locates a Go toolchain: PATH first, then the default tarball install location that is often not on PATH. */
function findGo(): string | null {
  const onPath = findOnPath(`go${EXE_SUFFIX}`);
  if (onPath !== null) return onPath;
  const fallback = '/usr/local/go/bin/go';
  return isExecutableFile(fallback) ? fallback : null;
}

/** Checks the cached binary exists and reports the pinned version, so bumping TEMPORAL_CLI_VERSION triggers a rebuild. */
async function isCachedCliCurrent(cachedPath: string, logger: Logger): Promise<boolean> {
  if (!isExecutableFile(cachedPath)) return false;
  const version = await readCliVersion(cachedPath);
  const wanted = TEMPORAL_CLI_VERSION.replace(/^v/, '');
  if (version === wanted) return true;
  logger.warn({ path: cachedPath, found: version, wanted }, 'cached Temporal CLI has the wrong version; rebuilding');
  return false;
}

/** Runs `temporal --version` and extracts "1.5.1" from "temporal version 1.5.1 (Server …)"; null if unreadable. */
function readCliVersion(cliPath: string): Promise<string | null> {
  return new Promise((resolve) => {
    execFile(cliPath, ['--version'], { timeout: 10_000 }, (err, stdout) => {
      if (err) return resolve(null);
      const match = /temporal version (\S+)/.exec(String(stdout));
      resolve(match?.[1] ?? null);
    });
  });
}

/** Builds the CLI once under a cross-process lock so concurrent starters share one build; false if another built it. */
async function buildWithGo(args: {
  goBinary: string;
  binDir: string;
  cachedPath: string;
  projectRoot: string;
  logger: Logger;
}): Promise<boolean> {
  const { binDir, cachedPath, logger } = args;
  await fsp.mkdir(binDir, { recursive: true });
  const lockDir = path.join(binDir, '.temporal-build.lock');
  await acquireLock(lockDir, logger);
  try {
    // Another process may have finished the build while we waited for the lock.
    if (await isCachedCliCurrent(cachedPath, logger)) return false;
    await runGoInstall(args);
    return true;
  } finally {
    await fsp.rm(lockDir, { recursive: true, force: true });
  }
}

/** Runs `go install` into a private temp dir and renames the result in, so readers never see a half-written binary. */
async function runGoInstall(args: { goBinary: string; binDir: string; cachedPath: string; projectRoot: string; logger: Logger }): Promise<void> {
  const { goBinary, binDir, cachedPath, logger } = args;
  const tmpBin = await fsp.mkdtemp(path.join(binDir, '.build-'));
  const lockDir = path.join(binDir, '.temporal-build.lock');
  const target = `${CLI_MODULE}@${TEMPORAL_CLI_VERSION}`;
  // Same flags as the official release: strip debug info and stamp the version (a plain go install reports 0.0.0-DEV,
  // which would defeat our cache version check). ldflags only affect linking, so a warm compile cache still applies.
  const ldflags = `-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`;
  const started = Date.now();
  logger.info({ source: 'go-install', go: goBinary, target }, 'building the Temporal CLI with go install (first time only)');

  const stderrTail: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(goBinary, ['install', ldflags, target], {
        cwd: args.projectRoot,
        env: { ...process.env, GOBIN: tmpBin },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const onOutput = (chunk: Buffer): void => {
        for (const line of chunk.toString('utf8').split('\n')) {
          if (line.trim() === '') continue;
          stderrTail.push(line);
          if (stderrTail.length > STDERR_TAIL_LINES) stderrTail.shift();
          logger.debug({ go: line }, 'go install output');
        }
      };
      child.stdout.on('data', onOutput);
      child.stderr.on('data', onOutput);
      const ticker = setInterval(() => {
        const elapsedSec = Math.round((Date.now() - started) / 1000);
        logger.info({ elapsedSec }, 'still building the Temporal CLI (first time only, takes a few minutes)…');
        // Heartbeat: a fresh mtime tells waiting processes that this build is alive, not stale.
        const now = new Date();
        fsp.utimes(lockDir, now, now).catch(() => undefined);
      }, PROGRESS_INTERVAL_MS);
      child.on('error', (err) => {
        clearInterval(ticker);
        reject(new Error(`failed to run ${goBinary}: ${err.message}`));
      });
      child.on('close', (code, signal) => {
        clearInterval(ticker);
        if (code === 0) return resolve();
        reject(
          new Error(
            `\`go install ${target}\` failed (exit ${code ?? signal}). Without network access this needs a warm Go ` +
              'module cache; alternatively set TEMPORAL_CLI_PATH to a prebuilt binary. go output:\n' +
              stderrTail.join('\n'),
          ),
        );
      });
    });
    await fsp.rename(path.join(tmpBin, CLI_NAME), cachedPath);
  } finally {
    await fsp.rm(tmpBin, { recursive: true, force: true });
  }
  logger.info({ durationMs: Date.now() - started, path: cachedPath }, 'built the Temporal CLI');
}

/** Takes the build lock (an atomic mkdir), waiting for a live holder and breaking a stale one. */
async function acquireLock(lockDir: string, logger: Logger): Promise<void> {
  let lastLog = 0;
  for (;;) {
    try {
      await fsp.mkdir(lockDir);
      const owner: LockOwner = { pid: process.pid, hostname: os.hostname(), startedAt: new Date().toISOString() };
      await fsp.writeFile(path.join(lockDir, 'owner.json'), JSON.stringify(owner));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    if (await isLockStale(lockDir)) {
      logger.warn({ lockDir }, 'removing stale Temporal CLI build lock');
      await fsp.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - lastLog >= PROGRESS_INTERVAL_MS) {
      lastLog = Date.now();
      logger.info({ lockDir }, 'another process is building the Temporal CLI; waiting for it…');
    }
    await new Promise((r) => setTimeout(r, LOCK_POLL_MS));
  }
}

/** A lock is stale when its heartbeat is older than 20 min, or its owner is a dead process on this host. */
async function isLockStale(lockDir: string): Promise<boolean> {
  let mtimeMs: number;
  try {
    mtimeMs = (await fsp.stat(lockDir)).mtimeMs;
  } catch {
    return false; // Vanished between mkdir and stat: the holder just released it, so simply retry.
  }
  if (Date.now() - mtimeMs > LOCK_STALE_MS) return true;
  try {
    const owner = JSON.parse(await fsp.readFile(path.join(lockDir, 'owner.json'), 'utf8')) as LockOwner;
    // Pids are only meaningful on the same host (the .bizing dir could sit on a shared volume).
    if (owner.hostname === os.hostname() && owner.pid !== process.pid && !isProcessAlive(owner.pid)) return true;
  } catch {
    // Owner file not written yet (holder is between mkdir and writeFile) or unreadable: rely on the mtime rule.
  }
  return false;
}

/** Signal 0 probes for existence without affecting the process; EPERM still means it exists. */
function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}
