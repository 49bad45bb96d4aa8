import type { Knex } from 'knex';
import { backupCovers, backupFee, hasNotice, chooseStandby, primaryBookableOf, rankBackupCandidates, roleCompensationAmount, type BackupCandidate, type BackupRule, type BackupTrigger } from '../../domain/bookables/backups';
import { DomainError } from '../../domain/shared/errors';
import { newId } from '../../ids';
import { lockBookableTime } from './allocation-units';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { appendBookingEvent } from './booking-lifecycle.queries';
import { recordBookingEvent } from './domain-event.queries';
import { bookingTerms } from './service-template.queries';
import { bookableFacts, listBookableRecords } from './bookable.queries';
import { matchesCriteria } from '../../domain/bookables/bookable-criteria';
import { localDateOf } from '../../domain/shared/time';

/**
 * Backup bookables of bookings (spec §3.1 BackupBookableConfig). A standby does not reserve the
 * backup's time: it is chosen among candidates free at that moment, and taking over moves the
 * booking's allocation row to the backup, so the exclusion constraint decides whether it is still free.
 */

/** A booking's backup as listed. */
export interface BookingBackupRow {
  id: string;
  backupKey: string;
  requirementId: string;
  primaryBookableId: string;
  backupBookableId: string;
  strategy: string;
  status: 'standby' | 'activated' | 'released';
  trigger: string | null;
  reason: string | null;
  activatedBy: string | null;
  activatedAt: Date | null;
  notifiedAt: Date | null;
  feeAmount: number | null;
  currency: string | null;
  settledAt: Date | null;
  createdAt: Date;
}

const listed = ['id', 'backup_key', 'requirement_id', 'primary_bookable_id', 'backup_bookable_id', 'strategy', 'status', 'trigger', 'reason', 'activated_by', 'activated_at', 'notified_at', 'fee_amount', 'currency', 'settled_at', 'created_at'];

/** A booking's backups, in the order they were designated. */
export async function listBookingBackups(db: Knex, bookingId: string): Promise<BookingBackupRow[]> {
  return db('booking_backups').where({ bookingId }).orderBy(['created_at', 'id']).select(listed);
}

type Db = Knex | Knex.Transaction;

async function bookingWithBookables(trx: Db, bookingId: string) {
  const booking = await trx('bookings').where({ id: bookingId }).first('id', 'organization_id', 'service_template_id', 'status', 'starts_at', 'ends_at', 'timezone');
  const bookables: Array<{ id: string; type: string }> = await trx('booking_bookables as bb').join('bookables as k', 'k.id', 'bb.bookable_id').where('bb.booking_id', bookingId).orderBy('k.id').select('k.id', 'k.type');
  const span = await trx('allocations').where({ bookingId }).first(trx.raw('min(lower(period)) as blocked_from'), trx.raw('max(upper(period)) as blocked_until'));
  const blocked = { from: (span?.blockedFrom ?? booking?.startsAt) as Date, until: (span?.blockedUntil ?? booking?.endsAt) as Date };
  return { booking, bookables, blocked };
}

// A backup by criteria looks at most this many of the organization's bookables of the primary's type.
const CRITERIA_CANDIDATES = 500;

/** The bookables a rule names, or those meeting its criteria on the booking's local date (by id). */
async function ruleCandidateIds(trx: Db, rule: BackupRule, booking: { organizationId: string; startsAt: Date; timezone: string }): Promise<string[]> {
  if (!rule.criteria) return rule.candidateIds;
  const { criteria } = rule;
  const onDate = localDateOf(booking.startsAt.getTime(), booking.timezone);
  const records = await listBookableRecords(trx, booking.organizationId, { type: rule.primary.bookableType, status: 'active', categoryIds: criteria.categoryIds, tags: criteria.tags, limit: CRITERIA_CANDIDATES });
  return records.filter((record) => matchesCriteria(bookableFacts(record), criteria, onDate)).map((record) => record.bookable.id);
}

/** The rule's candidates (active, not part of the booking) with whether each is free for `blocked` and when it last booked or stood by. */
async function candidatesOf(trx: Db, rule: BackupRule, booking: { organizationId: string; startsAt: Date; timezone: string }, excluded: readonly string[], blocked: { from: Date; until: Date }, now: Date): Promise<BackupCandidate[]> {
  const ids = (await ruleCandidateIds(trx, rule, booking)).filter((id) => !excluded.includes(id));
  if (ids.length === 0) return [];
  const active: string[] = await trx('bookables').whereIn('id', ids).where({ status: 'active' }).whereNull('deleted_at').pluck('id');
  const period = trx.raw("tstzrange(?, ?, '[)')", [blocked.from, blocked.until]);
  const busy: string[] = await trx('allocations')
    .whereIn('bookable_id', ids)
    .whereRaw('period && ?', [period])
    .where((q) => q.whereNot({ kind: 'hold' }).orWhere('expires_at', '>', now))
    .distinct()
    .pluck('bookable_id');
  const lastBooked = await trx('booking_bookables as bb').join('bookings as b', 'b.id', 'bb.booking_id').whereIn('bb.bookable_id', ids).groupBy('bb.bookable_id').select('bb.bookable_id as id', trx.raw('max(b.created_at) as at'));
  const lastStandby = await trx('booking_backups').whereIn('backup_bookable_id', ids).groupBy('backup_bookable_id').select('backup_bookable_id as id', trx.raw('max(created_at) as at'));
  const latest = new Map<string, Date>();
  for (const row of [...lastBooked, ...lastStandby] as Array<{ id: string; at: Date }>) if (!latest.has(row.id) || latest.get(row.id)! < row.at) latest.set(row.id, row.at);
  return ids.filter((id) => active.includes(id)).map((id) => ({ bookableId: id, free: !busy.includes(id), lastAssignedAt: latest.get(id) ?? null }));
}

/** The template's previous standby for this backup (where round robin continues). */
async function previousStandby(trx: Db, serviceTemplateId: string, backupKey: string): Promise<string | null> {
  const row = await trx('booking_backups').where({ serviceTemplateId, backupKey }).orderBy([{ column: 'created_at', order: 'desc' }, { column: 'id', order: 'desc' }]).first('backup_bookable_id');
  return row?.backupBookableId ?? null;
}

/** A designated standby, as the workflow plans its notice. */
export interface DesignatedStandby {
  id: string;
  backupKey: string;
  backupBookableId: string;
}

/**
 * Puts one backup on standby per rule, chosen by the rule's strategy among candidates free for the
 * booking's blocked time; a rule with nobody free gets none. Rules already designated are kept, so
 * running it again returns the same standbys. Round robin is serialised per template and backup.
 * `afterMove` (the booking has moved): a standby busy at the new time, or no longer meeting the
 * rule's criteria on the new date, is replaced by the next free candidate (or removed when nobody is
 * free), a rule without one gets one if somebody is free now, and the audit trail says so for the new start.
 */
export async function designateBackups(db: Knex, input: { bookingId: string; rules: BackupRule[]; actor: string; occurredAt: Date; afterMove?: boolean }): Promise<DesignatedStandby[]> {
  return db.transaction(async (trx): Promise<DesignatedStandby[]> => {
    // The same lock as a take-over, so a standby never changes under one.
    await trx('bookings').where({ id: input.bookingId }).forUpdate().first('id');
    const { booking, bookables, blocked } = await bookingWithBookables(trx, input.bookingId);
    if (!booking) return [];
    for (const rule of input.rules) {
      const primary = primaryBookableOf(rule, bookables);
      const existing = await trx('booking_backups').where({ bookingId: booking.id, backupKey: rule.key }).first('id', 'status', 'backup_bookable_id');
      if (!primary || (existing && (!input.afterMove || existing.status !== 'standby'))) continue;
      await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [`backup:${booking.serviceTemplateId}:${rule.key}`]);
      const candidates = await candidatesOf(trx, rule, booking, bookables.map((b) => b.id), blocked, input.occurredAt);
      if (existing && candidates.some((c) => c.bookableId === existing.backupBookableId && c.free)) continue;
      const chosen = chooseStandby(rule.strategy, candidates, await previousStandby(trx, booking.serviceTemplateId, rule.key));
      // The audit trail says who stands by, or that nobody could.
      const details = { backupKey: rule.key, primaryBookableId: primary, backupBookableId: chosen, strategy: rule.strategy, ...(existing ? { replacedBookableId: existing.backupBookableId } : {}) };
      const dedupeKey = input.afterMove ? `backup-standby:${rule.key}:${booking.startsAt.toISOString()}` : `backup-standby:${rule.key}`;
      await appendBookingEvent(trx, { bookingId: booking.id, event: chosen ? 'backup_standby' : 'backup_unassigned', fromStatus: booking.status, toStatus: booking.status, actor: input.actor, details, occurredAt: input.occurredAt, dedupeKey });
      if (existing && chosen) await trx('booking_backups').where({ id: existing.id }).update({ backupBookableId: chosen, notifiedAt: null, updatedAt: trx.fn.now() });
      else if (existing) await trx('booking_backups').where({ id: existing.id }).delete();
      else if (chosen) await trx('booking_backups').insert({ id: newId('bookingBackup'), organizationId: booking.organizationId, bookingId: booking.id, serviceTemplateId: booking.serviceTemplateId, backupKey: rule.key, requirementId: rule.primaryRequirementId, primaryBookableId: primary, backupBookableId: chosen, strategy: rule.strategy });
    }
    return trx('booking_backups').where({ bookingId: booking.id, status: 'standby' }).orderBy(['created_at', 'id']).select('id', 'backup_key', 'backup_bookable_id');
  });
}

/** Who reports the primary unavailable, which primary, why; `dedupeKey` makes a retry a no-op. */
export interface BackupActivation {
  bookingId: string;
  rules: BackupRule[];
  trigger: BackupTrigger;
  /** The primary bookable that fell through; absent: any primary a covering backup stands in for. */
  primaryBookableId?: string | null;
  reason: string | null;
  actor: string;
  occurredAt: Date;
  dedupeKey: string;
}

/** The swap that took place. */
export interface ActivatedBackup {
  bookingBackupId: string;
  backupKey: string;
  primaryBookableId: string;
  backupBookableId: string;
}

/** Moves the booking's time from `primary` to `candidate` inside a savepoint; false when the candidate is busy (23P01). */
async function moveClaim(trx: Knex.Transaction, bookingId: string, primary: string, candidate: string): Promise<boolean> {
  try {
    await trx.transaction(async (savepoint) => {
      await savepoint('allocations').where({ bookingId, bookableId: primary }).update({ bookableId: candidate });
    });
    return true;
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.exclusionViolation) return false;
    throw error;
  }
}

/**
 * Swaps the primary bookable for a backup in one transaction: the allocation row moves to the first
 * candidate the exclusion constraint accepts (the standby first, then the rule's strategy), the
 * booking's bookables follow, and the audit line and `backup.activated` event are written with it.
 * BACKUP_NOT_CONFIGURED when no backup covers this primary and trigger; BACKUP_UNAVAILABLE (nothing
 * changes) when every candidate is busy.
 */
export async function activateBackup(db: Knex, input: BackupActivation): Promise<ActivatedBackup> {
  return db.transaction(async (trx): Promise<ActivatedBackup> => {
    const done = await trx('booking_events').where({ bookingId: input.bookingId, dedupeKey: input.dedupeKey }).first('details');
    if (done) return (typeof done.details === 'string' ? JSON.parse(done.details) : done.details) as ActivatedBackup;
    await trx('bookings').where({ id: input.bookingId }).forUpdate().first('id');
    const { booking, bookables, blocked } = await bookingWithBookables(trx, input.bookingId);
    const covering = input.rules
      .map((rule) => ({ rule, primary: primaryBookableOf(rule, bookables) }))
      .filter(({ rule, primary }) => primary && backupCovers(rule.trigger, input.trigger) && (!input.primaryBookableId || primary === input.primaryBookableId));
    if (!booking || covering.length === 0) throw new DomainError('BACKUP_NOT_CONFIGURED', 'No backup of this booking covers that bookable in that situation.', { trigger: input.trigger, primaryBookableId: input.primaryBookableId ?? null });
    const tried: string[] = [];
    const tooLate: string[] = [];
    for (const { rule, primary } of covering) {
      if (!hasNotice(rule, input.trigger, booking.startsAt, input.occurredAt)) {
        tooLate.push(rule.key);
        continue;
      }
      const standby = await trx('booking_backups').where({ bookingId: booking.id, backupKey: rule.key }).first('id', 'backup_bookable_id', 'status');
      const ranked = rankBackupCandidates(rule.strategy, (await candidatesOf(trx, rule, booking, bookables.map((b) => b.id), blocked, input.occurredAt)).map((c) => ({ ...c, free: true })));
      const order = standby?.status === 'standby' ? [standby.backupBookableId as string, ...ranked.filter((id) => id !== standby.backupBookableId)] : ranked;
      await lockBookableTime(trx, [primary!, ...order]);
      for (const candidate of order) {
        tried.push(candidate);
        if (!(await moveClaim(trx, booking.id, primary!, candidate))) continue;
        await trx('booking_bookables').where({ bookingId: booking.id, bookableId: primary }).update({ bookableId: candidate });
        const activated = { status: 'activated', backupBookableId: candidate, trigger: input.trigger, reason: input.reason, activatedBy: input.actor, activatedAt: input.occurredAt, updatedAt: trx.fn.now() };
        const id = standby?.id ?? newId('bookingBackup');
        if (standby) await trx('booking_backups').where({ id }).update(activated);
        else await trx('booking_backups').insert({ id, organizationId: booking.organizationId, bookingId: booking.id, serviceTemplateId: booking.serviceTemplateId, backupKey: rule.key, requirementId: rule.primaryRequirementId, primaryBookableId: primary, strategy: rule.strategy, ...activated });
        const result: ActivatedBackup = { bookingBackupId: id, backupKey: rule.key, primaryBookableId: primary!, backupBookableId: candidate };
        await appendBookingEvent(trx, { bookingId: booking.id, event: 'backup_activated', fromStatus: booking.status, toStatus: booking.status, actor: input.actor, reason: input.reason, details: { ...result }, occurredAt: input.occurredAt, dedupeKey: input.dedupeKey });
        await recordBookingEvent(trx, { type: 'backup.activated', bookingId: booking.id, dedupeKey: input.dedupeKey, occurredAt: input.occurredAt, extra: { backup: { requirementId: rule.primaryRequirementId, backupKey: rule.key, primaryBookableId: primary, backupBookableId: candidate, trigger: input.trigger, reason: input.reason } } });
        return result;
      }
    }
    if (tried.length === 0 && tooLate.length > 0) throw new DomainError('BACKUP_UNAVAILABLE', 'It is too late to call the backup in; the booking keeps its bookables.', { tried, tooLate });
    throw new DomainError('BACKUP_UNAVAILABLE', 'Every backup is busy at that time; the booking keeps its bookables.', { tried, tooLate });
  });
}

/**
 * Settles a booking's backups once it is over. `served` (completed or a no-show: the time passed):
 * an activated backup earns its usage fee, a standby its standby fee, each written to the provider
 * ledger once (keyed by the backup row). Cancelled or expired: the standbys are released unpaid.
 */
export async function settleBackups(db: Knex, input: { bookingId: string; rules: BackupRule[]; served: boolean; actor: string }): Promise<void> {
  await db.transaction(async (trx) => {
    const rows = await trx('booking_backups as bk').join('bookables as k', 'k.id', 'bk.backup_bookable_id').where('bk.booking_id', input.bookingId).whereNull('bk.settled_at').forUpdate().select('bk.*', 'k.type as bookable_type');
    if (rows.length === 0) return;
    const terms = await bookingTerms(trx, input.bookingId);
    const booking = await trx('bookings').where({ id: input.bookingId }).first('starts_at', 'ends_at');
    const durationMinutes = Math.round((booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000);
    const currency = terms?.priceQuote?.currency ?? null;
    for (const row of rows) {
      const rule = input.rules.find((r) => r.key === row.backupKey);
      const outcome = row.status === 'activated' ? 'used' : 'standby';
      const fee = input.served && rule ? backupFee(rule.compensation, outcome, roleCompensationAmount(rule.primary.compensation, { durationMinutes, expectedAmount: terms?.priceQuote?.totalAmount ?? 0 })) : { reason: 'backup_standby' as const, amount: 0 };
      if (fee.amount > 0 && row.bookableType === 'provider') {
        await trx('provider_compensations')
          .insert({ id: newId('compensation'), organizationId: row.organizationId, providerId: row.backupBookableId, bookingId: input.bookingId, reason: fee.reason, amount: fee.amount, currency, recordedBy: input.actor, dedupeKey: `backup:${row.id}` })
          .onConflict(['provider_id', 'dedupe_key'])
          .ignore();
      }
      await trx('booking_backups').where({ id: row.id }).update({ status: row.status === 'standby' ? 'released' : row.status, feeAmount: fee.amount, currency, settledAt: trx.fn.now(), updatedAt: trx.fn.now() });
    }
  });
}

/** Stamps when a backup was given notice. */
export async function markBackupNotified(db: Knex, bookingBackupId: string): Promise<void> {
  await db('booking_backups').where({ id: bookingBackupId }).whereNull('notified_at').update({ notifiedAt: db.fn.now() });
}
