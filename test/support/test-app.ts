import { randomBytes, randomUUID } from 'node:crypto';
import type { Worker } from '@temporalio/worker';
import { Pool } from 'pg';
import { createAuth } from '../../src/auth/auth';
import { createKnex } from '../../src/db/knex';
import { createApp } from '../../src/http/app';
import { listen } from '../../src/http/server';
import { createLogger } from '../../src/logger';
import { connectTemporal, type TemporalGateway } from '../../temporal/client';
import { createWorker } from '../../temporal/worker';
import { testServiceAddresses } from './test-services';
import { startMailSink, type MailSink } from './mail-sink';
import { configuredTransports } from '../../src/notifications/configured-transports';
import { systemResolver } from '../../src/webhooks/ssrf-guard';
import { createStripeGateway, type PaymentGateway } from '../../src/payments/stripe-gateway';
import type { Knex } from 'knex';

/** A started worker and how to stop it. */
export interface RunningWorker {
  stop(): Promise<void>;
}

/** One test file's slice of the platform: the real API on a loopback port, its own task queue and worker. */
export interface TestApp {
  baseUrl: string;
  db: Knex;
  temporal: TemporalGateway;
  taskQueue: string;
  /** The loopback SMTP server this app's workers send email to. */
  mailbox: MailSink;
  /** The secret this app's Stripe endpoint checks events with (tests sign their own Stripe events). */
  stripeWebhookSecret: string;
  /** Stops the HTTP API only (workers, Temporal and the database keep running), as in an API outage. */
  stopApi(): Promise<void>;
  /** Starts a worker on this app's task queue (tests that crash workers start their own). */
  startWorker(): Promise<RunningWorker>;
  stop(): Promise<void>;
}

/**
 * Builds the app exactly as production does (createApp over real PostgreSQL and the real Temporal dev
 * server), on a task queue of its own so test files never steal each other's workflow tasks.
 */
export async function startTestApp(opts: { worker?: boolean; now?: () => Date; wrapPayments?: (gateway: PaymentGateway) => PaymentGateway } = {}): Promise<TestApp> {
  const addresses = testServiceAddresses();
  const logger = createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', 'bizing-test');
  const taskQueue = `test-${randomUUID()}`;
  const db = createKnex(addresses.databaseUrl, { max: 20 });
  const pool = new Pool({ connectionString: addresses.databaseUrl, max: 5 });
  const temporal = await connectTemporal({ address: addresses.temporalAddress, namespace: 'default', taskQueue });
  const auth = createAuth({ pool, secret: randomBytes(32).toString('hex'), baseURL: 'http://127.0.0.1' });
  const mailbox = await startMailSink();
  const mail = configuredTransports({ smtpUrl: mailbox.url, mailFrom: 'Bizing Test <no-reply@bizing.test>' });
  const stripeWebhookSecret = `whsec_${randomBytes(24).toString('base64')}`;
  const stripe = createStripeGateway({ secretKey: 'sk_test_bizing', apiUrl: addresses.stripeApiUrl });
  const payments = { gateway: opts.wrapPayments ? opts.wrapPayments(stripe) : stripe, webhookSecret: stripeWebhookSecret };
  const server = await listen(createApp({ db, auth, temporal, logger, now: opts.now ?? (() => new Date()), payments }), '127.0.0.1', 0);

  let apiStopped: Promise<void> | undefined;
  const stopApi = () => (apiStopped ??= server.close());
  const workers = new Set<RunningWorker>();
  const startWorker = async (): Promise<RunningWorker> => {
    const { worker, connection } = await createWorker({
      address: addresses.temporalAddress,
      namespace: 'default',
      taskQueue,
      db,
      transports: mail.transports,
      temporal,
      // Tests reach their own receivers on loopback only.
      egress: { resolver: systemResolver, policy: { allowHosts: ['127.0.0.1'] } },
      payments: payments.gateway,
      logger,
      workflowBundle: { codePath: addresses.workflowBundlePath },
    });
    const running = worker.run();
    const handle: RunningWorker = {
      stop: async () => {
        workers.delete(handle);
        if (worker.getState() === 'RUNNING') worker.shutdown();
        await running;
        await connection.close();
      },
    };
    workers.add(handle);
    await waitUntilRunning(worker);
    return handle;
  };
  if (opts.worker !== false) await startWorker();

  return {
    baseUrl: server.url,
    db,
    temporal,
    taskQueue,
    mailbox,
    stripeWebhookSecret,
    startWorker,
    stopApi,
    async stop() {
      await stopApi();
      await Promise.all([...workers].map((w) => w.stop()));
      mail.close();
      await mailbox.close();
      await temporal.close();
      await Promise.all([db.destroy(), pool.end()]);
    },
  };
}

async function waitUntilRunning(worker: Worker): Promise<void> {
  for (let i = 0; i < 100 && worker.getState() !== 'RUNNING'; i++) await new Promise((r) => setTimeout(r, 20));
}
