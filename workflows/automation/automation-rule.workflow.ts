/**
 * Automation rule workflow: started by the rule's Temporal Schedule (`automation:atr_…`, cron in the
 * organization's zone). Finds the bookings the rule's conditions hold for right now, and runs the rule's
 * actions for each as a child handler run, one per booking and schedule firing.
 */
import { ParentClosePolicy, startChild, workflowInfo } from '@temporalio/workflow';
import { automationActivities } from '../shared/activity-profiles';
import type { AutomationRuleInput } from './automation.contract';
import { eventHandlerWorkflow } from './event-handler.workflow';

/** One firing of a scheduled rule. */
export async function automationRuleWorkflow(input: AutomationRuleInput): Promise<{ matched: number }> {
  const runs = await automationActivities.matchAutomationRule({ ruleId: input.ruleId, firingId: workflowInfo().workflowId, now: new Date().toISOString() });
  for (const run of runs) {
    await startChild(eventHandlerWorkflow, { workflowId: run.workflowId, args: [{ runId: run.runId }], parentClosePolicy: ParentClosePolicy.ABANDON, workflowIdReusePolicy: 'REJECT_DUPLICATE' });
  }
  return { matched: runs.length };
}
