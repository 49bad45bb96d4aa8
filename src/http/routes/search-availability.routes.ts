import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import type { EngineSlot } from '../../domain/availability/engine/engine-types';
import { passesFilters } from '../../domain/availability/engine/slot-filters';
import { requireServiceTemplate } from '../../db/queries/service-template.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { searchAvailabilityQuerySchema, searchQueryBodySchema } from './availability.schemas';
import { currentService, presentSlot, searchSlots, type SlotQuery } from './slot-search';

/**
 * Slot search across every bookable that could serve a service: GET /search/availability (the
 * common filters in the query string) and POST /search/query (criteria, days, times of day, range
 * types and premium slots combined). Both answer the same slot shape.
 */
export function searchAvailabilityRoutes(deps: AppDeps): Router<AppState> {
  const { db } = deps;
  const router = new Router<AppState>();

  async function answer(ctx: ParameterizedContext<AppState>, query: Omit<SlotQuery, 'template' | 'now'> & { serviceTemplateId: string; timezone?: string; limit: number }, keep: (slot: EngineSlot) => boolean = () => true) {
    const template = await requireServiceTemplate(db, query.organizationId, query.serviceTemplateId);
    const slots = (await searchSlots(db, { ...query, template: currentService(template), now: deps.now() })).filter(keep);
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
      await answer(ctx, { ...body, bookableIds: ids, criteria }, (slot) => passesFilters(slot, { timezone: body.timezone, ...body.times, rangeTypes: body.rangeTypes, premium: body.premium }));
    },
  );

  return router;
}
