import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '../src/logger';

let installed = false;

/**
 * Installs the Temporal SDK runtime once per process: its logs go through our JSON logger, and it
 * does not react to signals itself (the process's own shutdown sequence drains the worker).
 */
export function installTemporalRuntime(logger: Logger): void {
  if (installed) return;
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const method = ({ TRACE: 'trace', DEBUG: 'debug', INFO: 'info', WARN: 'warn', ERROR: 'error' } as const)[level];
    sdkLogger[method](meta ?? {}, message);
  };
  try {
    Runtime.install({
      shutdownSignals: [],
      logger: {
        log: write,
        trace: (message, meta) => write('TRACE', message, meta),
        debug: (message, meta) => write('DEBUG', message, meta),
        info: (message, meta) => write('INFO', message, meta),
        warn: (message, meta) => write('WARN', message, meta),
        error: (message, meta) => write('ERROR', message, meta),
      },
    });
  } catch (error) {
    // Another module registry in this process (a test runner's) installed it already: that one stands.
    if (!/already installed/i.test(String(error))) throw error;
  }
  installed = true;
}
