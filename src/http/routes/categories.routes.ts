import Router from '@koa/router';
import { insertCategory, listCategories } from '../../db/queries/category.queries';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit } from '../middleware/permit';
import { parseInput } from '../validation';
import { createCategorySchema } from './categories.schemas';
import { routePermissions } from '../route-permissions';

/** Categories that group bookables (spec §2.3 `categoryId`); search and templates filter by them. */
export function categoryRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.post('/organizations/:orgId/bookable-categories', permit(db, routePermissions.bookableManagers, orgFromPath), async (ctx) => {
    const input = parseInput(createCategorySchema, ctx.request.body);
    ctx.status = 201;
    ctx.body = await insertCategory(db, { id: newId('category'), organizationId: ctx.params.orgId!, ...input });
  });

  router.get('/organizations/:orgId/bookable-categories', permit(db, routePermissions.catalogueReaders, orgFromPath), async (ctx) => {
    ctx.body = { data: await listCategories(db, ctx.params.orgId!) };
  });

  return router;
}
