import type { Knex } from 'knex';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';

/** A category of bookables. */
export interface CategoryRow {
  id: string;
  organizationId: string;
  name: string;
  parentCategoryId: string | null;
  createdAt: Date;
}

/** Stores a category; names are unique within an organization and a parent must be the organization's own. */
export async function insertCategory(db: Knex, category: Omit<CategoryRow, 'createdAt' | 'parentCategoryId'> & { parentCategoryId?: string }): Promise<CategoryRow> {
  try {
    const [row] = await db('bookable_categories').insert(category).returning('*');
    return row;
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) throw new DomainError('ALREADY_EXISTS', `A category named "${category.name}" exists.`, { fields: [{ path: 'name', message: 'already taken' }] });
    if (pgErrorCode(error) === pgErrorCodes.foreignKeyViolation) throw new DomainError('VALIDATION_FAILED', 'Unknown parent category.', { fields: [{ path: 'parentCategoryId', message: 'not found in this organization' }] });
    throw error;
  }
}

/** An organization's categories by name. */
export async function listCategories(db: Knex, organizationId: string): Promise<CategoryRow[]> {
  return db('bookable_categories').where({ organizationId }).orderBy(['name', 'id']);
}
