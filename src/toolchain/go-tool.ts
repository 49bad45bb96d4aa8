import { spawn } from 'node:child_process';
import { constants as fsConstants, promises as fsp, statSync, accessSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Logger } from '../logger';

const EXE_SUFFIX = process.platform === 'win32' ? '.exe' : '';
const PROGRESS_INTERVAL_MS = 15_000;
const LOCK_POLL_MS = 1_000;
// A build holder refreshes the lock's mtime on every progress tick, so 20 minutes of silence means it died.
const LOCK_STALE_MS = 20 * 60_000;
const STDERR_TAIL_LINES = 200;

/** A command-line tool Bizing can find on the machine or build itself with `go install` into `.bizing/bin`. */
export interface GoToolSpec {
  /** How logs and errors name it, after "the" where the sentence needs one: "Temporal CLI", "stripe-mock". */
  displayName: string;
  /** The executable's name without any `.exe`: "temporal", "stripe-mock". */
  binaryName: string;
  /** The environment variable that points at a prebuilt binary and overrides every other source. */
  envVar: string;
  /** What `go install` builds, with its version: "github.com/stripe/stripe-mock@latest". */
  goTarget: string;
  /** Extra `go install` flags, e.g. `-ldflags=…`. */
  goInstallFlags?: string[];
  /** How long a first build takes, for the progress lines: "a few minutes". */
  buildTime: string;
  /** The third way out in the "not found" error, e.g. "install the Temporal CLI onto PATH (https://…)". */
  manualInstallHint: string;
  /** Appended to the "not found" error. */
  extraHelp?: string;
  /** Extra check that an executable cached binary is still the wanted one (e.g. its version); false rebuilds it. */
  isCacheCurrent?: (cachedPath: string, logger: Logger) => Promise<boolean>;
}

interface LockOwner {
  pid: number;
  hostname: string;
  startedAt: string;
}

/** Returns the absolute path of a usable binary: env override, PATH, project cache, or a one-time `go install`. */
export async function obtainGoTool(spec: GoToolSpec, opts: { projectRoot: string; logger: Logger }): Promise<string> {
  const { logger } = opts;
  const name = `${spec.binaryName}${EXE_SUFFIX}`;
  const binDir = path.join(path.resolve(opts.projectRoot), '.bizing', 'bin');
  const cachedPath = path.join(binDir, name);

  const fromEnv = process.env[spec.envVar];
  if (fromEnv !== undefined && fromEnv.trim() !== '') {
    const resolved = path.resolve(opts.projectRoot, fromEnv.trim());
    // An explicit override that is broken should fail loudly rather than silently fall back to something else.
    if (!isExecutableFile(resolved)) {
      throw new Error(
        `${spec.envVar} is set to "${fromEnv}" (resolved to ${resolved}), but that is not an executable file. ` +
          `Fix the path or unset ${spec.envVar} to let Bizing find or build the ${spec.displayName} itself.`,
      );
    }
    logger.info({ source: 'env', path: resolved }, `using ${spec.displayName} from ${spec.envVar}`);
    return resolved;
  }

  const onPath = findOnPath(name);
  if (onPath !== null) {
    logger.info({ source: 'path', path: onPath }, `using ${spec.displayName} found on PATH`);
    return onPath;
  }

  if (await isCacheUsable(spec, cachedPath, logger)) {
    logger.info({ source: 'cache', path: cachedPath }, `using cached project-local ${spec.displayName}`);
    return cachedPath;
  }

  const goBinary = findGo();
  if (goBinary !== null) {
    const built = await buildWithGo({ spec, goBinary, binDir, cachedPath, projectRoot: opts.projectRoot, logger });
    logger.info(
      { source: built ? 'go-install' : 'cache', path: cachedPath },
      built ? `using ${spec.displayName} built with go install` : `using ${spec.displayName} built by a concurrent process`,
    );
    return cachedPath;
  }

  throw new Error(
    `No ${spec.displayName} found. Tried: ${spec.envVar} (unset), \`${name}\` on PATH, ` +
      `${cachedPath}, and building with Go (no \`go\` on PATH or at /usr/local/go/bin/go). ` +
      `Fix it by one of: (1) set ${spec.envVar} to an existing ${spec.displayName} binary; ` +
      `(2) install Go so Bizing can run \`go install ${spec.goTarget}\` into .bizing/bin; ` +
      `(3) ${spec.manualInstallHint}.` +
      (spec.extraHelp ? ` ${spec.extraHelp}` : ''),
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

/** The cached binary exists, is executable and passes the spec's own check (if any). */
async function isCacheUsable(spec: GoToolSpec, cachedPath: string, logger: Logger): Promise<boolean> {
  if (!isExecutableFile(cachedPath)) return false;
  return spec.isCacheCurrent === undefined || (await spec.isCacheCurrent(cachedPath, logger));
}

interface BuildArgs {
  spec: GoToolSpec;
  goBinary: string;
  binDir: string;
  cachedPath: string;
  projectRoot: string;
  logger: Logger;
}

/** Builds the tool once under a cross-process lock so concurrent starters share one build; false if another built it. */
async function buildWithGo(args: BuildArgs): Promise<boolean> {
  const { spec, binDir, cachedPath, logger } = args;
  await fsp.mkdir(binDir, { recursive: true });
  const lockDir = lockDirFor(args);
  await acquireLock(lockDir, spec.displayName, logger);
  try {
    // Another process may have finished the build while we waited for the lock.
    if (await isCacheUsable(spec, cachedPath, logger)) return false;
    await runGoInstall(args);
    return true;
  } finally {
    await fsp.rm(lockDir, { recursive: true, force: true });
  }
}

function lockDirFor(args: BuildArgs): string {
  return path.join(args.binDir, `.${args.spec.binaryName}-build.lock`);
}

/** Runs `go install` into a private temp dir and renames the result in, so readers never see a half-written binary. */
async function runGoInstall(args: BuildArgs): Promise<void> {
  const { spec, goBinary, binDir, cachedPath, logger } = args;
  const tmpBin = await fsp.mkdtemp(path.join(binDir, '.build-'));
  const lockDir = lockDirFor(args);
  const target = spec.goTarget;
  const started = Date.now();
  logger.info({ source: 'go-install', go: goBinary, target }, `building the ${spec.displayName} with go install (first time only)`);

  const stderrTail: string[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(goBinary, ['install', ...(spec.goInstallFlags ?? []), target], {
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
        logger.info({ elapsedSec }, `still building the ${spec.displayName} (first time only, takes ${spec.buildTime})…`);
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
              `module cache; alternatively set ${spec.envVar} to a prebuilt binary. go output:\n` +
              stderrTail.join('\n'),
          ),
        );
      });
    });
    await fsp.rename(path.join(tmpBin, `${spec.binaryName}${EXE_SUFFIX}`), cachedPath);
  } finally {
    await fsp.rm(tmpBin, { recursive: true, force: true });
  }
  logger.info({ durationMs: Date.now() - started, path: cachedPath }, `built the ${spec.displayName}`);
}

/** Takes the build lock (an atomic mkdir), waiting for a live holder and breaking a stale one. */
async function acquireLock(lockDir: string, displayName: string, logger: Logger): Promise<void> {
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
      logger.warn({ lockDir }, `removing stale ${displayName} build lock`);
      await fsp.rm(lockDir, { recursive: true, force: true });
      continue;
    }
    if (Date.now() - lastLog >= PROGRESS_INTERVAL_MS) {
      lastLog = Date.now();
      logger.info({ lockDir }, `another process is building the ${displayName}; waiting for it…`);
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
