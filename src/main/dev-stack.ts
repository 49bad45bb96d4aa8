/**
 * `npm start`: brings up everything a developer needs on one machine — PostgreSQL (DATABASE_URL or
 * the embedded server), the Temporal dev server with its Web UI (TEMPORAL_ADDRESS or a local one
 * whose data lives in .bizing/temporal), migrations, a worker and the API — and prints the URLs.
 * Ctrl-C stops it all gracefully; data survives to the next start.
 */
import { loadConfig } from '../config/env';
import { provideDatabase } from '../db/database-server';
import { migrateToLatest } from '../db/knex';
import { createApp } from '../http/app';
import { listen } from '../http/server';
import { createLogger } from '../logger';
import { openServices } from './services';
import { onShutdown } from './shutdown';
import { startTemporalDevServer } from '../../temporal/dev-server';
import { registerSearchAttributes } from '../../temporal/register-search-attributes';
import { obtainTemporalCli } from '../../temporal/temporal-cli';
import { createWorker } from '../../temporal/worker';
import { configuredTransports } from '../notifications/configured-transports';
import { systemResolver } from '../webhooks/ssrf-guard';
import { configuredPayments } from '../payments/configured-payments';
import { obtainStripeMock, startStripeMock } from '../payments/stripe-mock-server';

/** The secret development Stripe events are signed with (stripe-mock sends none; send your own to try the flow). */
const DEV_STRIPE_WEBHOOK_SECRET = 'whsec_bizing_development_only';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);

  const database = await provideDatabase({
    databaseUrl: config.database.url,
    dataDir: config.database.embeddedDataDir,
    port: config.database.embeddedPort,
    databaseName: config.database.name,
    logger,
  });
  const temporalServer = config.temporal.address
    ? undefined
    : await startTemporalDevServer({
        cliPath: await obtainTemporalCli({ projectRoot: config.paths.projectRoot, logger }),
        logger,
        port: config.temporal.devServerPort,
        uiPort: config.temporal.devServerUiPort,
        dbFilename: config.temporal.devServerDbFile,
        namespace: config.temporal.namespace,
        logFile: `${config.paths.dataDir}/temporal/server.log`,
      });
  const temporalAddress = config.temporal.address ?? temporalServer!.address;

  const services = await openServices(config, { databaseUrl: database.connectionString, temporalAddress }, logger);
  await registerSearchAttributes(services.temporal.connection, config.temporal.namespace, logger);
  const applied = await migrateToLatest(services.db);
  logger.info({ applied }, applied.length ? 'migrations applied' : 'database schema up to date');

  const mail = configuredTransports(config.notifications);
  // Without a Stripe account, payments go to Stripe's official mock server on loopback.
  const stripeMock = config.payments.secretKey ? undefined : await startStripeMock({ binaryPath: await obtainStripeMock({ projectRoot: config.paths.projectRoot, logger }), logger });
  const payments = configuredPayments(stripeMock ? { secretKey: 'sk_test_bizing_dev', apiUrl: stripeMock.url, webhookSecret: DEV_STRIPE_WEBHOOK_SECRET } : config.payments);
  const { worker, connection: workerConnection } = await createWorker({
    address: temporalAddress,
    namespace: config.temporal.namespace,
    taskQueue: config.temporal.taskQueue,
    db: services.db,
    transports: mail.transports,
    temporal: services.temporal,
    egress: { resolver: systemResolver, policy: { allowHosts: config.webhooks.allowHosts } },
    payments: payments?.gateway ?? null,
    logger,
  });
  const workerRun = worker.run();
  const api = await listen(createApp({ ...services, logger, now: () => new Date(), payments }), config.http.host, config.http.port);

  onShutdown(logger, [
    { name: 'api', run: () => api.close() },
    { name: 'worker', run: async () => { worker.shutdown(); await workerRun; await workerConnection.close(); mail.close(); } },
    { name: 'connections', run: () => services.close() },
    { name: 'temporal dev server', run: async () => temporalServer?.stop() },
    { name: 'stripe-mock', run: async () => stripeMock?.stop() },
    { name: 'database', run: () => database.stop() },
  ]);

  const lines = [
    '',
    'Bizing is running.',
    `  API:          ${api.url}/api/v1   (health: ${api.url}/health)`,
    `  Auth:         ${api.url}/api/auth`,
    `  Temporal UI:  ${temporalServer?.uiUrl ?? '(external Temporal at ' + temporalAddress + ')'}`,
    `  Temporal:     ${temporalAddress}  namespace=${config.temporal.namespace}  task queue=${config.temporal.taskQueue}`,
    `  PostgreSQL:   ${database.embedded ? 'embedded, data in .bizing/postgres' : 'DATABASE_URL'}`,
    `  Email:        ${config.notifications.smtpUrl ? 'SMTP_URL' : 'no SMTP_URL: messages are kept in the outbox as skipped'}`,
    `  Payments:     ${stripeMock ? `stripe-mock at ${stripeMock.url}; sign test events with ${DEV_STRIPE_WEBHOOK_SECRET}` : 'STRIPE_SECRET_KEY'}`,
    'Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

main().catch((err) => {
  process.stderr.write(`Bizing failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
