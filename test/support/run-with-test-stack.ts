import { startTestApp, type TestApp } from './test-app';
import { startTestServices } from './test-services';

/**
 * Runs a script (benchmark, history recorder) against the same stack the tests use: fresh
 * PostgreSQL, an in-memory Temporal dev server and the real API with a worker. Exits the process.
 */
export function runWithTestStack(script: (app: TestApp) => Promise<void>, appOptions: Parameters<typeof startTestApp>[0] = {}): void {
  const run = async () => {
    const services = await startTestServices();
    const app = await startTestApp(appOptions);
    try {
      await script(app);
    } finally {
      await app.stop();
      await services.stop();
    }
  };
  run().then(
    () => process.exit(0),
    (error) => {
      process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
}
