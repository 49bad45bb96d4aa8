import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { createLogger } from '../../src/logger';
import { provideDatabase, findFreePort } from '../../src/db/database-server';
import { createScratchDatabase } from '../../src/db/postgres-admin';
import { createKnex, migrateToLatest } from '../../src/db/knex';
import { projectRoot } from '../../src/config/env';
import { obtainTemporalCli } from '../../temporal/temporal-cli';
import { startTemporalDevServer } from '../../temporal/dev-server';
import { registerSearchAttributes } from '../../temporal/register-search-attributes';
import { bundleWorkflows } from '../../temporal/worker';
import { obtainStripeMock, startStripeMock } from '../../src/payments/stripe-mock-server';
import { Connection } from '@temporalio/client';

/** Where the suite's shared services are, handed from global set-up to every test file through env vars. */
export interface TestServiceAddresses {
  databaseUrl: string;
  temporalAddress: string;
  workflowBundlePath: string;
  stripeApiUrl: string;
}

const ENV = { databaseUrl: 'BIZING_TEST_DATABASE_URL', temporalAddress: 'BIZING_TEST_TEMPORAL_ADDRESS', workflowBundlePath: 'BIZING_TEST_WORKFLOW_BUNDLE', stripeApiUrl: 'BIZING_TEST_STRIPE_URL' } as const;

/** Reads the addresses global set-up published. */
export function testServiceAddresses(): TestServiceAddresses {
  const read = (name: string) => {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run the suite with jest (global set-up starts the services)`);
    return value;
  };
  return { databaseUrl: read(ENV.databaseUrl), temporalAddress: read(ENV.temporalAddress), workflowBundlePath: read(ENV.workflowBundlePath), stripeApiUrl: read(ENV.stripeApiUrl) };
}

/**
 * Starts what the whole suite shares: a fresh PostgreSQL database (a scratch database on DATABASE_URL's
 * server, else a throwaway embedded server), migrated; an in-memory headless Temporal dev server on
 * free ports; a stripe-mock on free loopback ports; and the workflow bundle, built once. Returns a
 * function that stops them all.
 */
export async function startTestServices(): Promise<{ addresses: TestServiceAddresses; stop: () => Promise<void> }> {
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'warn', 'bizing-test');
  const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'bizing-test-'));
  await fs.chmod(workDir, 0o755);

  const [database, temporal, stripeMock, workflowBundlePath] = await Promise.all([
    (async () => {
      if (process.env.DATABASE_URL) {
        const scratch = await createScratchDatabase({ serverUrl: process.env.DATABASE_URL, prefix: 'bizing_test' });
        return { connectionString: scratch.connectionString, stop: scratch.drop };
      }
      return provideDatabase({ dataDir: path.join(workDir, 'postgres'), port: await findFreePort(), databaseName: 'bizing_test', logger });
    })(),
    (async () => {
      // At info level: the first run builds the CLI with Go, and its progress lines should show.
      const cliPath = await obtainTemporalCli({ projectRoot, logger: createLogger('info', 'bizing-test') });
      const server = await startTemporalDevServer({ cliPath, logger, headless: true, logFile: path.join(workDir, 'temporal.log') });
      const connection = await Connection.connect({ address: server.address });
      await registerSearchAttributes(connection, server.namespace, logger);
      await connection.close();
      return server;
    })(),
    (async () => {
      const binaryPath = await obtainStripeMock({ projectRoot, logger: createLogger('info', 'bizing-test') });
      return startStripeMock({ binaryPath, logger, logFile: path.join(workDir, 'stripe-mock.log') });
    })(),
    (async () => {
      const bundle = await bundleWorkflows();
      const file = path.join(workDir, 'workflow-bundle.js');
      await fs.writeFile(file, bundle.code);
      return file;
    })(),
  ]);

  const db = createKnex(database.connectionString);
  await migrateToLatest(db);
  await db.destroy();

  const addresses = { databaseUrl: database.connectionString, temporalAddress: temporal.address, workflowBundlePath, stripeApiUrl: stripeMock.url };
  process.env[ENV.databaseUrl] = addresses.databaseUrl;
  process.env[ENV.temporalAddress] = addresses.temporalAddress;
  process.env[ENV.workflowBundlePath] = addresses.workflowBundlePath;
  process.env[ENV.stripeApiUrl] = addresses.stripeApiUrl;
  return {
    addresses,
    stop: async () => {
      await Promise.allSettled([temporal.stop(), database.stop(), stripeMock.stop()]);
      await fs.rm(workDir, { recursive: true, force: true });
    },
  };
}
