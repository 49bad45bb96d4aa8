import type { OrganizationRole } from '../../domain/auth/permissions';
import { BaseModel } from './base.model';

/** A server-to-server credential acting in one organization with one role; only its hash is stored. */
export class ApiKeyModel extends BaseModel {
  static override tableName = 'api_keys';

  id!: string;
  organizationId!: string;
  name!: string;
  role!: Exclude<OrganizationRole, 'owner'>;
  keyPrefix!: string;
  keyHash!: string;
  createdBy!: string | null;
  createdAt!: Date;
  lastUsedAt!: Date | null;
  revokedAt!: Date | null;
}
