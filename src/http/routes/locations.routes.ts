import Router from '@koa/router';
import { resolveEffectiveConfig } from '../../domain/configuration/effective-config';
import { DomainError } from '../../domain/shared/errors';
import { findLocation, insertLocation, listLocations, locationLineage, updateLocation } from '../../db/queries/location.queries';
import { findOrganization } from '../../db/queries/organization.queries';
import type { LocationModel } from '../../db/models/location.model';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { createLocationSchema, updateLocationSchema } from './locations.schemas';
import { routePermissions } from '../route-permissions';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

function presentLocation(location: LocationModel) {
  const { id, organizationId, parentLocationId, name, type, timezone, locale, address, config, operatingHours, serviceArea, createdAt, updatedAt } = location;
  return { id, organizationId, parentLocationId, name, type, timezone, locale, address, config, operatingHours, serviceArea, createdAt, updatedAt };
}

/** Locations and their configuration inheritance (spec §2.2). */
export function locationRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  // Location managers change only their own locations; creating one is organization-wide.
  const locationEditors = permit(db, ['org:manage', 'schedule:manage_location'], scopeOfRow(db, 'locations', 'id'));

  router.post('/organizations/:orgId/locations', permit(db, ['org:manage'], orgFromPath), async (ctx) => {
    const input = parseInput(createLocationSchema, ctx.request.body);
    const location = await insertLocation(db, { id: newId('location'), organizationId: ctx.params.orgId!, ...input });
    ctx.status = 201;
    ctx.body = presentLocation(location);
  });

  router.get('/organizations/:orgId/locations', permit(db, routePermissions.catalogueReaders, orgFromPath), async (ctx) => {
    ctx.body = { data: (await listLocations(db, ctx.params.orgId!)).map(presentLocation) };
  });

  router.get('/locations/:id', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'locations', 'id')), async (ctx) => {
    const location = await findLocation(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!location) throw notFound();
    ctx.body = presentLocation(location);
  });

  router.patch('/locations/:id', locationEditors, async (ctx) => {
    const input = parseInput(updateLocationSchema, ctx.request.body);
    const location = await updateLocation(db, ctx.state.access!.organizationId, ctx.params.id!, input);
    if (!location) throw notFound();
    ctx.body = presentLocation(location);
  });

  router.get('/locations/:id/effective-config', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'locations', 'id')), async (ctx) => {
    const organizationId = ctx.state.access!.organizationId;
    const [organization, lineage] = await Promise.all([findOrganization(db, organizationId), locationLineage(db, organizationId, ctx.params.id!)]);
    if (!organization || lineage.length === 0) throw notFound();
    const effective = resolveEffectiveConfig([
      { source: 'organization', config: organization.config },
      ...lineage.map((location) => ({ source: `location:${location.id}`, config: location.config })),
    ]);
    ctx.body = { locationId: ctx.params.id, lineage: lineage.map((location) => location.id), ...effective };
  });

  return router;
}
