/**
 * Production API process: `npm run api`. Needs DATABASE_URL and TEMPORAL_ADDRESS; starts nothing
 * else. Run as many as you like behind a load balancer; they share nothing but the database and Temporal.
 */
import { loadConfig } from '../config/env';
import { createApp } from '../http/app';
import { listen } from '../http/server';
import { createLogger } from '../logger';
import { configuredPayments } from '../payments/configured-payments';
import { openServices } from './services';
import { onShutdown } from './shutdown';
import { registerSearchAttributes } from '../../temporal/register-search-attributes';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (!config.database.url || !config.temporal.address) throw new Error('The API process needs DATABASE_URL and TEMPORAL_ADDRESS (npm start runs everything locally).');
  const services = await openServices(config, { databaseUrl: config.database.url, temporalAddress: config.temporal.address }, logger);
  await registerSearchAttributes(services.temporal.connection, config.temporal.namespace, logger);
  const api = await listen(createApp({ ...services, logger, now: () => new Date(), payments: configuredPayments(config.payments) }), config.http.host, config.http.port);
  logger.info({ url: api.url }, 'API listening');
  onShutdown(logger, [
    { name: 'api', run: () => api.close() },
    { name: 'connections', run: () => services.close() },
  ]);
}

main().catch((err) => {
  process.stderr.write(`API failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
