import type { Knex } from 'knex';
import type { DurationRules, ReservationRules, SchedulingRules } from '../../domain/service-template/service-template-rules';
import { defaultReservationRules, defaultSchedulingRules } from '../../domain/service-template/service-template-rules';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { ServiceTemplateModel } from '../models/service-template.model';

/** Stores a template; a taken slug or a foreign location is a field error. */
export async function insertServiceTemplate(db: Knex, template: Partial<ServiceTemplateModel> & Pick<ServiceTemplateModel, 'id' | 'organizationId' | 'name' | 'slug' | 'type' | 'durationConfig'>): Promise<ServiceTemplateModel> {
  try {
    return await ServiceTemplateModel.query(db).insertAndFetch(template);
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) {
      throw new DomainError('ALREADY_EXISTS', `The slug "${template.slug}" is taken.`, { fields: [{ path: 'slug', message: 'already taken' }] });
    }
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) {
      throw new DomainError('VALIDATION_FAILED', 'Unknown location.', { fields: [{ path: 'locationId', message: 'not found in this organization' }] });
    }
    throw error;
  }
}

/** A live template of an organization. */
export async function findServiceTemplate(db: Knex, organizationId: string, id: string): Promise<ServiceTemplateModel | undefined> {
  return ServiceTemplateModel.query(db).where({ organizationId, id }).whereNull('deleted_at').first();
}

/** An organization's live templates. */
export async function listServiceTemplates(db: Knex, organizationId: string): Promise<ServiceTemplateModel[]> {
  return ServiceTemplateModel.query(db).where('organization_id', organizationId).whereNull('deleted_at').orderBy(['name', 'id']);
}

/** The booking rules stored in a template's JSON blocks (validated when the template was written). */
export function templateRules(template: ServiceTemplateModel): { duration: DurationRules; reservation: ReservationRules; scheduling: SchedulingRules } {
  const lifecycle = template.lifecycleConfig as { reservation?: Partial<ReservationRules> };
  return {
    duration: template.durationConfig as unknown as DurationRules,
    reservation: { ...defaultReservationRules, ...lifecycle.reservation },
    scheduling: { ...defaultSchedulingRules, ...(template.schedulingConfig as Partial<SchedulingRules>) },
  };
}
