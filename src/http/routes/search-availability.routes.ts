import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { EngineSlot } from '../../domain/availability/engine/engine-types';
import { DomainError } from '../../domain/shared/errors';
import { localWallClock, nextLocalDate } from '../../domain/shared/time';
import { findServiceTemplate } from '../../db/queries/service-template.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { searchAvailabilityQuerySchema, searchQueryBodySchema, type SearchQueryBody } from './availability.schemas';
import { presentSlot, searchSlots, type SlotQuery } from './slot-search';

/**
 * Slot search across every bookable that could serve a service: GET /search/availability (the
 * common filters in the query string) and POST /search/query (criteria, days, times of day, range
 * types and premium slots combined). Both answer the same slot shape.
 */
export function searchAvailabilityRoutes(deps: AppDeps): Router<AppState> {
  const { db } = deps;
  const router = new Router<AppState>();

  async function answer(ctx: ParameterizedContext<AppState>, query: Omit<SlotQuery, 'template' | 'now'> & { serviceTemplateId: string; timezone?: string; limit: number }, keep: (slot: EngineSlot) => boolean = () => true) {
    const template = await findServiceTemplate(db, query.organizationId, query.serviceTemplateId);
    if (!template) throw new DomainError('VALIDATION_FAILED', 'Unknown service template.', { fields: [{ path: 'serviceTemplateId', message: 'not found' }] });
    const slots = (await searchSlots(db, { ...query, template, now: deps.now() })).filter(keep);
    ctx.body = {
      organizationId: query.organizationId,
      serviceTemplateId: template.id,
      from: query.from.toISOString(),
      to: query.to.toISOString(),
      timezone: query.timezone ?? null,
      slots: slots.slice(0, query.limit).map((slot) => presentSlot(slot, query.timezone)),
      truncated: slots.length > query.limit,
    };
  }

  router.get(
    '/search/availability',
    permit(db, routePermissions.catalogueReaders, async (ctx) => ({ organizationId: parseInput(searchAvailabilityQuerySchema, ctx.query).organizationId })),
    async (ctx) => {
      const query = parseInput(searchAvailabilityQuerySchema, ctx.query);
      await answer(ctx, { ...query, criteria: { categoryIds: query.categoryIds, tags: query.tags } });
    },
  );

  router.post(
    '/search/query',
    permit(db, routePermissions.catalogueReaders, async (ctx) => ({ organizationId: parseInput(searchQueryBodySchema, ctx.request.body).organizationId, readOnly: true })),
    async (ctx) => {
      const body = parseInput(searchQueryBodySchema, ctx.request.body);
      const { ids, ...criteria } = body.bookables;
      await answer(ctx, { ...body, bookableIds: ids, criteria }, (slot) => matchesTimes(slot, body));
    },
  );

  return router;
}

/** The day, time-of-day, range-type and premium filters of POST /search/query, read in `timezone` (else the slot's own zone). */
function matchesTimes(slot: EngineSlot, body: SearchQueryBody): boolean {
  const zone = body.timezone ?? slot.timezone;
  const start = localWallClock(slot.start, zone);
  const end = localWallClock(slot.end, zone);
  const { daysOfWeek, dates, earliestStart, latestEnd } = body.times;
  if (daysOfWeek && !daysOfWeek.includes(start.localWeekday)) return false;
  if (dates && !dates.includes(start.localDate)) return false;
  if (earliestStart && start.localTime < earliestStart) return false;
  // A slot ending on a later local day than it starts ends after any wall time of its first day.
  const endTime = end.localDate > start.localDate ? (end.localTime === '00:00' && end.localDate === nextLocalDate(start.localDate) ? '24:00' : '99:99') : end.localTime;
  if (latestEnd && endTime > latestEnd) return false;
  if (body.rangeTypes && !body.rangeTypes.includes(slot.rangeType)) return false;
  if (body.premium !== undefined && slot.premium !== body.premium) return false;
  return true;
}
