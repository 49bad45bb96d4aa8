import type { Knex } from 'knex';
import type { CompensationDue, ProviderCompensationRules } from '../../domain/compensation/provider-compensation';
import { newId } from '../../ids';
import { bookingTerms } from './service-template.queries';

/** A provider's compensation ledger row. */
export interface CompensationRecord {
  id: string;
  providerId: string;
  bookingId: string | null;
  reason: CompensationDue['reason'] | 'manual';
  amount: number;
  currency: string | null;
  bps: number | null;
  note: string | null;
  recordedBy: string;
  createdAt: Date;
}

/**
 * Records what a booking's providers are owed, inside the transaction that cancelled it or marked it a
 * no-show: `decide` gets the template version's rules and the booking's quoted total (what the
 * provider expected). Several providers share it evenly (the first takes the odd minor units). Once per
 * dedupe key.
 */
export async function recordCompensation(
  trx: Knex.Transaction,
  booking: { id: string; actor: string; dedupeKey: string },
  decide: (rules: ProviderCompensationRules, expectedAmount: number) => CompensationDue | null,
): Promise<void> {
  const terms = await bookingTerms(trx, booking.id);
  if (!terms) return;
  const quote = terms.priceQuote;
  const due = decide(terms.rules.providerCompensation, quote?.totalAmount ?? 0);
  if (!due) return;
  const providers: string[] = await trx('booking_bookables as bb').join('bookables as k', 'k.id', 'bb.bookable_id').where({ 'bb.booking_id': booking.id, 'k.type': 'provider' }).orderBy('k.id').pluck('k.id');
  const share = Math.floor(due.amount / Math.max(1, providers.length));
  const rows = providers.map((providerId, i) => ({
    id: newId('compensation'),
    organizationId: terms.organizationId,
    providerId,
    bookingId: booking.id,
    reason: due.reason,
    amount: i === 0 ? due.amount - share * (providers.length - 1) : share,
    currency: quote?.currency ?? null,
    bps: due.bps,
    recordedBy: booking.actor,
    dedupeKey: `${due.reason}:${booking.dedupeKey}`,
  }));
  if (rows.length > 0) await trx('provider_compensations').insert(rows).onConflict(['provider_id', 'dedupe_key']).ignore();
}

/** Records a payment to a provider by hand (backup pay, a bonus), once per dedupe key. */
export async function recordManualCompensation(db: Knex, row: { organizationId: string; providerId: string; bookingId: string; amount: number; currency: string | null; note: string | null; recordedBy: string; dedupeKey: string }): Promise<CompensationRecord> {
  await db('provider_compensations').insert({ id: newId('compensation'), ...row, reason: 'manual' }).onConflict(['provider_id', 'dedupe_key']).ignore();
  return db('provider_compensations').where({ providerId: row.providerId, dedupeKey: row.dedupeKey }).first();
}

/** A provider's compensation in [from, to), oldest first. */
export async function listCompensations(db: Knex, filter: { organizationId: string; providerId: string; from?: Date; to?: Date }): Promise<CompensationRecord[]> {
  const query = db('provider_compensations').where({ organizationId: filter.organizationId, providerId: filter.providerId }).orderBy(['created_at', 'id']);
  if (filter.from) query.where('created_at', '>=', filter.from);
  if (filter.to) query.where('created_at', '<', filter.to);
  return query.select('id', 'provider_id', 'booking_id', 'reason', 'amount', 'currency', 'bps', 'note', 'recorded_by', 'created_at');
}

/** One line of a timesheet: a booking the provider worked (checked in), with its scheduled and recorded times. */
export interface TimesheetLine {
  bookingId: string;
  status: string;
  startsAt: Date;
  endsAt: Date;
  checkedInAt: Date | null;
  completedAt: Date | null;
  scheduledMinutes: number;
}

/** The provider's worked bookings (checked in, completed or reviewed) starting in [from, to), by start. */
export async function timesheet(db: Knex, filter: { organizationId: string; providerId: string; from: Date; to: Date }): Promise<TimesheetLine[]> {
  const rows = await db('bookings as b')
    .join('booking_bookables as bb', 'bb.booking_id', 'b.id')
    .where({ 'b.organization_id': filter.organizationId, 'bb.bookable_id': filter.providerId })
    .whereIn('b.status', ['checked_in', 'completed', 'reviewed'])
    .where('b.starts_at', '>=', filter.from)
    .where('b.starts_at', '<', filter.to)
    .orderBy([{ column: 'b.starts_at' }, { column: 'b.id' }])
    .select('b.id as booking_id', 'b.status', 'b.starts_at', 'b.ends_at', 'b.checked_in_at', 'b.completed_at');
  return rows.map((r: Omit<TimesheetLine, 'scheduledMinutes'>) => ({ ...r, scheduledMinutes: Math.round((r.endsAt.getTime() - r.startsAt.getTime()) / 60_000) }));
}
