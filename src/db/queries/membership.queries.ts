import type { Knex } from 'knex';
import type { OrganizationRole } from '../../domain/auth/permissions';
import { MembershipModel } from '../models/membership.model';

/** The user's active membership in a live organization, or undefined. */
export async function findActiveMembership(db: Knex, organizationId: string, userId: string): Promise<MembershipModel | undefined> {
  return MembershipModel.query(db)
    .alias('m')
    .join('organizations as o', 'o.id', 'm.organization_id')
    .whereNull('o.deleted_at')
    .where({ 'm.organization_id': organizationId, 'm.user_id': userId, 'm.status': 'active' })
    .select('m.*')
    .first();
}

/** Adds a user to an organization; ALREADY_EXISTS is the caller's to raise on a unique violation. */
export async function insertMembership(
  db: Knex,
  membership: { id: string; organizationId: string; userId: string; role: OrganizationRole; locationIds: string[] | null; providerId: string | null; invitedBy: string | null },
): Promise<MembershipModel> {
  return MembershipModel.query(db).insertAndFetch(membership);
}

/** An organization's members with their names and emails. */
export async function listMembers(db: Knex, organizationId: string) {
  return db('organization_memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where('m.organization_id', organizationId)
    .orderBy('m.joined_at')
    .select('m.id', 'm.user_id', 'u.email', 'u.name', 'm.role', 'm.location_ids', 'm.provider_id', 'm.status', 'm.joined_at');
}

/** The user id registered under an email, or undefined. */
export async function findUserIdByEmail(db: Knex, email: string): Promise<string | undefined> {
  const row = await db('users').whereRaw('lower(email) = lower(?)', [email]).first('id');
  return row?.id;
}
