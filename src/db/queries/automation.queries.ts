import type { Knex } from 'knex';
import { eventContext, type AutomationAction, type BookingFacts, type HandlerDefinition } from '../../domain/automation/handler-matching';
import type { Condition, EventContext } from '../../domain/automation/conditions';
import { newId } from '../../ids';
import { findServiceTemplateVersion } from './service-template.queries';

/** An organization's event handler as the API shows it. */
export interface EventHandlerRecord {
  id: string;
  organizationId: string;
  definition: Omit<HandlerDefinition, 'key' | 'source'>;
  createdAt: Date;
  updatedAt: Date;
}

const liveHandlers = (db: Knex) => db('event_handlers').whereNull('deleted_at');

/** Stores an organization-wide event handler. */
export async function createEventHandler(db: Knex, organizationId: string, definition: EventHandlerRecord['definition'], createdBy: string): Promise<EventHandlerRecord> {
  const [row] = await db('event_handlers').insert({ id: newId('eventHandler'), organizationId, definition: JSON.stringify(definition), createdBy }).returning('*');
  return row;
}

/** The organization's event handlers, oldest first. */
export async function listEventHandlers(db: Knex, organizationId: string): Promise<EventHandlerRecord[]> {
  return liveHandlers(db).where({ organizationId }).orderBy(['created_at', 'id']);
}

/** One handler of an organization. */
export async function findEventHandler(db: Knex, organizationId: string, id: string): Promise<EventHandlerRecord | undefined> {
  return liveHandlers(db).where({ organizationId, id }).first();
}

/** Replaces a handler's definition. */
export async function replaceEventHandler(db: Knex, organizationId: string, id: string, definition: EventHandlerRecord['definition']): Promise<EventHandlerRecord | undefined> {
  const [row] = await liveHandlers(db).where({ organizationId, id }).update({ definition: JSON.stringify(definition), updatedAt: db.fn.now() }).returning('*');
  return row;
}

/** Removes a handler (soft delete: its runs keep naming it). */
export async function deleteEventHandler(db: Knex, organizationId: string, id: string): Promise<boolean> {
  return (await liveHandlers(db).where({ organizationId, id }).update({ deletedAt: db.fn.now() })) > 0;
}

/** What a booking's template version says about conditions and handlers: its name, minimum group size and event handlers. */
export async function templateAutomation(db: Knex, organizationId: string, serviceTemplateId: string, version: number) {
  const definition = await findServiceTemplateVersion(db, organizationId, serviceTemplateId, version);
  if (!definition) return { facts: null, handlers: [] as HandlerDefinition[] };
  const group = (definition.capacity as { group?: { minParticipants?: number } } | undefined)?.group;
  const configured = ((definition.workflows as { eventHandlers?: Array<Omit<HandlerDefinition, 'key' | 'source'> & { id?: string }> } | undefined)?.eventHandlers ?? []);
  return {
    facts: { name: definition.name, minParticipants: group?.minParticipants ?? null },
    handlers: configured.map(({ id, ...handler }, index) => ({ ...handler, key: `${serviceTemplateId}@v${version}#${id ?? index}`, source: 'service_template' as const })),
  };
}

/**
 * The handlers that apply to an event (the organization's, then its booking's template version's) and
 * the context their conditions read. The dispatcher and the dry run both judge with this, so they agree.
 */
export async function handlersForEvent(db: Knex, event: { organizationId: string; type: string; occurredAt: Date; data: BookingFacts }): Promise<{ handlers: HandlerDefinition[]; context: EventContext }> {
  const organizationHandlers = (await listEventHandlers(db, event.organizationId)).map((row) => ({ ...row.definition, key: row.id, source: 'organization' as const }));
  const booking = event.data.booking as { serviceTemplateId?: string; serviceTemplateVersion?: number } | undefined;
  const template = booking?.serviceTemplateId && booking.serviceTemplateVersion ? await templateAutomation(db, event.organizationId, booking.serviceTemplateId, booking.serviceTemplateVersion) : { facts: null, handlers: [] };
  return { handlers: [...organizationHandlers, ...template.handlers], context: eventContext(event, event.data, template.facts) };
}

/** A run of a handler (or an automation rule) for one event or booking: what it was told to do and what it did. */
export interface HandlerRunRecord {
  id: string;
  organizationId: string;
  eventId: string | null;
  automationRuleId: string | null;
  handlerKey: string;
  bookingId: string | null;
  workflowId: string;
  status: 'scheduled' | 'completed' | 'failed';
  definition: { actions: AutomationAction[]; delayMinutes: number };
  results: Array<{ index: number; type: string; outcome: string; detail?: unknown }>;
  error: string | null;
  createdAt: Date;
  finishedAt: Date | null;
}

/** Creates a run once per workflow id; returns it either way. */
export async function ensureHandlerRun(db: Knex, run: Pick<HandlerRunRecord, 'organizationId' | 'eventId' | 'automationRuleId' | 'handlerKey' | 'bookingId' | 'workflowId' | 'definition'>): Promise<HandlerRunRecord> {
  await db('event_handler_runs').insert({ id: newId('handlerRun'), ...run, definition: JSON.stringify(run.definition) }).onConflict('workflow_id').ignore();
  return db('event_handler_runs').where({ workflowId: run.workflowId }).first();
}

/** One run. */
export async function findHandlerRun(db: Knex, id: string): Promise<HandlerRunRecord | undefined> {
  return db('event_handler_runs').where({ id }).first();
}

/** Records one action's outcome (once per action index). */
export async function recordActionResult(db: Knex, runId: string, result: HandlerRunRecord['results'][number]): Promise<void> {
  await db('event_handler_runs')
    .where({ id: runId })
    .whereRaw('NOT EXISTS (SELECT 1 FROM jsonb_array_elements(results) r WHERE (r->>\'index\')::int = ?)', [result.index])
    .update({ results: db.raw('results || ?::jsonb', [JSON.stringify([result])]) });
}

/** Marks a run finished. */
export async function finishHandlerRun(db: Knex, id: string, status: 'completed' | 'failed', error: string | null = null): Promise<void> {
  await db('event_handler_runs').where({ id, status: 'scheduled' }).update({ status, error, finishedAt: db.fn.now() });
}

/** Runs of an organization, newest first, optionally of one event or one rule. */
export async function listHandlerRuns(db: Knex, organizationId: string, filter: { eventId?: string; automationRuleId?: string; bookingId?: string; limit: number }): Promise<HandlerRunRecord[]> {
  const query = db('event_handler_runs').where({ organizationId }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).limit(filter.limit);
  if (filter.eventId) query.where({ eventId: filter.eventId });
  if (filter.automationRuleId) query.where({ automationRuleId: filter.automationRuleId });
  if (filter.bookingId) query.where({ bookingId: filter.bookingId });
  return query;
}

/** A scheduled automation rule (spec §4.2 AutomationRule with a cron trigger). */
export interface AutomationRuleRecord {
  id: string;
  organizationId: string;
  definition: { name: string; cron: string; conditions: Condition[]; actions: AutomationAction[]; lookAheadDays: number };
  timezone: string;
  scheduleId: string;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const liveRules = (db: Knex) => db('automation_rules').whereNull('deleted_at');

/** Stores a rule; its Temporal Schedule is named `scheduleId`. */
export async function createAutomationRule(db: Knex, row: Pick<AutomationRuleRecord, 'id' | 'organizationId' | 'definition' | 'timezone' | 'scheduleId' | 'enabled'> & { createdBy: string }): Promise<AutomationRuleRecord> {
  const [created] = await db('automation_rules').insert({ ...row, definition: JSON.stringify(row.definition) }).returning('*');
  return created;
}

/** One rule of an organization (or of any organization, for the scheduled run). */
export async function findAutomationRule(db: Knex, id: string, organizationId?: string): Promise<AutomationRuleRecord | undefined> {
  return liveRules(db).where({ id, ...(organizationId ? { organizationId } : {}) }).first();
}

/** The organization's rules, oldest first. */
export async function listAutomationRules(db: Knex, organizationId: string): Promise<AutomationRuleRecord[]> {
  return liveRules(db).where({ organizationId }).orderBy(['created_at', 'id']);
}

/** Pauses or resumes a rule. */
export async function setAutomationRuleEnabled(db: Knex, organizationId: string, id: string, enabled: boolean): Promise<AutomationRuleRecord | undefined> {
  const [row] = await liveRules(db).where({ organizationId, id }).update({ enabled, updatedAt: db.fn.now() }).returning('*');
  return row;
}

/** Removes a rule (soft delete). */
export async function deleteAutomationRule(db: Knex, organizationId: string, id: string): Promise<boolean> {
  return (await liveRules(db).where({ organizationId, id }).update({ deletedAt: db.fn.now(), enabled: false })) > 0;
}

/** The bookings a scheduled rule looks at: upcoming (pending or confirmed), starting within the look-ahead. */
export async function upcomingBookingIds(db: Knex, organizationId: string, now: Date, lookAheadDays: number): Promise<string[]> {
  return db('bookings')
    .where({ organizationId })
    .whereIn('status', ['pending', 'confirmed'])
    .where('starts_at', '>', now)
    .where('starts_at', '<=', new Date(now.getTime() + lookAheadDays * 86_400_000))
    .orderBy(['starts_at', 'id'])
    .limit(5000)
    .pluck('id');
}
