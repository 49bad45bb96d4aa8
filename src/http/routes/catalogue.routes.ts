import Router from '@koa/router';
import { z } from 'zod';
import { DomainError } from '../../domain/shared/errors';
import { slugWithSuffix } from '../../domain/shared/slug';
import { findBookable, findLocation, insertProvider, listBookables } from '../../db/queries/catalogue.queries';
import { findServiceTemplate, insertServiceTemplate, listServiceTemplates } from '../../db/queries/service-template.queries';
import type { ServiceTemplateModel } from '../../db/models/service-template.model';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { createProviderSchema, createServiceTemplateSchema } from './catalogue.schemas';
import { presentBookable } from './bookable.presenter';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

function presentTemplate(template: ServiceTemplateModel) {
  return {
    id: template.id,
    organizationId: template.organizationId,
    locationId: template.locationId,
    name: template.name,
    slug: template.slug,
    type: template.type,
    status: template.status,
    version: template.version,
    duration: template.durationConfig,
    scheduling: template.schedulingConfig,
    lifecycle: template.lifecycleConfig,
    createdAt: template.createdAt,
  };
}

const bookableListQuery = z.strictObject({
  type: z.enum(['provider', 'asset', 'venue', 'virtual_resource']).optional(),
  locationId: z.string().optional(),
});

/** Locations, bookables and service templates: what there is to book (spec §2–3, first slice). */
export function catalogueRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const readCatalogue = ['booking:create', 'booking:view_location', 'booking:view_assigned', 'setting:view'] as const;

  router.post(
    '/organizations/:orgId/bookables/providers',
    permit(db, ['provider:manage_org', 'provider:manage_location'], async (ctx) => ({
      organizationId: ctx.params.orgId!,
      locationId: (ctx.request.body as { locationId?: string } | undefined)?.locationId ?? null,
    })),
    async (ctx) => {
      const input = parseInput(createProviderSchema, ctx.request.body);
      const organizationId = ctx.params.orgId!;
      const location = await findLocation(db, organizationId, input.locationId);
      if (!location) throw new DomainError('VALIDATION_FAILED', 'Unknown location.', { fields: [{ path: 'locationId', message: 'not found in this organization' }] });
      const record = await insertProvider(db, {
        bookable: { id: newId('bookable'), organizationId, locationId: location.id, name: input.name, tags: input.tags },
        provider: { userId: input.userId ?? null, email: input.email ?? null, phone: input.phone ?? null, bio: input.bio ?? null, specialties: input.specialties },
        calendar: { id: newId('calendar'), timezone: input.timezone ?? location.timezone, weeklySchedule: input.weeklySchedule },
      });
      ctx.status = 201;
      ctx.body = presentBookable(record);
    },
  );

  router.get('/organizations/:orgId/bookables', permit(db, readCatalogue, orgFromPath), async (ctx) => {
    const filter = parseInput(bookableListQuery, ctx.query);
    ctx.body = { data: (await listBookables(db, ctx.params.orgId!, filter)).map((bookable) => presentBookable({ bookable })) };
  });

  router.get('/bookables/:id', permit(db, readCatalogue, scopeOfRow(db, 'bookables')), async (ctx) => {
    const record = await findBookable(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!record) throw notFound();
    ctx.body = presentBookable(record);
  });

  router.post('/organizations/:orgId/service-templates', permit(db, ['service_template:manage'], orgFromPath), async (ctx) => {
    const input = parseInput(createServiceTemplateSchema, ctx.request.body);
    const template = await insertServiceTemplate(db, {
      id: newId('serviceTemplate'),
      organizationId: ctx.params.orgId!,
      locationId: input.locationId ?? null,
      name: input.name,
      slug: input.slug ?? slugWithSuffix(input.name, newId('serviceTemplate').slice(-6)),
      type: input.type,
      status: input.status,
      durationConfig: input.duration,
      schedulingConfig: input.scheduling,
      lifecycleConfig: input.lifecycle,
      createdBy: ctx.state.access!.actorId,
    });
    ctx.status = 201;
    ctx.body = presentTemplate(template);
  });

  router.get('/organizations/:orgId/service-templates', permit(db, readCatalogue, orgFromPath), async (ctx) => {
    ctx.body = { data: (await listServiceTemplates(db, ctx.params.orgId!)).map(presentTemplate) };
  });

  router.get('/service-templates/:id', permit(db, readCatalogue, scopeOfRow(db, 'service_templates')), async (ctx) => {
    const template = await findServiceTemplate(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!template) throw notFound();
    ctx.body = presentTemplate(template);
  });

  return router;
}
