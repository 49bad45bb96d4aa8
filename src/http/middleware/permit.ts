import type { Knex } from 'knex';
import type { Middleware, ParameterizedContext } from 'koa';
import { isAllowed, type Permission } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import { findActiveMembership } from '../../db/queries/membership.queries';
import type { OrganizationAccess } from '../../auth/principal';
import type { AppState } from '../app-state';

/** Where an action happens: its organization and, when it has one, its location. */
export interface ActionScope {
  organizationId: string;
  locationId?: string | null;
  /** The action changes nothing though it is sent as a POST (a search with a body): it reads like a GET. */
  readOnly?: boolean;
}

/** Finds the scope of the request (from the URL, or by looking the resource up); undefined means 404. */
export type ScopeResolver = (ctx: ParameterizedContext<AppState>) => Promise<ActionScope | undefined>;

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

/** Resolves the caller's standing in an organization: another organization's resources look missing. */
export async function accessTo(db: Knex, ctx: ParameterizedContext<AppState>, organizationId: string): Promise<OrganizationAccess> {
  const principal = ctx.state.principal;
  if (!principal) throw new DomainError('UNAUTHENTICATED', 'Sign in first.');
  if (principal.kind === 'api_key') {
    if (principal.organizationId !== organizationId) throw notFound();
    return { organizationId, role: principal.role, locationIds: null, providerId: null, userId: null, actorId: principal.actorId };
  }
  const membership = await findActiveMembership(db, organizationId, principal.userId);
  if (!membership) throw notFound();
  return { organizationId, role: membership.role, locationIds: membership.locationIds, providerId: membership.providerId, userId: principal.userId, actorId: principal.actorId };
}

/**
 * The one permission check: resolves the scope, requires membership (else 404, so other tenants'
 * ids reveal nothing) and any of the permissions (else 403), and leaves the access on ctx.state.
 */
export function permit(db: Knex, anyOf: readonly Permission[], resolveScope: ScopeResolver): Middleware<AppState> {
  return async (ctx, next) => {
    const scope = await resolveScope(ctx);
    if (!scope) throw notFound();
    const access = await accessTo(db, ctx, scope.organizationId);
    // Reading the organization as a whole (no location) is open to location-limited members: what
    // they may see of it is filtered by the read itself (e.g. booking visibility).
    const orgWideRead = (ctx.method === 'GET' || ctx.method === 'HEAD' || scope.readOnly === true) && scope.locationId == null;
    if (!isAllowed(access, anyOf, { locationId: scope.locationId, orgWideRead })) {
      throw new DomainError('FORBIDDEN', `Your role (${access.role}) may not do this.`, { requires: anyOf });
    }
    ctx.state.access = access;
    await next();
  };
}

/** Scope from the `:orgId` URL parameter. */
export const orgFromPath: ScopeResolver = async (ctx) => ({ organizationId: (ctx as unknown as { params: { orgId: string } }).params.orgId });

/** Scope of a row found by the `:id` URL parameter in an organization-owned table. */
export function scopeOfRow(db: Knex, table: string, locationColumn: string | null = 'location_id'): ScopeResolver {
  return async (ctx) => {
    const id = (ctx as unknown as { params: { id: string } }).params.id;
    const columns = locationColumn ? ['organization_id', `${locationColumn} as location_id`] : ['organization_id'];
    const row = await db(table).where({ id }).first(columns);
    return row ? { organizationId: row.organizationId, locationId: row.locationId ?? null } : undefined;
  };
}
