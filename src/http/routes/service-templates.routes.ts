import Router from '@koa/router';
import { isAllowed } from '../../domain/auth/permissions';
import { reviseTemplate } from '../../domain/service-template/template-lifecycle';
import { canonicalJson } from '../../domain/shared/canonical-json';
import { DomainError } from '../../domain/shared/errors';
import { slugWithSuffix } from '../../domain/shared/slug';
import {
  definitionOf,
  findServiceTemplate,
  findServiceTemplateVersion,
  insertServiceTemplate,
  listServiceTemplates,
  listServiceTemplateVersions,
  reviseServiceTemplate,
  softDeleteServiceTemplate,
  type TemplateDefinition,
} from '../../db/queries/service-template.queries';
import type { ServiceTemplateModel } from '../../db/models/service-template.model';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { serviceTemplateCreateSchema, serviceTemplateListQuerySchema, serviceTemplatePatchSchema, templateVersionParamSchema } from './service-template.schemas';
import { routePermissions } from '../route-permissions';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

// Webhook secrets are write-only: answers say only that one is set.
function withoutSecrets(workflows: Record<string, unknown>): Record<string, unknown> {
  const webhooks = (workflows.webhooks as Array<Record<string, unknown>> | undefined) ?? [];
  return { ...workflows, webhooks: webhooks.map(({ secret, ...webhook }) => ({ ...webhook, secretSet: Boolean(secret) })) };
}

/** A template as the API shows it: its current definition and version; hooks only to those who manage templates. */
export function presentTemplate(template: ServiceTemplateModel, showHooks = true) {
  const { workflows, ...definition } = definitionOf(template);
  return {
    id: template.id,
    organizationId: template.organizationId,
    version: template.version,
    ...definition,
    ...(showHooks ? { workflows: withoutSecrets(workflows) } : {}),
    createdAt: template.createdAt,
    updatedAt: template.updatedAt,
  };
}


/** Service templates (spec §3) with versions: bookings keep the version they were made with. */
export function serviceTemplateRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const managers = routePermissions.templateManagers;
  // Clients and staff see what can be booked; only those who manage templates see drafts and archives.
  const seesUnpublished = (access: AppState['access']) => isAllowed(access!, managers);

  router.post('/organizations/:orgId/service-templates', permit(db, managers, orgFromPath), async (ctx) => {
    const input = parseInput(serviceTemplateCreateSchema, ctx.request.body);
    const definition = { ...input, slug: input.slug ?? slugWithSuffix(input.name, newId('serviceTemplate').slice(-6)) } as TemplateDefinition;
    const template = await insertServiceTemplate(db, { id: newId('serviceTemplate'), organizationId: ctx.params.orgId!, createdBy: ctx.state.access!.actorId, definition });
    ctx.status = 201;
    ctx.body = presentTemplate(template);
  });

  router.get('/organizations/:orgId/service-templates', permit(db, routePermissions.catalogueReaders, orgFromPath), async (ctx) => {
    const query = parseInput(serviceTemplateListQuerySchema, ctx.query);
    const status = seesUnpublished(ctx.state.access) ? query.status : 'active';
    if (query.status && query.status !== status) throw new DomainError('FORBIDDEN', 'Only active service templates are visible to your role.');
    const page = await listServiceTemplates(db, ctx.params.orgId!, { ...query, status, limit: query.limit + 1, afterId: query.cursor });
    const data = page.slice(0, query.limit);
    ctx.body = { data: data.map((template) => presentTemplate(template, seesUnpublished(ctx.state.access))), nextCursor: page.length > query.limit ? data[data.length - 1]!.id : null };
  });

  router.get('/service-templates/:id', permit(db, routePermissions.catalogueReaders, scopeOfRow(db, 'service_templates')), async (ctx) => {
    const template = await findServiceTemplate(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!template || (template.status !== 'active' && !seesUnpublished(ctx.state.access))) throw notFound();
    ctx.body = presentTemplate(template, seesUnpublished(ctx.state.access));
  });

  router.patch('/service-templates/:id', permit(db, managers, scopeOfRow(db, 'service_templates')), async (ctx) => {
    const patch = parseInput(serviceTemplatePatchSchema, ctx.request.body);
    const access = ctx.state.access!;
    const template = await reviseServiceTemplate(db, { organizationId: access.organizationId, id: ctx.params.id!, actor: access.actorId }, (current) => {
      const { version, status, ...stored } = current;
      const { status: requestedStatus, ...changes } = patch;
      const withoutNulls = (values: object) => Object.fromEntries(Object.entries(values).filter(([, value]) => value !== null));
      const merged = withoutNulls({ ...stored, ...changes });
      // The merged template is checked whole, so rules between blocks hold against what is stored too.
      const definition = parseInput(serviceTemplateCreateSchema, { ...merged, status }) as TemplateDefinition;
      const changesDefinition = canonicalJson({ ...definition, status }) !== canonicalJson({ ...withoutNulls(stored), status });
      const revision = reviseTemplate({ version, status }, { status: requestedStatus, changesDefinition });
      return { definition: { ...definition, status: revision.status }, revision };
    });
    if (!template) throw notFound();
    ctx.body = presentTemplate(template);
  });

  router.delete('/service-templates/:id', permit(db, managers, scopeOfRow(db, 'service_templates')), async (ctx) => {
    if (!(await softDeleteServiceTemplate(db, ctx.state.access!.organizationId, ctx.params.id!, ctx.state.access!.actorId))) throw notFound();
    ctx.status = 204;
  });

  router.get('/service-templates/:id/versions', permit(db, managers, scopeOfRow(db, 'service_templates')), async (ctx) => {
    ctx.body = { data: await listServiceTemplateVersions(db, ctx.state.access!.organizationId, ctx.params.id!) };
  });

  router.get('/service-templates/:id/versions/:version', permit(db, managers, scopeOfRow(db, 'service_templates')), async (ctx) => {
    const version = parseInput(templateVersionParamSchema, ctx.params.version);
    const definition = await findServiceTemplateVersion(db, ctx.state.access!.organizationId, ctx.params.id!, version);
    if (!definition) throw notFound();
    ctx.body = { id: ctx.params.id, version, ...definition, workflows: withoutSecrets(definition.workflows) };
  });

  return router;
}
