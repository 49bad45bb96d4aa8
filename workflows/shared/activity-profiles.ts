import { proxyActivities } from '@temporalio/workflow';
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
