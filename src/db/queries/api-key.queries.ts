import type { Knex } from 'knex';
import { ApiKeyModel } from '../models/api-key.model';

/** The active (not revoked) API key with this hash, marking it used. */
export async function useApiKey(db: Knex, keyHash: string): Promise<ApiKeyModel | undefined> {
  const key = await ApiKeyModel.query(db)
    .alias('k')
    .join('organizations as o', 'o.id', 'k.organization_id')
    .where('k.key_hash', keyHash)
    .whereNull('k.revoked_at')
    .whereNull('o.deleted_at')
    .select('k.*')
    .first();
  if (key) await ApiKeyModel.query(db).findById(key.id).patch({ lastUsedAt: new Date() });
  return key;
}

/** Stores a new API key (its hash only). */
export async function insertApiKey(db: Knex, key: Pick<ApiKeyModel, 'id' | 'organizationId' | 'name' | 'role' | 'keyPrefix' | 'keyHash' | 'createdBy'>): Promise<ApiKeyModel> {
  return ApiKeyModel.query(db).insertAndFetch(key);
}

/** The organization's API keys, newest first. */
export async function listApiKeys(db: Knex, organizationId: string): Promise<ApiKeyModel[]> {
  return ApiKeyModel.query(db).where('organization_id', organizationId).orderBy('created_at', 'desc');
}

/** Revokes a key of the organization; false when there is no such key. Revoking twice is fine. */
export async function revokeApiKey(db: Knex, organizationId: string, id: string): Promise<boolean> {
  const key = await ApiKeyModel.query(db).findOne({ organizationId, id });
  if (!key) return false;
  if (!key.revokedAt) await ApiKeyModel.query(db).findById(id).patch({ revokedAt: new Date() });
  return true;
}
