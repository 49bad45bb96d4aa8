import type { Knex } from 'knex';
import { newId } from '../../ids';
import type { SubscriptionFilter } from '../../domain/events/webhook-subscription';

/** How often and how patiently a subscription's deliveries are retried (spec §4.2 retryConfig). */
export interface RetryConfig {
  maxRetries: number;
  retryDelayMs: number;
  backoffMultiplier: number;
}

/** A webhook subscription as stored (the secrets never leave through the API except when made). */
export interface SubscriptionRecord {
  id: string;
  organizationId: string;
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  events: string[];
  filter: SubscriptionFilter;
  retryConfig: RetryConfig;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  enabled: boolean;
  disabledReason: string | null;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const live = (db: Knex) => db('webhook_subscriptions').whereNull('deleted_at');

/** Stores a new subscription. */
export async function createSubscription(db: Knex, row: Omit<SubscriptionRecord, 'previousSecret' | 'previousSecretExpiresAt' | 'disabledReason' | 'createdAt' | 'updatedAt'> & { createdBy: string }): Promise<SubscriptionRecord> {
  const [created] = await db('webhook_subscriptions')
    .insert({ ...row, headers: JSON.stringify(row.headers), filter: JSON.stringify(row.filter), retryConfig: JSON.stringify(row.retryConfig) })
    .returning('*');
  return created;
}

/** One subscription of one organization, or undefined. */
export async function findSubscription(db: Knex, organizationId: string, id: string): Promise<SubscriptionRecord | undefined> {
  return live(db).where({ organizationId, id }).first();
}

/** An organization's subscriptions, oldest first. */
export async function listSubscriptions(db: Knex, organizationId: string): Promise<SubscriptionRecord[]> {
  return live(db).where({ organizationId }).orderBy(['created_at', 'id']);
}

/** Changes a subscription; re-enabling clears why it was disabled. */
export async function updateSubscription(db: Knex, organizationId: string, id: string, change: Partial<Pick<SubscriptionRecord, 'url' | 'method' | 'headers' | 'events' | 'filter' | 'retryConfig' | 'enabled' | 'description'>>): Promise<SubscriptionRecord | undefined> {
  const row: Record<string, unknown> = { ...change, updatedAt: db.fn.now() };
  for (const key of ['headers', 'filter', 'retryConfig'] as const) if (change[key] !== undefined) row[key] = JSON.stringify(change[key]);
  if (change.enabled === true) row.disabledReason = null;
  const [updated] = await live(db).where({ organizationId, id }).update(row).returning('*');
  return updated;
}

/** Soft-deletes a subscription: no more deliveries start; its log stays. */
export async function deleteSubscription(db: Knex, organizationId: string, id: string): Promise<boolean> {
  return (await live(db).where({ organizationId, id }).update({ deletedAt: db.fn.now(), enabled: false, updatedAt: db.fn.now() })) > 0;
}

/** Replaces the secret; the old one keeps signing alongside until `overlapUntil`, so receivers can switch. */
export async function rotateSecret(db: Knex, organizationId: string, id: string, secret: string, overlapUntil: Date): Promise<SubscriptionRecord | undefined> {
  const [rotated] = await live(db)
    .where({ organizationId, id })
    .update({ previousSecret: db.ref('secret'), previousSecretExpiresAt: overlapUntil, secret, updatedAt: db.fn.now() })
    .returning('*');
  return rotated;
}

/** Turns a subscription off and says why (e.g. the receiver answered 410 Gone). */
export async function disableSubscription(db: Knex, id: string, reason: string): Promise<void> {
  await db('webhook_subscriptions').where({ id }).update({ enabled: false, disabledReason: reason, updatedAt: db.fn.now() });
}

/** A delivery of one event to one subscription, with its outcome so far. */
export interface DeliveryRecord {
  id: string;
  organizationId: string;
  subscriptionId: string;
  eventId: string;
  status: 'pending' | 'retrying' | 'succeeded' | 'gone' | 'dead' | 'refused';
  attempts: number;
  runs: number;
  lastStatusCode: number | null;
  lastError: string | null;
  nextAttemptAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  deliveredAt: Date | null;
}

/** Creates the delivery of an event to a subscription, once; returns it either way. */
export async function ensureDelivery(db: Knex, organizationId: string, subscriptionId: string, eventId: string): Promise<DeliveryRecord> {
  await db('webhook_deliveries').insert({ id: newId('delivery'), organizationId, subscriptionId, eventId }).onConflict(['subscription_id', 'event_id']).ignore();
  return db('webhook_deliveries').where({ subscriptionId, eventId }).first();
}

/** A subscription's deliveries, newest first, with their event type. */
export async function listDeliveries(db: Knex, subscriptionId: string, limit: number, beforeId?: string): Promise<Array<DeliveryRecord & { eventType: string }>> {
  const query = db('webhook_deliveries as d').join('domain_events as e', 'e.id', 'd.event_id').where('d.subscription_id', subscriptionId).select('d.*', 'e.type as event_type').orderBy([{ column: 'd.created_at', order: 'desc' }, { column: 'd.id', order: 'desc' }]).limit(limit);
  if (beforeId) query.whereRaw('(d.created_at, d.id) < (select created_at, id from webhook_deliveries where id = ?)', [beforeId]);
  return query;
}

/** One delivery of a subscription, or undefined. */
export async function findDelivery(db: Knex, subscriptionId: string, id: string): Promise<DeliveryRecord | undefined> {
  return db('webhook_deliveries').where({ subscriptionId, id }).first();
}

/** Every attempt of a delivery, oldest first. */
export async function listAttempts(db: Knex, deliveryId: string) {
  return db('webhook_delivery_attempts').where({ deliveryId }).orderBy('id').select('attempt', 'started_at', 'status_code', 'latency_ms', 'error', 'response_excerpt');
}

/** Starts a delivery over (re-drive): a new run, attempts counted on. Returns the run number. */
export async function restartDelivery(db: Knex, id: string): Promise<number> {
  const [row] = await db('webhook_deliveries').where({ id }).update({ status: 'pending', runs: db.raw('runs + 1'), nextAttemptAt: null, updatedAt: db.fn.now() }).returning('runs');
  return row.runs;
}

/** The outcome of one attempt, recorded once per (delivery, run, attempt). */
export interface AttemptRecord {
  deliveryId: string;
  attempt: number;
  dedupeKey: string;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number | null;
  error: string | null;
  responseExcerpt: string | null;
  status: DeliveryRecord['status'];
  nextAttemptAt: Date | null;
}

/** Writes an attempt and the delivery's new state in one transaction. */
export async function recordAttempt(db: Knex, attempt: AttemptRecord): Promise<void> {
  await db.transaction(async (trx) => {
    const inserted = await trx('webhook_delivery_attempts')
      .insert({ deliveryId: attempt.deliveryId, attempt: attempt.attempt, dedupeKey: attempt.dedupeKey, startedAt: attempt.startedAt, statusCode: attempt.statusCode, latencyMs: attempt.latencyMs, error: attempt.error, responseExcerpt: attempt.responseExcerpt })
      .onConflict('dedupe_key')
      .ignore()
      .returning('id');
    if (inserted.length === 0) return;
    await trx('webhook_deliveries')
      .where({ id: attempt.deliveryId })
      .update({
        status: attempt.status,
        attempts: trx.raw('attempts + 1'),
        lastStatusCode: attempt.statusCode,
        lastError: attempt.error,
        nextAttemptAt: attempt.nextAttemptAt,
        deliveredAt: attempt.status === 'succeeded' ? trx.fn.now() : null,
        updatedAt: trx.fn.now(),
      });
  });
}

/** Marks a delivery dead: every retry failed; it waits for a re-drive. */
export async function markDeliveryDead(db: Knex, id: string): Promise<void> {
  await db('webhook_deliveries').where({ id }).whereIn('status', ['pending', 'retrying']).update({ status: 'dead', nextAttemptAt: null, updatedAt: db.fn.now() });
}
