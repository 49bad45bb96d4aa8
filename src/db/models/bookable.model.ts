import { BaseModel } from './base.model';

/** Anything that can be booked: a provider, asset, venue or virtual resource (spec §2.3). */
export class BookableModel extends BaseModel {
  static override tableName = 'bookables';
  static override jsonAttributes = ['settings', 'images'];

  id!: string;
  organizationId!: string;
  locationId!: string;
  type!: 'provider' | 'asset' | 'venue' | 'virtual_resource';
  name!: string;
  description!: string | null;
  tags!: string[];
  status!: 'active' | 'inactive' | 'maintenance';
  settings!: Record<string, unknown>;
  categoryId!: string | null;
  requiresBookableIds!: string[];
  images!: unknown[];
  deletedBy!: string | null;
  deletionReason!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  deletedAt!: Date | null;
}

/** The provider-specific columns of a bookable (class-table inheritance, spec §8). */
export class ProviderModel extends BaseModel {
  static override tableName = 'providers';
  static override idColumn = 'bookableId';

  bookableId!: string;
  userId!: string | null;
  email!: string | null;
  phone!: string | null;
  bio!: string | null;
  specialties!: string[];
}
