import type { Knex } from 'knex';
import type { Auth } from '../auth/auth';
import type { Logger } from '../logger';
import type { TemporalGateway } from '../../temporal/client';
import type { PaymentGateway } from '../payments/stripe-gateway';

/** What the HTTP app is built from; tests build it with their own database and task queue. */
export interface AppDeps {
  db: Knex;
  auth: Auth;
  temporal: TemporalGateway;
  logger: Logger;
  /** The current time; injected so tests can pin it. */
  now: () => Date;
  /** Stripe and the secret its events are signed with; null without Stripe (its endpoint then refuses every event). */
  payments: { gateway: PaymentGateway; webhookSecret: string } | null;
}
