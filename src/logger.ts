import pino from 'pino';

/** The structured JSON logger every process writes through; one line of JSON per event. */
export type Logger = pino.Logger;

/** Creates the root logger; `level` comes from configuration (LOG_LEVEL). */
export function createLogger(level: string = process.env.LOG_LEVEL ?? 'info', name = 'bizing'): Logger {
  return pino({ name, level, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });
}
