import Router from '@koa/router';
import { generateApiKey } from '../../auth/api-keys';
import { DomainError } from '../../domain/shared/errors';
import { slugWithSuffix } from '../../domain/shared/slug';
import { insertApiKey, listApiKeys, revokeApiKey } from '../../db/queries/api-key.queries';
import { findUserIdByEmail, insertMembership, listMembers } from '../../db/queries/membership.queries';
import { createOrganizationWithOwner, findOrganization, listOrganizationsOfUser, softDeleteOrganization, updateOrganization } from '../../db/queries/organization.queries';
import type { OrganizationModel } from '../../db/models/organization.model';
import type { ApiKeyModel } from '../../db/models/api-key.model';
import { pgErrorCode, pgErrorCodes } from '../../db/db-errors';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { newId } from '../../ids';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit } from '../middleware/permit';
import { parseInput } from '../validation';
import { addMemberSchema, createApiKeySchema, createOrganizationSchema, updateOrganizationSchema } from './organizations.schemas';

function presentOrganization(org: OrganizationModel) {
  const { id, slug, name, type, features, compliance, authConfig, config, createdAt, updatedAt } = org;
  return { id, slug, name, type, features, compliance, authConfig, defaultConfig: config, createdAt, updatedAt };
}

function presentApiKey(key: ApiKeyModel) {
  return { id: key.id, name: key.name, role: key.role, keyPrefix: key.keyPrefix, createdAt: key.createdAt, lastUsedAt: key.lastUsedAt, revokedAt: key.revokedAt };
}

/** Organizations, their members and their API keys (spec §2.2, §6). */
export function organizationRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  const anyMember = permit(db, ['booking:view_own', 'booking:view_location', 'booking:view_assigned', 'booking:manage_location'], orgFromPath);

  router.post('/organizations', async (ctx) => {
    const principal = ctx.state.principal!;
    if (principal.kind !== 'user') throw new DomainError('FORBIDDEN', 'API keys cannot create organizations; sign in as a user.');
    const input = parseInput(createOrganizationSchema, ctx.request.body);
    const organization = await createOrganizationWithOwner(db, {
      organization: {
        id: newId('organization'),
        slug: input.slug ?? slugWithSuffix(input.name, newId('organization').slice(-6)),
        name: input.name,
        type: input.type,
        features: input.features,
        compliance: input.compliance,
        authConfig: input.authConfig,
        config: input.defaultConfig,
      },
      ownerUserId: principal.userId,
      membershipId: newId('membership'),
    });
    ctx.status = 201;
    ctx.body = { ...presentOrganization(organization), role: 'owner' };
  });

  router.get('/organizations', async (ctx) => {
    const principal = ctx.state.principal!;
    const organizations =
      principal.kind === 'user'
        ? (await listOrganizationsOfUser(db, principal.userId)).map((org) => ({ ...presentOrganization(org), role: org.role }))
        : [{ ...presentOrganization((await findOrganization(db, principal.organizationId))!), role: principal.role }];
    ctx.body = { data: organizations };
  });

  router.get('/organizations/:orgId', anyMember, async (ctx) => {
    const organization = await findOrganization(db, ctx.params.orgId!);
    if (!organization) throw new DomainError('NOT_FOUND', 'Not found.');
    ctx.body = { ...presentOrganization(organization), role: ctx.state.access!.role };
  });

  router.patch('/organizations/:orgId', permit(db, ['org:manage'], orgFromPath), async (ctx) => {
    const { defaultConfig, ...rest } = parseInput(updateOrganizationSchema, ctx.request.body);
    const organization = await updateOrganization(db, ctx.params.orgId!, { ...rest, ...(defaultConfig ? { config: defaultConfig } : {}) });
    if (!organization) throw new DomainError('NOT_FOUND', 'Not found.');
    ctx.body = { ...presentOrganization(organization), role: ctx.state.access!.role };
  });

  router.delete('/organizations/:orgId', permit(db, ['org:delete'], orgFromPath), async (ctx) => {
    if (!(await softDeleteOrganization(db, ctx.params.orgId!, ctx.state.access!.actorId))) throw new DomainError('NOT_FOUND', 'Not found.');
    ctx.status = 204;
  });

  router.get('/organizations/:orgId/members', permit(db, ['user:manage', 'client:view'], orgFromPath), async (ctx) => {
    ctx.body = { data: await listMembers(db, ctx.params.orgId!) };
  });

  router.post('/organizations/:orgId/members', permit(db, ['user:manage'], orgFromPath), async (ctx) => {
    const input = parseInput(addMemberSchema, ctx.request.body);
    const access = ctx.state.access!;
    if (input.role === 'owner' && access.role !== 'owner') throw new DomainError('FORBIDDEN', 'Only an owner can add another owner.');
    const userId = await findUserIdByEmail(db, input.email);
    if (!userId) {
      throw new DomainError('VALIDATION_FAILED', 'No user has signed up with that email yet.', { fields: [{ path: 'email', message: 'unknown user' }] });
    }
    if (input.providerId && (await findBookableRecord(db, ctx.params.orgId!, input.providerId))?.bookable.type !== 'provider') {
      throw new DomainError('VALIDATION_FAILED', 'Unknown provider.', { fields: [{ path: 'providerId', message: 'not a provider of this organization' }] });
    }
    try {
      const membership = await insertMembership(db, {
        id: newId('membership'),
        organizationId: ctx.params.orgId!,
        userId,
        role: input.role,
        locationIds: input.locationIds ?? null,
        providerId: input.providerId ?? null,
        invitedBy: access.userId,
      });
      ctx.status = 201;
      ctx.body = { id: membership.id, userId, email: input.email, role: membership.role, locationIds: membership.locationIds, providerId: membership.providerId, status: membership.status };
    } catch (error) {
      if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) throw new DomainError('ALREADY_EXISTS', 'That user is already a member.');
      if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) throw new DomainError('VALIDATION_FAILED', 'Unknown location.', { fields: [{ path: 'locationIds', message: 'unknown location' }] });
      throw error;
    }
  });

  router.get('/organizations/:orgId/api-keys', permit(db, ['integration:manage'], orgFromPath), async (ctx) => {
    ctx.body = { data: (await listApiKeys(db, ctx.params.orgId!)).map(presentApiKey) };
  });

  router.post('/organizations/:orgId/api-keys', permit(db, ['integration:manage'], orgFromPath), async (ctx) => {
    const input = parseInput(createApiKeySchema, ctx.request.body);
    const generated = generateApiKey();
    const key = await insertApiKey(db, {
      id: newId('apiKey'),
      organizationId: ctx.params.orgId!,
      name: input.name,
      role: input.role,
      keyPrefix: generated.keyPrefix,
      keyHash: generated.keyHash,
      createdBy: ctx.state.access!.userId,
    });
    ctx.status = 201;
    // The secret is shown exactly once; only its hash is stored.
    ctx.body = { ...presentApiKey(key), secret: generated.secret };
    ctx.state.replayBody = { ...presentApiKey(key), secret: null };
  });

  router.delete('/organizations/:orgId/api-keys/:keyId', permit(db, ['integration:manage'], orgFromPath), async (ctx) => {
    if (!(await revokeApiKey(db, ctx.params.orgId!, ctx.params.keyId!))) throw new DomainError('NOT_FOUND', 'Not found.');
    ctx.status = 204;
  });

  return router;
}
