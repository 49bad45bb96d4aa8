import type { Knex } from 'knex';

/** A remembered request: in progress, or completed with its response. */
export interface IdempotencyRecord {
  id: number;
  method: string;
  path: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  responseStatus: number | null;
  responseBody: unknown;
  lockedUntil: Date;
}

/** How long a request may run before another attempt with its key may take over. */
export const IDEMPOTENCY_LOCK_SECONDS = 60;

/**
 * Claims the key for this request. Returns `{ claimed: true }` when this request is the one to run
 * (a new key, or an attempt that died holding the lock), else the record that already holds it.
 */
export async function claimIdempotencyKey(
  db: Knex,
  request: { principal: string; key: string; method: string; path: string; requestHash: string },
): Promise<{ claimed: true; id: number } | { claimed: false; record: IdempotencyRecord }> {
  const lockedUntil = db.raw(`now() + interval '${IDEMPOTENCY_LOCK_SECONDS} seconds'`);
  const inserted = await db('idempotency_keys')
    .insert({ ...request, state: 'in_progress', lockedUntil })
    .onConflict(['principal', 'key'])
    .ignore()
    .returning('id');
  if (inserted[0]) return { claimed: true, id: inserted[0].id };

  const record: IdempotencyRecord = await db('idempotency_keys').where({ principal: request.principal, key: request.key }).first();
  if (record.state === 'in_progress' && record.requestHash === request.requestHash) {
    const takenOver = await db('idempotency_keys')
      .where({ id: record.id, state: 'in_progress' })
      .where('locked_until', '<', db.fn.now())
      .update({ lockedUntil, updatedAt: db.fn.now() })
      .returning('id');
    if (takenOver[0]) return { claimed: true, id: record.id };
  }
  return { claimed: false, record };
}

/** Stores the response so a retry gets it back. */
export async function completeIdempotencyKey(db: Knex, id: number, status: number, body: unknown): Promise<void> {
  await db('idempotency_keys')
    .where({ id })
    .update({ state: 'completed', responseStatus: status, responseBody: JSON.stringify(body ?? null), updatedAt: db.fn.now() });
}

/** Forgets a key whose request failed on our side, so the client may retry it. */
export async function releaseIdempotencyKey(db: Knex, id: number): Promise<void> {
  await db('idempotency_keys').where({ id, state: 'in_progress' }).delete();
}
