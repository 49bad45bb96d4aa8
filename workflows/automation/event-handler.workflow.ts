/**
 * Event handler workflow: one handler (or automation rule) acting on one event or booking. Waits its
 * `delayMinutes`, then runs the actions in order; `wait` actions are durable timers. Each action's
 * outcome is recorded on the run, once, so a crash neither loses nor repeats it.
 * Id: `event-handler:evt_…:<handler key>` (or the automation rule run's id, per booking).
 */
import { sleep } from '@temporalio/workflow';
import { automationActivities } from '../shared/activity-profiles';

/** How long a `wait` action waits: `config.minutes` and/or `config.seconds`. */
function waitMs(config: Record<string, unknown>): number {
  const minutes = typeof config.minutes === 'number' ? config.minutes : 0;
  const seconds = typeof config.seconds === 'number' ? config.seconds : 0;
  return Math.max(1, (minutes * 60 + seconds) * 1000);
}

/** Runs one handler run to its end. */
export async function eventHandlerWorkflow(input: { runId: string }): Promise<void> {
  const run = await automationActivities.loadHandlerRun(input);
  if (run.delayMinutes > 0) await sleep(run.delayMinutes * 60_000);
  for (const [index, action] of run.actions.entries()) {
    if (action.type === 'wait') await sleep(waitMs(action.config));
    else await automationActivities.runHandlerAction({ runId: input.runId, index });
  }
  await automationActivities.finishHandlerRun(input);
}
