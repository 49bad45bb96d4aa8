import { ScheduleNotFoundError, ScheduleOverlapPolicy, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import type { TemporalGateway } from '../client';
import type { automationRuleWorkflow } from '../../workflows/automation/automation-rule.workflow';
import type { eventHandlerWorkflow } from '../../workflows/automation/event-handler.workflow';
import { automationScheduleId } from '../../workflows/automation/automation.contract';

export { handlerRunWorkflowId } from '../../workflows/automation/automation.contract';
import type { webhookDeliveryWorkflow } from '../../workflows/webhooks/webhook-delivery.workflow';
import { webhookDeliveryWorkflowId } from '../../workflows/webhooks/webhook-delivery.contract';

// Starting the same workflow twice is a no-op: ids are derived from what they act on.
async function startOnce(start: () => Promise<unknown>): Promise<void> {
  try {
    await start();
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
  }
}

/** Starts one run of a webhook delivery (idempotent). */
export async function startWebhookDelivery(temporal: TemporalGateway, delivery: { deliveryId: string; run: number; summary: string }): Promise<void> {
  await startOnce(() =>
    temporal.client.workflow.start<typeof webhookDeliveryWorkflow>('webhookDeliveryWorkflow', {
      workflowId: webhookDeliveryWorkflowId(delivery.deliveryId, delivery.run),
      taskQueue: temporal.taskQueue,
      args: [{ deliveryId: delivery.deliveryId, run: delivery.run }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: delivery.summary,
    }),
  );
}

/** Starts a handler's run for one event (idempotent). */
export async function startHandlerRun(temporal: TemporalGateway, run: { runId: string; workflowId: string; summary: string }): Promise<void> {
  await startOnce(() =>
    temporal.client.workflow.start<typeof eventHandlerWorkflow>('eventHandlerWorkflow', {
      workflowId: run.workflowId,
      taskQueue: temporal.taskQueue,
      args: [{ runId: run.runId }],
      workflowIdReusePolicy: 'REJECT_DUPLICATE',
      staticSummary: run.summary,
    }),
  );
}

/** Creates the Temporal Schedule of an automation rule: its cron in its zone, one firing at a time. */
export async function createAutomationSchedule(temporal: TemporalGateway, rule: { ruleId: string; name: string; cron: string; timezone: string; paused: boolean }): Promise<void> {
  await temporal.client.schedule.create({
    scheduleId: automationScheduleId(rule.ruleId),
    spec: { cronExpressions: [rule.cron], timezone: rule.timezone },
    action: { type: 'startWorkflow', workflowType: 'automationRuleWorkflow' as unknown as typeof automationRuleWorkflow, taskQueue: temporal.taskQueue, args: [{ ruleId: rule.ruleId }], workflowId: automationScheduleId(rule.ruleId) },
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 hour' },
    state: { paused: rule.paused, note: rule.name },
  });
}

/** Pauses or resumes a rule's Schedule. */
export async function setAutomationSchedulePaused(temporal: TemporalGateway, ruleId: string, paused: boolean): Promise<void> {
  const handle = temporal.client.schedule.getHandle(automationScheduleId(ruleId));
  await (paused ? handle.pause('paused through the API') : handle.unpause('resumed through the API'));
}

/** Deletes a rule's Schedule (already gone is fine). */
export async function deleteAutomationSchedule(temporal: TemporalGateway, ruleId: string): Promise<void> {
  try {
    await temporal.client.schedule.getHandle(automationScheduleId(ruleId)).delete();
  } catch (error) {
    if (!(error instanceof ScheduleNotFoundError)) throw error;
  }
}

/** Fires a rule's Schedule now, as if its time had come. */
export async function triggerAutomationSchedule(temporal: TemporalGateway, ruleId: string): Promise<void> {
  await temporal.client.schedule.getHandle(automationScheduleId(ruleId)).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
