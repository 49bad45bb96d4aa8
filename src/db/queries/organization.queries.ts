import type { Knex } from 'knex';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { MembershipModel } from '../models/membership.model';
import { OrganizationModel } from '../models/organization.model';

/** Creates an organization and makes its creator the owner, in one transaction. */
export async function createOrganizationWithOwner(
  db: Knex,
  input: {
    organization: Pick<OrganizationModel, 'id' | 'slug' | 'name' | 'type' | 'features' | 'compliance' | 'authConfig' | 'config'>;
    ownerUserId: string;
    membershipId: string;
  },
): Promise<OrganizationModel> {
  try {
    return await db.transaction(async (trx) => {
      const organization = await OrganizationModel.query(trx).insertAndFetch({ ...input.organization, createdBy: input.ownerUserId });
      await MembershipModel.query(trx).insert({
        id: input.membershipId,
        organizationId: organization.id,
        userId: input.ownerUserId,
        role: 'owner',
        status: 'active',
      });
      return organization;
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      throw new DomainError('ALREADY_EXISTS', `The slug "${input.organization.slug}" is taken.`, {
        fields: [{ path: 'slug', message: 'already taken' }],
      });
    }
    throw error;
  }
}

/** A live organization by id. */
export async function findOrganization(db: Knex, id: string): Promise<OrganizationModel | undefined> {
  return OrganizationModel.query(db).where('id', id).whereNull('deleted_at').first();
}

/** The live organizations a user belongs to, with the user's role in each. */
export async function listOrganizationsOfUser(db: Knex, userId: string): Promise<Array<OrganizationModel & { role: string }>> {
  return OrganizationModel.query(db)
    .alias('o')
    .join('organization_memberships as m', 'm.organization_id', 'o.id')
    .where({ 'm.user_id': userId, 'm.status': 'active' })
    .whereNull('o.deleted_at')
    .orderBy('o.created_at')
    .select('o.*', 'm.role') as unknown as Promise<Array<OrganizationModel & { role: string }>>;
}

/** Applies a change to a live organization and returns it; undefined when it does not exist. */
export async function updateOrganization(db: Knex, id: string, change: Partial<Pick<OrganizationModel, 'name' | 'type' | 'features' | 'compliance' | 'authConfig' | 'config'>>): Promise<OrganizationModel | undefined> {
  return db.transaction(async (trx) => {
    const current = await OrganizationModel.query(trx).where('id', id).whereNull('deleted_at').forUpdate().first();
    if (!current) return undefined;
    // Settings objects merge key by key, so a PATCH of one flag keeps the others.
    const merged = {
      ...change,
      ...(change.features ? { features: { ...current.features, ...change.features } } : {}),
      ...(change.compliance ? { compliance: { ...current.compliance, ...change.compliance } } : {}),
      ...(change.authConfig ? { authConfig: { ...current.authConfig, ...change.authConfig } } : {}),
      ...(change.config ? { config: { ...current.config, ...change.config } } : {}),
    };
    return OrganizationModel.query(trx).patchAndFetchById(id, { ...merged, updatedAt: new Date() });
  });
}

/** Closes an organization: it and everything in it disappear from the API (rows are kept). */
export async function softDeleteOrganization(db: Knex, id: string, deletedBy: string): Promise<boolean> {
  const changed = await db('organizations').where({ id }).whereNull('deleted_at').update({ deletedAt: db.fn.now(), deletedBy });
  return changed > 0;
}
