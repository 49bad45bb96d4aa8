import Router from '@koa/router';
import {
  createAutomationRule,
  createEventHandler,
  deleteAutomationRule,
  deleteEventHandler,
  findAutomationRule,
  findEventHandler,
  handlersForEvent,
  listAutomationRules,
  listEventHandlers,
  listHandlerRuns,
  replaceEventHandler,
  setAutomationRuleEnabled,
} from '../../db/queries/automation.queries';
import { bookingSnapshot } from '../../db/queries/domain-event.queries';
import { findOrganization } from '../../db/queries/organization.queries';
import { judgeHandlers, type BookingFacts } from '../../domain/automation/handler-matching';
import { DomainError } from '../../domain/shared/errors';
import { derivedId, newId } from '../../ids';
import { createAutomationSchedule, deleteAutomationSchedule, setAutomationSchedulePaused, triggerAutomationSchedule } from '../../../temporal/commands/automation.commands';
import { automationScheduleId } from '../../../workflows/automation/automation.contract';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { automationRulePatchSchema, automationRuleSchema, dryRunSchema, eventHandlerBodySchema, handlerRunQuerySchema } from './automation.schemas';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

/** Event handlers (with a dry run and the log of their runs) and scheduled automation rules (spec §4.2). */
export function automationRoutes({ db, temporal, now }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const managers = routePermissions.automationManagers;
  const handlerScope = scopeOfRow(db, 'event_handlers', null);
  const ruleScope = scopeOfRow(db, 'automation_rules', null);

  router.post('/organizations/:orgId/event-handlers', permit(db, managers, orgFromPath), async (ctx) => {
    const definition = parseInput(eventHandlerBodySchema, ctx.request.body);
    const created = await createEventHandler(db, ctx.params.orgId!, definition, ctx.state.access!.actorId);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/event-handlers/${created.id}`);
    ctx.body = created;
  });

  router.get('/organizations/:orgId/event-handlers', permit(db, managers, orgFromPath), async (ctx) => {
    ctx.body = { data: await listEventHandlers(db, ctx.params.orgId!) };
  });

  router.get('/event-handlers/:id', permit(db, managers, handlerScope), async (ctx) => {
    const handler = await findEventHandler(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!handler) throw notFound();
    ctx.body = handler;
  });

  router.put('/event-handlers/:id', permit(db, managers, handlerScope), async (ctx) => {
    const definition = parseInput(eventHandlerBodySchema, ctx.request.body);
    const handler = await replaceEventHandler(db, ctx.state.access!.organizationId, ctx.params.id!, definition);
    if (!handler) throw notFound();
    ctx.body = handler;
  });

  router.delete('/event-handlers/:id', permit(db, managers, handlerScope), async (ctx) => {
    if (!(await deleteEventHandler(db, ctx.state.access!.organizationId, ctx.params.id!))) throw notFound();
    ctx.status = 204;
  });

  // What every handler would do with an event, judged exactly as the dispatcher judges real events.
  router.post('/organizations/:orgId/event-handlers/dry-run', permit(db, managers, orgFromPath), async (ctx) => {
    const input = parseInput(dryRunSchema, ctx.request.body);
    const organizationId = ctx.params.orgId!;
    let data = input.data as BookingFacts | undefined;
    if (input.bookingId) {
      const found = await bookingSnapshot(db, input.bookingId);
      if (!found || found.organizationId !== organizationId) throw new DomainError('VALIDATION_FAILED', 'Unknown booking.', { fields: [{ path: 'bookingId', message: 'not found' }] });
      data = { booking: found.snapshot };
    }
    const at = now();
    const { handlers, context } = await handlersForEvent(db, { organizationId, type: input.type, occurredAt: at, data: data! });
    ctx.body = { event: { type: input.type, context }, handlers: judgeHandlers(handlers, input.type, context, at) };
  });

  router.get('/organizations/:orgId/handler-runs', permit(db, managers, orgFromPath), async (ctx) => {
    const query = parseInput(handlerRunQuerySchema, ctx.query);
    ctx.body = { data: await listHandlerRuns(db, ctx.params.orgId!, query) };
  });

  router.post('/organizations/:orgId/automation-rules', permit(db, managers, orgFromPath), async (ctx) => {
    const { timezone: requestedZone, enabled, ...definition } = parseInput(automationRuleSchema, ctx.request.body);
    const access = ctx.state.access!;
    // The cron reads in the organization's own zone unless the rule names another.
    const organization = await findOrganization(db, ctx.params.orgId!);
    const timezone = requestedZone ?? (organization?.config.timezone as string | undefined);
    if (!timezone) throw new DomainError('VALIDATION_FAILED', 'Name the time zone the cron reads in: the organization has no defaultConfig.timezone.', { fields: [{ path: 'timezone', message: 'required: the organization has no default time zone' }] });
    const id = ctx.state.idempotencyKey ? derivedId('automationRule', access.actorId, ctx.state.idempotencyKey) : newId('automationRule');
    await createAutomationSchedule(temporal, { ruleId: id, name: definition.name, cron: definition.cron, timezone, paused: !enabled });
    const created = await createAutomationRule(db, { id, organizationId: ctx.params.orgId!, definition, timezone, enabled, scheduleId: automationScheduleId(id), createdBy: access.actorId });
    ctx.status = 201;
    ctx.set('Location', `/api/v1/automation-rules/${id}`);
    ctx.body = created;
  });

  router.get('/organizations/:orgId/automation-rules', permit(db, managers, orgFromPath), async (ctx) => {
    ctx.body = { data: await listAutomationRules(db, ctx.params.orgId!) };
  });

  router.get('/automation-rules/:id', permit(db, managers, ruleScope), async (ctx) => {
    const rule = await findAutomationRule(db, ctx.params.id!, ctx.state.access!.organizationId);
    if (!rule) throw notFound();
    ctx.body = { ...rule, runs: await listHandlerRuns(db, rule.organizationId, { automationRuleId: rule.id, limit: 25 }) };
  });

  router.patch('/automation-rules/:id', permit(db, managers, ruleScope), async (ctx) => {
    const { enabled } = parseInput(automationRulePatchSchema, ctx.request.body);
    const rule = await setAutomationRuleEnabled(db, ctx.state.access!.organizationId, ctx.params.id!, enabled);
    if (!rule) throw notFound();
    await setAutomationSchedulePaused(temporal, rule.id, !enabled);
    ctx.body = rule;
  });

  router.delete('/automation-rules/:id', permit(db, managers, ruleScope), async (ctx) => {
    if (!(await deleteAutomationRule(db, ctx.state.access!.organizationId, ctx.params.id!))) throw notFound();
    await deleteAutomationSchedule(temporal, ctx.params.id!);
    ctx.status = 204;
  });

  router.post('/automation-rules/:id/trigger', permit(db, managers, ruleScope), async (ctx) => {
    const rule = await findAutomationRule(db, ctx.params.id!, ctx.state.access!.organizationId);
    if (!rule) throw notFound();
    await triggerAutomationSchedule(temporal, rule.id);
    ctx.status = 202;
    ctx.body = { ruleId: rule.id, scheduleId: rule.scheduleId };
  });

  return router;
}
