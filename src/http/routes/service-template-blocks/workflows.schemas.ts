/**
 * `workflows` (spec §4.2 WorkflowConfig): webhooks, event handlers and automation rules.
 *
 * Strict where the spec is clear (event names, action types, condition operators, HTTP methods, retry
 * settings); loose where it is not: an action's `config` and a condition's `value` are free-form JSON.
 * Event names are any `noun.verb` string (`booking.confirmed`, `payment.refunded`), so new events need no schema change.
 *
 * Webhooks and automation rules are organization resources (subscriptions with rotating secrets and
 * delivery logs; Temporal Schedules), so a template refuses them and points to those endpoints; its
 * `eventHandlers` run on the events of its bookings, with the actions of `runnableActionTypes`.
 *
 * Departures: `id`s are local keys chosen by the client. The spec only shows example automation rules
 * (one `condition`, one inline `action`); here a rule has `conditions: Condition[]` and `actions: WorkflowAction[]`
 * like an event handler, and a `'schedule'` trigger takes a five-field `cron`. Durations carry their unit
 * (`retryDelayMs`, `delayMinutes`); `backoffMultiplier` stays a plain number as in the spec (1–10).
 */
import { z } from 'zod';
import { isEventType } from '../../../domain/events/event-catalogue';
import { notificationKinds } from '../../../domain/notifications/message-templates';
import { idSchema } from '../shared.schemas';
import { forbidUnless, httpUrlSchema, issue, localKeySchema, noDuplicates, requireWhen, uniqueArray, type Ctx } from './common.schemas';

/** `booking.created`, `deposit.hold_placed`, … (spec BookingEvent), or any other `noun.verb` in that form. */
export const eventNameSchema = z.string().regex(/^[a-z_]+\.[a-z_]+$/, 'must be an event name such as booking.confirmed');

export const workflowActionTypes = [
  'send_email',
  'send_sms',
  'send_push',
  'call_webhook',
  'update_booking',
  'create_task',
  'notify_admin',
  'trigger_payment',
  'generate_invoice',
  'update_calendar',
  'send_to_integration',
  'wait',
] as const;

export const workflowActionSchema = z.strictObject({
  type: z.enum(workflowActionTypes),
  /** Action-specific settings (template, recipients, delay…); free-form JSON as in the spec. */
  config: z.record(z.string().min(1).max(100), z.json()).default({}),
});

/** The actions handlers and automation rules carry out today; the others are refused until their features land. */
export const runnableActionTypes = ['send_email', 'send_sms', 'notify_admin', 'call_webhook', 'update_booking', 'wait'] as const;

type RunnableAction = z.output<typeof workflowActionSchema>;

/**
 * Checks an action a handler or rule will run: its type is available and its config says what it needs.
 * send_email / send_sms: `template` (a message kind such as booking_reminder) or `subject` and `text`
 * (with {{placeholders}}), and `to`: participants (default), primary, admins or one address;
 * notify_admin: optional `subject`/`text`; call_webhook: `subscriptionId`; update_booking:
 * `status: 'cancelled'` and an optional `reason`; wait: `minutes` and/or `seconds`.
 */
export function checkRunnableAction(action: RunnableAction, ctx: Ctx, path: (string | number)[], opts: { hasEvent: boolean }): void {
  const { type, config } = action;
  if (!(runnableActionTypes as readonly string[]).includes(type)) {
    issue(ctx, [...path, 'type'], `${type} is not available yet; use one of ${runnableActionTypes.join(', ')}`);
    return;
  }
  const text = (key: string) => typeof config[key] === 'string' && (config[key] as string).length > 0;
  if ((type === 'send_email' || type === 'send_sms') && !text('template') && !(text('subject') && text('text'))) issue(ctx, [...path, 'config'], 'needs template, or subject and text');
  if (type === 'send_email' || type === 'send_sms') {
    if (text('template') && !(notificationKinds as readonly string[]).includes(config.template as string)) issue(ctx, [...path, 'config', 'template'], `must be one of ${notificationKinds.join(', ')}`);
  }
  if (type === 'call_webhook') {
    if (!text('subscriptionId')) issue(ctx, [...path, 'config', 'subscriptionId'], 'required: the webhook subscription to deliver the event to');
    if (!opts.hasEvent) issue(ctx, [...path, 'type'], 'call_webhook needs an event; scheduled rules have none');
  }
  if (type === 'update_booking' && config.status !== 'cancelled') issue(ctx, [...path, 'config', 'status'], "must be 'cancelled' (the only booking change automation makes today)");
  if (type === 'wait' && typeof config.minutes !== 'number' && typeof config.seconds !== 'number') issue(ctx, [...path, 'config'], 'needs minutes or seconds');
}

export type WorkflowAction = z.output<typeof workflowActionSchema>;

export const conditionSchema = z
  .strictObject({
    /** A dotted field of the event's subject: `booking.price`, `participant.count`. */
    field: z.string().regex(/^[a-z][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/, 'must be a dotted field such as booking.price'),
    operator: z.enum(['equals', 'not_equals', 'greater_than', 'less_than', 'contains', 'in', 'within_hours']),
    value: z.json(),
  })
  .superRefine((condition, ctx) => {
    if (condition.operator === 'in' && !Array.isArray(condition.value)) issue(ctx, ['value'], "must be an array when operator is 'in'");
    if (condition.operator === 'within_hours' && typeof condition.value !== 'number') issue(ctx, ['value'], "must be a number when operator is 'within_hours'");
  });

const webhookSchema = z.strictObject({
  id: localKeySchema.optional(),
  events: uniqueArray(eventNameSchema, 50).min(1),
  url: httpUrlSchema,
  method: z.enum(['POST', 'PUT', 'PATCH']).default('POST'),
  headers: z.record(z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'must be an HTTP header name'), z.string().max(2000)).default({}),
  retryConfig: z
    .strictObject({
      maxRetries: z.number().int().min(0).max(20).default(3),
      retryDelayMs: z.number().int().min(100).max(24 * 3600 * 1000).default(1000),
      backoffMultiplier: z.number().min(1).max(10).default(2),
    })
    .prefault({}),
  /** Shared secret for the HMAC signature. */
  secret: z.string().min(16).max(256),
  filter: z
    .strictObject({
      states: uniqueArray(z.string().regex(/^[a-z_]+$/), 50).optional(),
      locations: uniqueArray(idSchema, 100).optional(),
      serviceTemplates: uniqueArray(idSchema, 100).optional(),
    })
    .optional(),
  enabled: z.boolean().default(true),
});

const eventHandlerSchema = z
  .strictObject({
    id: localKeySchema.optional(),
    trigger: z.strictObject({ event: eventNameSchema, conditions: z.array(conditionSchema).max(20).optional() }),
    actions: z.array(workflowActionSchema).min(1).max(20),
    executeImmediately: z.boolean().default(true),
    /** Required when `executeImmediately` is false, and only allowed then. */
    delayMinutes: z.number().int().min(1).max(365 * 24 * 60).optional(),
    enabled: z.boolean().default(true),
    /** Lower runs first. */
    priority: z.number().int().min(0).max(1000).default(0),
  })
  .superRefine((handler, ctx) => {
    requireWhen(ctx, !handler.executeImmediately, handler.delayMinutes, ['delayMinutes'], 'when executeImmediately is false');
    forbidUnless(ctx, !handler.executeImmediately, handler.delayMinutes, ['delayMinutes'], 'when executeImmediately is false');
    if (eventNameSchema.safeParse(handler.trigger.event).success && !isEventType(handler.trigger.event)) issue(ctx, ['trigger', 'event'], `no such event; see the webhooks section of the API reference`);
    handler.actions.forEach((action, i) => checkRunnableAction(action, ctx, ['actions', i], { hasEvent: true }));
  });

/** An event handler (spec §4.2 EventHandler), as templates and organizations configure it. */
export { eventHandlerSchema };

/** Five cron fields (minute hour day-of-month month day-of-week), checked for shape only. */
export const cronSchema = z.string().regex(/^\s*(?:[\d*/,-]+|[A-Za-z]{3})(?:\s+(?:[\d*/,A-Za-z-]+)){4}\s*$/, 'must be a five-field cron expression such as "0 9 * * *"');

const automationRuleSchema = z
  .strictObject({
    id: localKeySchema,
    name: z.string().trim().min(1).max(200),
    trigger: z.strictObject({ event: z.union([z.literal('schedule'), eventNameSchema]), cron: cronSchema.optional() }),
    conditions: z.array(conditionSchema).max(20).default([]),
    actions: z.array(workflowActionSchema).min(1).max(20),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => {
    requireWhen(ctx, rule.trigger.event === 'schedule', rule.trigger.cron, ['trigger', 'cron'], "when trigger.event is 'schedule'");
    forbidUnless(ctx, rule.trigger.event === 'schedule', rule.trigger.cron, ['trigger', 'cron'], "when trigger.event is 'schedule'");
  });

function checkWorkflows(workflows: WorkflowConfig, ctx: Ctx): void {
  // Deliveries and schedules belong to the organization, where secrets rotate and schedules are managed.
  if (workflows.webhooks.length > 0) issue(ctx, ['webhooks'], 'webhooks are organization subscriptions: POST /api/v1/organizations/{orgId}/webhooks with filter.serviceTemplates naming this template');
  if (workflows.automationRules.length > 0) issue(ctx, ['automationRules'], 'automation rules belong to the organization: POST /api/v1/organizations/{orgId}/automation-rules (conditions may name booking.serviceTemplateId)');
  noDuplicates(ctx, workflows.webhooks.map((w) => w.id), (i) => ['webhooks', i, 'id'], 'webhook id');
  noDuplicates(ctx, workflows.eventHandlers.map((h) => h.id), (i) => ['eventHandlers', i, 'id'], 'event handler id');
  noDuplicates(ctx, workflows.automationRules.map((r) => r.id), (i) => ['automationRules', i, 'id'], 'automation rule id');
}

const workflowShape = z.strictObject({
  webhooks: z.array(webhookSchema).max(20).default([]),
  eventHandlers: z.array(eventHandlerSchema).max(50).default([]),
  automationRules: z.array(automationRuleSchema).max(50).default([]),
});

export type WorkflowConfig = z.output<typeof workflowShape>;

/** The workflows block; defaults to three empty lists. */
export const workflowConfigSchema = workflowShape.superRefine(checkWorkflows);
