/**
 * Production worker process: `npm run worker`. Needs DATABASE_URL and TEMPORAL_ADDRESS. Scale out by
 * running more; Temporal spreads the task queue's workflow and activity tasks across them. Set
 * WORKFLOW_BUNDLE_PATH to a bundle built at deploy time to skip bundling at start.
 */
import { loadConfig } from '../config/env';
import { createKnex } from '../db/knex';
import { createLogger } from '../logger';
import { onShutdown } from './shutdown';
import { createWorker } from '../../temporal/worker';
import { configuredTransports } from '../notifications/configured-transports';
import { systemResolver } from '../webhooks/ssrf-guard';
import { configuredPayments } from '../payments/configured-payments';
import { connectTemporal } from '../../temporal/client';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url || !config.temporal.address) throw new Error('The worker process needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally).');
  const db = createKnex(config.database.url);
  const mail = configuredTransports(config.notifications);
  const temporal = await connectTemporal({ address: config.temporal.address, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue });
  const { worker, connection } = await createWorker({
    address: config.temporal.address,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db,
    transports: mail.transports,
    temporal,
    egress: { resolver: systemResolver, policy: { allowHosts: config.webhooks.allowHosts } },
    payments: configuredPayments(config.payments)?.gateway ?? null,
    logger,
    workflowBundle: config.temporal.workflowBundlePath ? { codePath: config.temporal.workflowBundlePath } : undefined,
  });
  const running = worker.run();
  onShutdown(logger, [
    { name: 'worker', run: async () => { worker.shutdown(); await running; await connection.close(); await temporal.close(); mail.close(); } },
    { name: 'database', run: () => db.destroy() },
  ]);
  await running;
}

main().catch((err) => {
  process.stderr.write(`Worker failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
