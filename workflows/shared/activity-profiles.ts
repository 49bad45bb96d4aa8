import { proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { errorCodes } from '../../src/domain/shared/errors';

/**
 * The only place that sets activity timeouts and retries. Database activities are short and
 * idempotent: retry transient failures quickly and for a long time, never retry a business refusal.
 */
export const databaseActivities = proxyActivities<Activities>({
  startToCloseTimeout: '15 seconds',
  retry: {
    initialInterval: '200 milliseconds',
    backoffCoefficient: 2,
    maximumInterval: '10 seconds',
    nonRetryableErrorTypes: [...errorCodes],
  },
});

/**
 * Sending a message: retried for about half an hour (an SMTP server may be down for a while), then
 * given up on; the booking never waits for it. Failed rows stay in the outbox with their error.
 */
export const notificationActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10, nonRetryableErrorTypes: [...errorCodes] },
});

/** Pure computations that need libraries the sandbox does not load (the date library): run next to the workflow. */
export const computeActivities = proxyLocalActivities<Activities>({ startToCloseTimeout: '5 seconds' });

/** One webhook attempt: HTTP failures are outcomes the workflow retries on the subscription's schedule; only infrastructure failures are retried here. */
export const webhookActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 20, nonRetryableErrorTypes: [...errorCodes] },
});

/** Handler actions: sending a message, cancelling a booking, handing an event to a webhook. */
export const automationActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '5 minutes', maximumAttempts: 10, nonRetryableErrorTypes: [...errorCodes] },
});

/** Calls to Stripe: idempotent by business keys, so retried patiently; a business refusal is not retried. */
export const paymentActivities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 30, nonRetryableErrorTypes: [...errorCodes] },
});
