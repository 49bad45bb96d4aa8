import type { Knex } from 'knex';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { LocationModel } from '../models/location.model';

/** Turns a broken reference (a location of another organization, say) into a field error. */
async function withReferenceCheck<T>(field: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) {
      throw new DomainError('VALIDATION_FAILED', `Unknown ${field}.`, { fields: [{ path: field, message: 'not found in this organization' }] });
    }
    throw error;
  }
}

/** Stores a location; its parent must belong to the same organization. */
export async function insertLocation(db: Knex, location: Partial<LocationModel> & Pick<LocationModel, 'id' | 'organizationId' | 'name' | 'timezone'>): Promise<LocationModel> {
  return withReferenceCheck('parentLocationId', async () => LocationModel.query(db).insertAndFetch(location));
}

/** A live location of an organization. */
export async function findLocation(db: Knex, organizationId: string, id: string): Promise<LocationModel | undefined> {
  return LocationModel.query(db).where({ organizationId, id }).whereNull('deleted_at').first();
}

/** An organization's live locations by name. */
export async function listLocations(db: Knex, organizationId: string): Promise<LocationModel[]> {
  return LocationModel.query(db).where('organization_id', organizationId).whereNull('deleted_at').orderBy(['name', 'id']);
}

/** The location and its ancestors, root first (for configuration inheritance). */
export async function locationLineage(db: Knex, organizationId: string, locationId: string): Promise<LocationModel[]> {
  const { rows } = await db.raw(
    `WITH RECURSIVE lineage AS (
       SELECT l.*, 0 AS depth FROM locations l WHERE l.organization_id = ? AND l.id = ? AND l.deleted_at IS NULL
       UNION ALL
       SELECT p.*, lineage.depth + 1 FROM locations p JOIN lineage ON p.id = lineage.parent_location_id AND p.organization_id = lineage.organization_id
       WHERE lineage.depth < 64
     )
     SELECT * FROM lineage ORDER BY depth DESC`,
    [organizationId, locationId],
  );
  return rows.map((row: Record<string, unknown>) => LocationModel.fromDatabaseJson(row));
}

/** Changes a location. Refuses a parent that is the location itself or one of its descendants. */
export async function updateLocation(db: Knex, organizationId: string, id: string, change: Partial<LocationModel>): Promise<LocationModel | undefined> {
  return withReferenceCheck('parentLocationId', () =>
    db.transaction(async (trx) => {
      const current = await LocationModel.query(trx).where({ organizationId, id }).whereNull('deleted_at').forUpdate().first();
      if (!current) return undefined;
      if (change.parentLocationId) {
        const lineage = await locationLineage(trx, organizationId, change.parentLocationId);
        if (lineage.some((ancestor) => ancestor.id === id)) {
          throw new DomainError('VALIDATION_FAILED', 'A location cannot be inside itself.', { fields: [{ path: 'parentLocationId', message: 'would create a cycle' }] });
        }
      }
      return LocationModel.query(trx).patchAndFetchById(id, { ...change, updatedAt: new Date() });
    }),
  );
}
