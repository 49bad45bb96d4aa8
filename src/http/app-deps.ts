import type { Knex } from 'knex';
import type { Auth } from '../auth/auth';
import type { Logger } from '../logger';
import type { TemporalGateway } from '../../temporal/client';

/** What the HTTP app is built from; tests build it with their own database and task queue. */
export interface AppDeps {
  db: Knex;
  auth: Auth;
  temporal: TemporalGateway;
  logger: Logger;
  /** The current time; injected so tests can pin it. */
  now: () => Date;
}
