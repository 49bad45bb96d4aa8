import type { OrganizationRole } from '../../domain/auth/permissions';
import { BaseModel } from './base.model';

/** A user's role in one organization (spec §6.1 OrganizationMembership). */
export class MembershipModel extends BaseModel {
  static override tableName = 'organization_memberships';

  id!: string;
  organizationId!: string;
  userId!: string;
  role!: OrganizationRole;
  locationIds!: string[] | null;
  providerId!: string | null;
  status!: 'active' | 'inactive' | 'suspended';
  invitedBy!: string | null;
  joinedAt!: Date;
}
