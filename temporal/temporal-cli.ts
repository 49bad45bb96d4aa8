import { execFile } from 'node:child_process';
import type { Logger } from '../src/logger';
import { obtainGoTool, type GoToolSpec } from '../src/toolchain/go-tool';

/** The Temporal CLI release we build and expect; bump deliberately, the dev-server flags depend on it. */
export const TEMPORAL_CLI_VERSION = 'v1.5.1';

const CLI_MODULE = 'github.com/temporalio/cli/cmd/temporal';

const TEMPORAL_CLI: GoToolSpec = {
  displayName: 'Temporal CLI',
  binaryName: 'temporal',
  envVar: 'TEMPORAL_CLI_PATH',
  goTarget: `${CLI_MODULE}@${TEMPORAL_CLI_VERSION}`,
  // Same flags as the official release: strip debug info and stamp the version (a plain go install reports 0.0.0-DEV,
  // which would defeat our cache version check). ldflags only affect linking, so a warm compile cache still applies.
  goInstallFlags: [`-ldflags=-s -w -X github.com/temporalio/cli/temporalcli.Version=${TEMPORAL_CLI_VERSION.replace(/^v/, '')}`],
  buildTime: 'a few minutes',
  manualInstallHint: 'install the Temporal CLI onto PATH (https://docs.temporal.io/cli)',
  // The SDK's own fallback (@temporalio/core-bridge's ephemeral-server download) needs internet, which we cannot assume.
  extraHelp:
    'On a machine with internet access, `TestWorkflowEnvironment.createLocal()` from @temporalio/testing can also ' +
    'download a dev server binary automatically.',
  isCacheCurrent: isCachedCliCurrent,
};

/** Returns the absolute path of a usable Temporal CLI: env override, PATH, project cache, or a one-time `go install`. */
export async function obtainTemporalCli(opts: { projectRoot: string; logger: Logger }): Promise<string> {
  return obtainGoTool(TEMPORAL_CLI, { projectRoot: opts.projectRoot, logger: opts.logger.child({ component: 'temporal-cli' }) });
}

/** Checks the cached binary reports the pinned version, so bumping TEMPORAL_CLI_VERSION triggers a rebuild. */
async function isCachedCliCurrent(cachedPath: string, logger: Logger): Promise<boolean> {
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
