import path from 'node:path';
import { NativeConnection, Worker, bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { Knex } from 'knex';
import { createActivities } from '../activities';
import type { Logger } from '../src/logger';
import type { NotificationTransports } from '../src/notifications/transport';
import type { EgressDeps } from '../activities/webhook.activities';
import type { PaymentGateway } from '../src/payments/stripe-gateway';
import type { TemporalGateway } from './client';
import { installTemporalRuntime } from './runtime';

/** The entry file of all workflow code, bundled for Temporal's deterministic sandbox. */
export const workflowsPath = path.resolve(__dirname, '..', 'workflows', 'index.ts');

/** Bundles the workflows once (a few seconds); the bundle can be written to a file and reused. */
export async function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath, logger: quietBundlerLogger });
}

const quietBundlerLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: (message: string, meta?: Record<string, unknown>) => process.stderr.write(`${message} ${JSON.stringify(meta ?? {})}\n`),
};

/** What a worker needs: where Temporal is, which queue to poll, the database, and the workflow code. */
export interface WorkerOptions {
  address: string;
  namespace: string;
  taskQueue: string;
  db: Knex;
  /** Where booking messages are sent (see src/notifications). */
  transports: NotificationTransports;
  /** The client activities start workflows with (webhook deliveries, handler runs) on this worker's task queue. */
  temporal: TemporalGateway;
  /** Where webhooks may be sent (the SSRF guard's resolver and allow-list). */
  egress: EgressDeps;
  /** Stripe (or stripe-mock), or null without a configured account. */
  payments: PaymentGateway | null;
  logger: Logger;
  workflowBundle?: { code: string } | { codePath: string };
}

/** Creates a worker for the booking task queue; call `run()` on it and `shutdown()` to stop it gracefully. */
export async function createWorker(opts: WorkerOptions): Promise<{ worker: Worker; connection: NativeConnection }> {
  installTemporalRuntime(opts.logger);
  const connection = await NativeConnection.connect({ address: opts.address });
  const workflowBundle = opts.workflowBundle ?? (await bundleWorkflows());
  const worker = await Worker.create({
    connection,
    namespace: opts.namespace,
    taskQueue: opts.taskQueue,
    workflowBundle,
    activities: createActivities({ db: opts.db, transports: opts.transports, temporal: opts.temporal, egress: opts.egress, payments: opts.payments }),
    // An explicit cache size keeps memory bounded on small machines.
    maxCachedWorkflows: 500,
    shutdownGraceTime: '10 seconds',
  });
  opts.logger.info({ taskQueue: opts.taskQueue, address: opts.address }, 'worker ready');
  return { worker, connection };
}
