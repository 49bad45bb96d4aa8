import { BaseModel } from './base.model';

/** A tenant (spec §2.2). */
export class OrganizationModel extends BaseModel {
  static override tableName = 'organizations';
  static override jsonAttributes = ['features', 'compliance', 'authConfig', 'config'];

  id!: string;
  slug!: string;
  name!: string;
  type!: 'individual' | 'small_business' | 'enterprise' | 'franchise';
  features!: Record<string, boolean>;
  compliance!: Record<string, boolean>;
  authConfig!: Record<string, unknown>;
  config!: Record<string, unknown>;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  deletedAt!: Date | null;
  deletedBy!: string | null;
}
