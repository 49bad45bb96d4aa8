import type { Knex } from 'knex';
import { insertOnFreeUnits, lockBookableTime, unitsFor } from './allocation-units';
import type { BookingStatus } from '../../domain/booking/booking-status';
import { DomainError } from '../../domain/shared/errors';
import type { BookingEvent as BookingEventName } from '../../domain/booking/booking-status';
import type { EventType } from '../../domain/events/event-catalogue';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { recordBookingEvent } from './domain-event.queries';
import { recordCompensation } from './compensation.queries';
import { compensationForNoShow } from '../../domain/compensation/provider-compensation';

/** One line of a booking's audit trail. */
export interface BookingEvent {
  event: string;
  fromStatus: BookingStatus | null;
  toStatus: BookingStatus;
  actor: string;
  reason: string | null;
  details: Record<string, unknown> | null;
  occurredAt: Date;
}

/** A transition to record: `dedupeKey` (the workflow's update id) makes a retried activity write it once. */
export interface BookingTransition {
  bookingId: string;
  event: string;
  fromStatus: BookingStatus;
  toStatus: BookingStatus;
  actor: string;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  occurredAt: Date;
  dedupeKey: string;
}

const stampColumns: Partial<Record<string, string>> = { check_in: 'checkedInAt', complete: 'completedAt', mark_no_show: 'noShowAt' };

/** The event each transition of the state machine publishes. */
const transitionEvents: Record<BookingEventName, EventType> = {
  approve: 'booking.confirmed',
  cancel: 'booking.cancelled',
  check_in: 'booking.checked_in',
  complete: 'booking.completed',
  review: 'booking.reviewed',
  mark_no_show: 'booking.no_show',
  expire: 'booking.expired',
};

/** Appends an audit line (once per dedupe key). */
export async function appendBookingEvent(trx: Knex | Knex.Transaction, transition: BookingTransition): Promise<void> {
  const booking = await trx('bookings').where({ id: transition.bookingId }).first('organization_id');
  await trx('booking_events')
    .insert({
      organizationId: booking.organizationId,
      bookingId: transition.bookingId,
      event: transition.event,
      fromStatus: transition.fromStatus,
      toStatus: transition.toStatus,
      actor: transition.actor,
      reason: transition.reason ?? null,
      details: transition.details ? JSON.stringify(transition.details) : null,
      dedupeKey: transition.dedupeKey,
      occurredAt: transition.occurredAt,
    })
    .onConflict(['booking_id', 'dedupe_key'])
    .ignore();
}

/** Records a lifecycle transition on the projection and in the audit trail, in one transaction. */
export async function recordBookingTransition(db: Knex, transition: BookingTransition & { review?: Record<string, unknown>; checkInMethod?: string }): Promise<void> {
  await db.transaction(async (trx) => {
    const change: Record<string, unknown> = { status: transition.toStatus, updatedAt: trx.fn.now() };
    const stamp = stampColumns[transition.event];
    if (stamp) change[stamp] = transition.occurredAt;
    if (transition.checkInMethod) change.checkInMethod = transition.checkInMethod;
    if (transition.review) change.review = JSON.stringify(transition.review);
    if (transition.toStatus === 'cancelled') Object.assign(change, { cancelledAt: transition.occurredAt, cancelledBy: transition.actor, cancellationReason: transition.reason ?? null });
    // A booking that no longer occupies time frees it in the same transaction.
    if (['no_show', 'completed', 'expired', 'cancelled'].includes(transition.toStatus)) await trx('allocations').where({ bookingId: transition.bookingId }).delete();
    await trx('bookings').where({ id: transition.bookingId }).update(change);
    // Checking the booking in records the primary participant's arrival.
    if (transition.event === 'check_in') {
      await trx('booking_participants').where({ bookingId: transition.bookingId, role: 'primary', status: 'active' }).whereNull('checked_in_at').update({ checkedInAt: transition.occurredAt, checkInMethod: transition.checkInMethod ?? null, updatedAt: trx.fn.now() });
    }
    await appendBookingEvent(trx, transition);
    if (transition.event === 'mark_no_show') {
      await recordCompensation(trx, { id: transition.bookingId, actor: transition.actor, dedupeKey: transition.dedupeKey }, (rules, expectedAmount) => compensationForNoShow(expectedAmount, rules));
    }
    const type = transitionEvents[transition.event as BookingEventName];
    if (type) {
      const extra = transition.toStatus === 'cancelled' ? { cancellation: { cancelledBy: transition.actor, reason: transition.reason ?? null, refund: null } } : {};
      await recordBookingEvent(trx, { type, bookingId: transition.bookingId, dedupeKey: transition.dedupeKey, occurredAt: transition.occurredAt, extra });
    }
  });
}

/** Where a booking moves to. */
export interface BookingMove {
  bookingId: string;
  startsAt: Date;
  endsAt: Date;
  blockedFrom: Date;
  blockedUntil: Date;
  actor: string;
  dedupeKey: string;
  occurredAt: Date;
  /** The reschedule fee owed by the client (minor units), added to the booking's total. */
  feeAmount?: number;
}

/**
 * Moves a booking to a new time in one transaction: its allocation rows are replaced by rows for the
 * new time. If the new time is taken the insert fails (SLOT_UNAVAILABLE) and the whole transaction
 * rolls back, so the old time stays claimed; no other transaction ever sees the booking holding
 * neither time or both. Running it again after success is a no-op.
 */
export async function moveBooking(db: Knex, move: BookingMove): Promise<void> {
  try {
    await db.transaction(async (trx) => {
      const booking = await trx('bookings').where({ id: move.bookingId }).forUpdate().first();
      if (booking.startsAt.getTime() === move.startsAt.getTime() && booking.endsAt.getTime() === move.endsAt.getTime()) return;
      const old = await trx('allocations').where({ bookingId: move.bookingId, kind: 'booking' });
      await lockBookableTime(trx, old.map((row: { bookableId: string }) => row.bookableId));
      const period = trx.raw("tstzrange(?, ?, '[)')", [move.blockedFrom, move.blockedUntil]);
      // The old rows go first because the new time may overlap the booking's own old time.
      await trx('allocations').whereIn('id', old.map((row: { id: number }) => row.id)).delete();
      const bookableIds = old.map((row: { bookableId: string }) => row.bookableId);
      await insertOnFreeUnits(
        trx,
        old.map((row: { organizationId: string; bookableId: string }) => ({
          organizationId: row.organizationId,
          bookableId: row.bookableId,
          period,
          kind: 'booking',
          bookingId: move.bookingId,
          appointmentStartsAt: move.startsAt,
          serviceTemplateId: booking.serviceTemplateId,
        })),
        await unitsFor(trx, bookableIds, { id: booking.serviceTemplateId, version: booking.serviceTemplateVersion }),
      );
      await trx('bookings')
        .where({ id: move.bookingId })
        .update({ startsAt: move.startsAt, endsAt: move.endsAt, rescheduleFeesAmount: trx.raw('reschedule_fees_amount + ?', [move.feeAmount ?? 0]), updatedAt: trx.fn.now() });
      await appendBookingEvent(trx, {
        bookingId: move.bookingId,
        event: 'reschedule',
        fromStatus: booking.status,
        toStatus: booking.status,
        actor: move.actor,
        details: { from: { startsAt: booking.startsAt, endsAt: booking.endsAt }, to: { startsAt: move.startsAt, endsAt: move.endsAt }, ...(move.feeAmount ? { feeAmount: move.feeAmount } : {}) },
        occurredAt: move.occurredAt,
        dedupeKey: move.dedupeKey,
      });
      await recordBookingEvent(trx, {
        type: 'booking.rescheduled',
        bookingId: move.bookingId,
        dedupeKey: move.dedupeKey,
        occurredAt: move.occurredAt,
        extra: { previous: { startsAt: booking.startsAt.toISOString(), endsAt: booking.endsAt.toISOString() } },
      });
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.exclusionViolation) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time is no longer available; the booking keeps its time.', { startsAt: move.startsAt.toISOString() });
    }
    throw error;
  }
}

/** A booking's audit trail, oldest first. */
export async function listBookingEvents(db: Knex, bookingId: string): Promise<BookingEvent[]> {
  return db('booking_events').where({ bookingId }).orderBy(['occurred_at', 'id']).select('event', 'from_status', 'to_status', 'actor', 'reason', 'details', 'occurred_at');
}
