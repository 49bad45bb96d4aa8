import { BaseModel } from './base.model';

/** The blueprint of something bookable (spec §3): each configuration block is a JSON column. */
export class ServiceTemplateModel extends BaseModel {
  static override tableName = 'service_templates';
  static override jsonAttributes = [
    'durationConfig',
    'bookablesConfig',
    'capacityConfig',
    'pricingConfig',
    'schedulingConfig',
    'cancellationConfig',
    'lifecycleConfig',
    'workflowConfig',
    'images',
  ];

  id!: string;
  organizationId!: string;
  locationId!: string | null;
  name!: string;
  slug!: string;
  type!: string;
  status!: 'draft' | 'active' | 'paused' | 'archived';
  description!: string | null;
  categoryId!: string | null;
  tags!: string[];
  images!: unknown[];
  updatedBy!: string | null;
  deletedBy!: string | null;
  version!: number;
  durationConfig!: Record<string, unknown>;
  bookablesConfig!: Record<string, unknown>;
  capacityConfig!: Record<string, unknown>;
  pricingConfig!: Record<string, unknown>;
  schedulingConfig!: Record<string, unknown>;
  cancellationConfig!: Record<string, unknown>;
  lifecycleConfig!: Record<string, unknown>;
  workflowConfig!: Record<string, unknown>;
  createdBy!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
  deletedAt!: Date | null;
}
