import net from 'node:net';
import type { Logger } from '../logger';
import { EMBEDDED_HOST, startEmbedded } from './embedded-postgres';
import { describeUrl, ensureDatabaseExists } from './postgres-admin';

/** A PostgreSQL database the app can connect to, and how to release it. */
export interface ProvidedDatabase {
  connectionString: string;
  /** True when we started our own server (no DATABASE_URL). */
  embedded: boolean;
  stop(): Promise<void>;
}

/** Returns a connection string for the app's database: DATABASE_URL if given, else a local embedded PostgreSQL. */
export async function provideDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  port: number;
  databaseName: string;
  logger: Logger;
}): Promise<ProvidedDatabase> {
  // An empty DATABASE_URL (e.g. `DATABASE_URL=` in an env file) means "not set".
  if (opts.databaseUrl) {
    const created = await ensureDatabaseExists(opts.databaseUrl);
    opts.logger.info({ database: describeUrl(opts.databaseUrl), created }, 'using PostgreSQL from DATABASE_URL');
    return { connectionString: opts.databaseUrl, embedded: false, stop: async () => {} };
  }
  return startEmbedded(opts);
}

/** Finds a TCP port on 127.0.0.1 that is free right now (the OS picks it). */
export async function findFreePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ host: EMBEDDED_HOST, port: 0 }, () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : undefined;
      server.close(() => {
        if (port) resolve(port);
        else reject(new Error('Could not determine the port the OS assigned'));
      });
    });
  });
}

