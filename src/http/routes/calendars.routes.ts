import Router from '@koa/router';
import { calendarPatternProblems } from '../../domain/availability/calendar-config';
import { DomainError } from '../../domain/shared/errors';
import {
  deleteCalendarBlock,
  deleteCalendarOverride,
  findCalendar,
  insertCalendarBlock,
  insertCalendarOverride,
  listCalendarBlocks,
  listCalendarOverrides,
  updateCalendar,
} from '../../db/queries/calendar.queries';
import type { CalendarModel } from '../../db/models/calendar.model';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { calendarBlockSchema, calendarPatchSchema, dateOverrideSchema } from './calendars.schemas';
import { routePermissions } from '../route-permissions';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

function presentCalendar(calendar: CalendarModel) {
  const { id, organizationId, locationId, bookableId, name, timezone, weeklySchedule, pattern, cascadingConfig, updatedAt } = calendar;
  return { id, organizationId, locationId, bookableId, name, timezone, pattern: { ...pattern, weeklySchedule }, cascading: cascadingConfig, updatedAt };
}

/** Calendars (spec §2.4): the weekly pattern, special days and blocked time of a bookable or location. */
export function calendarRoutes({ db, now }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const scope = scopeOfRow(db, 'calendars');
  const schedulers = permit(db, ['schedule:manage_location', 'provider:manage_org'], scope);
  const calendarOf = async (organizationId: string, id: string) => {
    const calendar = await findCalendar(db, organizationId, id);
    if (!calendar) throw notFound();
    return calendar;
  };

  router.get('/calendars/:id', permit(db, routePermissions.catalogueReaders, scope), async (ctx) => {
    const calendar = await calendarOf(ctx.state.access!.organizationId, ctx.params.id!);
    const [overrides, blocks] = await Promise.all([listCalendarOverrides(db, calendar.id), listCalendarBlocks(db, calendar.id, now())]);
    ctx.body = { ...presentCalendar(calendar), overrides, blocks };
  });

  router.patch('/calendars/:id', schedulers, async (ctx) => {
    const input = parseInput(calendarPatchSchema, ctx.request.body);
    const calendar = await calendarOf(ctx.state.access!.organizationId, ctx.params.id!);
    const { weeklySchedule, ...patternChange } = input.pattern ?? {};
    const pattern = { ...calendar.pattern, ...patternChange };
    // The patch checks only what it carries; the merged pattern must still hold together.
    const problems = calendarPatternProblems(pattern);
    if (problems.length) {
      throw new DomainError('VALIDATION_FAILED', 'The request is not valid.', { fields: problems.map((p) => ({ path: ['pattern', ...p.path].join('.'), message: p.message, code: 'custom' })) });
    }
    const updated = await updateCalendar(db, calendar.organizationId, calendar.id, {
      ...(input.name ? { name: input.name } : {}),
      ...(input.timezone ? { timezone: input.timezone } : {}),
      ...(weeklySchedule ? { weeklySchedule } : {}),
      ...(input.pattern ? { pattern } : {}),
      ...(input.cascading ? { cascadingConfig: input.cascading } : {}),
    });
    ctx.body = presentCalendar(updated!);
  });

  router.post('/calendars/:id/overrides', schedulers, async (ctx) => {
    const input = parseInput(dateOverrideSchema, ctx.request.body);
    const calendar = await calendarOf(ctx.state.access!.organizationId, ctx.params.id!);
    ctx.status = 201;
    ctx.body = await insertCalendarOverride(db, { id: newId('calendarOverride'), organizationId: calendar.organizationId, calendarId: calendar.id, ...input });
  });

  router.delete('/calendars/:id/overrides/:overrideId', schedulers, async (ctx) => {
    if (!(await deleteCalendarOverride(db, ctx.state.access!.organizationId, ctx.params.id!, ctx.params.overrideId!))) throw notFound();
    ctx.status = 204;
  });

  router.post('/calendars/:id/blocks', schedulers, async (ctx) => {
    const input = parseInput(calendarBlockSchema, ctx.request.body);
    const calendar = await calendarOf(ctx.state.access!.organizationId, ctx.params.id!);
    const block = await insertCalendarBlock(
      db,
      {
        id: newId('calendarBlock'),
        organizationId: calendar.organizationId,
        calendarId: calendar.id,
        startsAt: input.startsAt,
        endsAt: input.endsAt,
        type: input.type,
        reason: input.reason ?? null,
        paidTimeOff: input.paidTimeOff,
        overrideRules: input.overrideRules,
        createdBy: ctx.state.access!.actorId,
      },
      calendar.bookableId,
    );
    ctx.status = 201;
    ctx.body = block;
  });

  router.delete('/calendars/:id/blocks/:blockId', schedulers, async (ctx) => {
    if (!(await deleteCalendarBlock(db, ctx.state.access!.organizationId, ctx.params.id!, ctx.params.blockId!))) throw notFound();
    ctx.status = 204;
  });

  return router;
}
