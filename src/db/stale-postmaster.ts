import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../logger';

/** Recovery from a crashed embedded PostgreSQL: the postmaster.pid it leaves behind. */

const ORPHAN_STOP_TIMEOUT_MS = 20_000;

/** The `code` of a Node system error (ESRCH, EADDRINUSE…), if it has one. */
export function errnoCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string' ? err.code : undefined;
}

/**
 * After a crash postmaster.pid stays behind. Removes it when its pid is dead or now belongs to an
 * unrelated process; stops an orphaned postmaster of this dataDir (its Node parent was kill -9'd);
 * refuses when a live Node process still owns that postmaster (another instance is running).
 */
export async function clearStalePostmasterPid(dataDir: string, log: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  let content: string;
  try {
    content = await fs.readFile(pidFile, 'utf8');
  } catch (err) {
    if (errnoCode(err) === 'ENOENT') return;
    throw err;
  }
  const pid = Number(content.split('\n')[0]?.trim());
  const owner = Number.isInteger(pid) && pid > 0 ? await describeProcess(pid) : undefined;
  // Zombies and recycled pids count as dead; only a live postgres started with this -D is ours.
  const isOurPostmaster =
    owner !== undefined && !owner.state.startsWith('Z') && owner.args.includes('postgres') && owner.args.includes(dataDir);
  if (!isOurPostmaster) {
    if (owner === undefined && Number.isInteger(pid) && pid > 0 && isProcessAlive(pid)) {
      // Alive but we cannot inspect it (no `ps`, e.g. Windows): leave the decision to postgres itself.
      return;
    }
    log.warn({ pid, pidFile }, 'removing stale postmaster.pid left by a previous run that did not shut down cleanly');
    await fs.rm(pidFile, { force: true });
    return;
  }

  const parent = owner.ppid > 1 ? await describeProcess(owner.ppid) : undefined;
  if (parent !== undefined && /(^|[/\s])(node|tsx)(\s|$)/.test(parent.args)) {
    throw new Error(
      `The embedded PostgreSQL data directory ${dataDir} is in use by postgres pid ${pid}, started by process ${owner.ppid} (${parent.args.slice(0, 120)}). ` +
        'Is another instance of the app running? Stop it first, or use a different data directory.',
    );
  }
  log.warn({ pid, dataDir }, 'found an orphaned embedded PostgreSQL from a previous run; shutting it down');
  await signalAndWait(pid, 'SIGINT', ORPHAN_STOP_TIMEOUT_MS);
  if (!(await isGone(pid))) await signalAndWait(pid, 'SIGQUIT', 5_000);
  if (!(await isGone(pid))) {
    throw new Error(`Could not stop the orphaned PostgreSQL (pid ${pid}) that holds ${dataDir}; stop it manually`);
  }
}

interface ProcessInfo {
  ppid: number;
  state: string;
  args: string;
}

/** Uses `ps` (Linux and macOS) rather than /proc so the check also works on macOS. */
function describeProcess(pid: number): Promise<ProcessInfo | undefined> {
  return new Promise((resolve) => {
    execFile('ps', ['-ww', '-o', 'ppid=', '-o', 'stat=', '-o', 'args=', '-p', String(pid)], (err, stdout) => {
      const match = err ? null : /^\s*(\d+)\s+(\S+)\s+(.*)$/.exec(stdout.trim());
      resolve(match ? { ppid: Number(match[1]), state: match[2] ?? '', args: match[3] ?? '' } : undefined);
    });
  });
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return errnoCode(err) === 'EPERM';
  }
}

async function isGone(pid: number): Promise<boolean> {
  if (!isProcessAlive(pid)) return true;
  const info = await describeProcess(pid);
  return info === undefined || info.state.startsWith('Z');
}

async function signalAndWait(pid: number, signal: NodeJS.Signals, timeoutMs: number): Promise<void> {
  try {
    process.kill(pid, signal);
  } catch {
    return; // Already gone.
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !(await isGone(pid))) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

