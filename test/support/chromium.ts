import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** Debian's Chromium (`apt-get install chromium`); CHROMIUM_PATH points elsewhere if needed. */
export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** What headless Chromium saw: the DOM after scripts ran, and the browser's log (console messages, CSP violations, failed loads). */
export interface RenderedPage {
  dom: string;
  log: string;
}

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Opens a page on this machine in headless Chromium, lets its scripts run for up to
 * `virtualTimeBudgetMs` of virtual time, and returns the rendered DOM. Fails (never skips) when
 * Chromium is missing, and refuses any address but loopback.
 */
export async function renderPage(url: string, opts: { virtualTimeBudgetMs?: number; timeoutMs?: number } = {}): Promise<RenderedPage> {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Headless Chromium is needed for this test but ${chromiumPath} does not exist: install Debian's package with \`apt-get install -y chromium\` (or set CHROMIUM_PATH).`);
  }
  const { hostname } = new URL(url);
  if (!loopbackHosts.has(hostname)) throw new Error(`Only loopback pages are opened here, not ${url}.`);
  const profile = await mkdtemp(path.join(tmpdir(), 'bizing-chromium-'));
  const args = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-extensions',
    '--disable-dev-shm-usage',
    // Every host but the page's own fails to resolve, so nothing it loads can come from elsewhere.
    `--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE ${hostname}`,
    '--enable-logging=stderr',
    '--v=0',
    `--user-data-dir=${profile}`,
    `--virtual-time-budget=${opts.virtualTimeBudgetMs ?? 15_000}`,
    '--dump-dom',
    url,
  ];
  try {
    return await new Promise<RenderedPage>((resolve, reject) => {
      execFile(chromiumPath, args, { timeout: opts.timeoutMs ?? 90_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
        if (error) reject(new Error(`Chromium failed on ${url}: ${error.message}\n${stderr.slice(-4_000)}`));
        else resolve({ dom: stdout, log: stderr });
      });
    });
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
}
