import type { Logger } from '../logger';

/**
 * Runs the cleanup steps once, in order, on SIGINT or SIGTERM (a second signal forces exit), so
 * in-flight requests and workflow tasks finish before connections close.
 */
export function onShutdown(logger: Logger, steps: Array<{ name: string; run: () => Promise<unknown> }>): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const step of steps) {
      try {
        await step.run();
        logger.info({ step: step.name }, 'stopped');
      } catch (err) {
        logger.error({ err, step: step.name }, 'failed to stop cleanly');
      }
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}
