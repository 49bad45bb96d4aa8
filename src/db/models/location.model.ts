import { BaseModel } from './base.model';

/** A place of business with its IANA time zone (spec §2.2 Location). */
export class LocationModel extends BaseModel {
  static override tableName = 'locations';
  static override jsonAttributes = ['address', 'config', 'operatingHours', 'serviceArea'];

  id!: string;
  organizationId!: string;
  parentLocationId!: string | null;
  name!: string;
  type!: 'physical' | 'virtual' | 'mobile';
  timezone!: string;
  locale!: string;
  address!: Record<string, unknown> | null;
  config!: Record<string, unknown>;
  operatingHours!: Record<string, unknown> | null;
  serviceArea!: Record<string, unknown> | null;
  createdAt!: Date;
  updatedAt!: Date;
  deletedAt!: Date | null;
}
