import { startTestServices } from './test-services';

/** Jest global set-up: starts PostgreSQL and Temporal once for the whole suite. */
export default async function globalSetup(): Promise<void> {
  const started = Date.now();
  const services = await startTestServices();
  (globalThis as { __bizingTestServices?: typeof services }).__bizingTestServices = services;
  process.stdout.write(`\nTest services ready in ${Date.now() - started} ms (Temporal ${services.addresses.temporalAddress})\n`);
}
