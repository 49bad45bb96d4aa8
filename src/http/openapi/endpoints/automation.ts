import { automationRulePatchSchema, automationRuleSchema, dryRunSchema, eventHandlerBodySchema, handlerRunQuerySchema } from '../../routes/automation.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const base = { tag: 'Automation' as const, authenticated: true, permissions: routePermissions.automationManagers };
const handler = 'The handler: `{ id, organizationId, definition, createdAt, updatedAt }`.';
const rule = 'The rule: `{ id, organizationId, definition: { name, cron, conditions, actions, lookAheadDays }, timezone, scheduleId, enabled, createdAt, updatedAt }`.';

/** Event handlers and automation rules (automation.routes.ts). */
export const automationEndpoints: Endpoint[] = [
  {
    ...base,
    method: 'post',
    path: '/api/v1/organizations/{orgId}/event-handlers',
    operationId: 'createEventHandler',
    summary: 'Act on an event',
    description:
      'When an event of `trigger.event` happens and every condition holds (fields of the event: `booking.startTime`, `booking.participantCount`, `booking.serviceTemplate.minParticipants`…, values may be `{{placeholders}}`), the actions run in order after `delayMinutes`, as a durable workflow: send_email / send_sms (`template` or `subject` + `text`, `to`: participants, primary, admins or an address), notify_admin, call_webhook (`subscriptionId`), update_booking (`status: cancelled`, `reason`), wait (`minutes`/`seconds`). Lower `priority` runs first. Service templates carry handlers of the same shape in `workflows.eventHandlers`.',
    body: eventHandlerBodySchema,
    success: { status: 201, description: handler },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...base, method: 'get', path: '/api/v1/organizations/{orgId}/event-handlers', operationId: 'listEventHandlers', summary: 'The organization’s event handlers', success: { status: 200, description: '`{ data: [handler] }`.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'get', path: '/api/v1/event-handlers/{id}', operationId: 'getEventHandler', summary: 'One event handler', success: { status: 200, description: handler }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'put', path: '/api/v1/event-handlers/{id}', operationId: 'replaceEventHandler', summary: 'Replace an event handler', body: eventHandlerBodySchema, success: { status: 200, description: handler }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'delete', path: '/api/v1/event-handlers/{id}', operationId: 'deleteEventHandler', summary: 'Remove an event handler', success: { status: 204, description: 'Removed; its runs stay in the log.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  {
    ...base,
    method: 'post',
    path: '/api/v1/organizations/{orgId}/event-handlers/dry-run',
    operationId: 'dryRunEventHandlers',
    summary: 'Which handlers would fire, and what they would do',
    description: 'Judges an event (for a real booking as it is now, or sample `data`) exactly as real events are judged: every handler of the organization and of the booking’s template version, in execution order, with each condition’s verdict (`holds`, `actual`, `expected`, `reason`) and the actions it would run. Nothing is run.',
    body: dryRunSchema,
    success: { status: 200, description: '`{ event: { type, context }, handlers: [{ key, source, fires, why, conditions, actions, delayMinutes, priority }] }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    ...base,
    method: 'get',
    path: '/api/v1/organizations/{orgId}/handler-runs',
    operationId: 'listHandlerRuns',
    summary: 'What handlers and rules did',
    query: handlerRunQuerySchema,
    success: { status: 200, description: '`{ data: [{ id, eventId, automationRuleId, handlerKey, bookingId, workflowId, status, definition, results: [{ index, type, outcome }], createdAt, finishedAt }] }`, newest first.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    ...base,
    method: 'post',
    path: '/api/v1/organizations/{orgId}/automation-rules',
    operationId: 'createAutomationRule',
    summary: 'Run actions on a schedule',
    description:
      'Creates a Temporal Schedule (`automation:<id>`, visible in the Temporal UI) firing at `cron` in `timezone` (default: the organization’s `defaultConfig.timezone`; without either, 400). Each firing runs the actions for every upcoming booking (pending or confirmed, starting within `lookAheadDays`) the conditions hold for, once per booking and firing. Example: `0 9 * * *` with `booking.startTime within_hours 24` and a `booking_reminder` email.',
    body: automationRuleSchema,
    success: { status: 201, description: rule },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  { ...base, method: 'get', path: '/api/v1/organizations/{orgId}/automation-rules', operationId: 'listAutomationRules', summary: 'The organization’s automation rules', success: { status: 200, description: '`{ data: [rule] }`.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'get', path: '/api/v1/automation-rules/{id}', operationId: 'getAutomationRule', summary: 'One rule with its latest runs', success: { status: 200, description: `${rule} Plus \`runs\`.` }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'patch', path: '/api/v1/automation-rules/{id}', operationId: 'pauseAutomationRule', summary: 'Pause or resume a rule', description: 'Pauses or resumes its Schedule.', body: automationRulePatchSchema, success: { status: 200, description: rule }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'delete', path: '/api/v1/automation-rules/{id}', operationId: 'deleteAutomationRule', summary: 'Delete a rule and its Schedule', success: { status: 204, description: 'Deleted.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
  { ...base, method: 'post', path: '/api/v1/automation-rules/{id}/trigger', operationId: 'triggerAutomationRule', summary: 'Fire a rule now', description: 'Triggers its Schedule as if its time had come.', success: { status: 202, description: '`{ ruleId, scheduleId }`.' }, errors: ['FORBIDDEN', 'NOT_FOUND'] },
];
