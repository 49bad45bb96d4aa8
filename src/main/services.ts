import type { Knex } from 'knex';
import { Pool } from 'pg';
import { createAuth, type Auth } from '../auth/auth';
import type { Config } from '../config/env';
import { createKnex } from '../db/knex';
import type { Logger } from '../logger';
import { connectTemporal, type TemporalGateway } from '../../temporal/client';

/** The long-lived connections a process holds: database pools, better-auth, the Temporal client. */
export interface Services {
  db: Knex;
  auth: Auth;
  temporal: TemporalGateway;
  close(): Promise<void>;
}

/** Opens the connections for the API (the worker needs only the database and Temporal). */
export async function openServices(config: Config, endpoints: { databaseUrl: string; temporalAddress: string }, logger: Logger): Promise<Services> {
  const db = createKnex(endpoints.databaseUrl);
  const pool = new Pool({ connectionString: endpoints.databaseUrl, max: 5 });
  pool.on('error', (err) => logger.warn({ err: err.message }, 'idle auth database connection closed'));
  const auth = createAuth({ pool, secret: config.auth.secret, baseURL: config.http.publicBaseUrl, trustedOrigins: config.auth.trustedOrigins });
  const temporal = await connectTemporal({ address: endpoints.temporalAddress, namespace: config.temporal.namespace, taskQueue: config.temporal.taskQueue });
  return {
    db,
    auth,
    temporal,
    async close() {
      await temporal.close();
      await Promise.all([db.destroy(), pool.end()]);
    },
  };
}
