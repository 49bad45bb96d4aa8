import { z } from 'zod';
import { eventTypes } from '../../domain/events/event-catalogue';
import { checkRunnableAction, conditionSchema, cronSchema, eventHandlerSchema, workflowActionSchema } from './service-template-blocks/workflows.schemas';
import { idSchema, timeZoneSchema } from './shared.schemas';

/** POST /organizations/:orgId/event-handlers and PUT /event-handlers/:id: the same shape as a template's handler (spec §4.2 EventHandler). */
export const eventHandlerBodySchema = eventHandlerSchema;

/** POST /organizations/:orgId/event-handlers/dry-run: an event to judge, for a real booking (or sample data). */
export const dryRunSchema = z
  .strictObject({
    type: z.enum(eventTypes),
    /** Judge against this booking as it is now. */
    bookingId: idSchema.optional(),
    /** Or against sample event data (`{ booking: {...}, participant: {...} }`). */
    data: z.record(z.string(), z.json()).optional(),
  })
  .refine((body) => (body.bookingId === undefined) !== (body.data === undefined), { message: 'give bookingId or data, one of them', path: ['bookingId'] });

/**
 * POST /organizations/:orgId/automation-rules (spec §4.2 AutomationRule with `trigger.event: 'schedule'`):
 * at each `cron` firing (five fields, in `timezone`, by default the organization's `defaultConfig.timezone`),
 * the rule's actions run for every upcoming booking
 * (pending or confirmed, starting within `lookAheadDays`) its conditions hold for.
 */
export const automationRuleSchema = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    cron: cronSchema,
    timezone: timeZoneSchema.optional(),
    conditions: z.array(conditionSchema).max(20).default([]),
    actions: z.array(workflowActionSchema).min(1).max(20),
    lookAheadDays: z.number().int().min(1).max(90).default(14),
    enabled: z.boolean().default(true),
  })
  .superRefine((rule, ctx) => rule.actions.forEach((action, i) => checkRunnableAction(action, ctx, ['actions', i], { hasEvent: false })));

/** PATCH /automation-rules/:id: pause or resume. */
export const automationRulePatchSchema = z.strictObject({ enabled: z.boolean() });

/** GET …/handler-runs: the runs of handlers and rules, newest first. */
export const handlerRunQuerySchema = z.strictObject({ eventId: idSchema.optional(), bookingId: idSchema.optional(), limit: z.coerce.number().int().min(1).max(100).default(25) });
