/** The workflow id of a handler's run for one event: `event-handler:evt_…:<handler key>`. */
export function handlerRunWorkflowId(eventId: string, handlerKey: string): string {
  return `event-handler:${eventId}:${handlerKey}`;
}

/** The Temporal Schedule of an automation rule: `automation:atr_…`. */
export function automationScheduleId(ruleId: string): string {
  return `automation:${ruleId}`;
}

/** What the scheduled run of an automation rule starts with. */
export interface AutomationRuleInput {
  ruleId: string;
}
