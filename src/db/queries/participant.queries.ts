import type { Knex } from 'knex';
import type { BookingStatus } from '../../domain/booking/booking-status';
import type { ParticipantRole, ParticipantStatus } from '../../domain/participants/participants';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import type { EventType } from '../../domain/events/event-catalogue';
import { appendBookingEvent } from './booking-lifecycle.queries';
import { recordBookingEvent } from './domain-event.queries';

/** A participant as the API shows it. */
export interface ParticipantRecord {
  id: string;
  bookingId: string;
  userId: string | null;
  email: string | null;
  phone: string | null;
  name: string | null;
  role: ParticipantRole;
  status: ParticipantStatus;
  checkedInAt: Date | null;
  checkInMethod: string | null;
  createdAt: Date;
}

/** Common fields of a recorded change: who, when, the booking's status, and the key that makes a retry a no-op. */
interface RecordedChange {
  bookingId: string;
  actor: string;
  reason?: string | null;
  status: BookingStatus;
  occurredAt: Date;
  dedupeKey: string;
}

/** A participant joining, leaving or arriving. */
export type ParticipantChange = RecordedChange &
  (
    | { change: 'added'; participant: { id: string; userId: string | null; email: string | null; phone?: string | null; name: string | null; role: ParticipantRole } }
    | { change: 'removed'; participant: { id: string; role: ParticipantRole } }
    | { change: 'checked_in'; participant: { id: string; role: ParticipantRole }; checkInMethod: string }
  );

const note = (trx: Knex.Transaction, change: RecordedChange, event: string, details: Record<string, unknown>) =>
  appendBookingEvent(trx, { bookingId: change.bookingId, event, fromStatus: change.status, toStatus: change.status, actor: change.actor, reason: change.reason ?? null, details, occurredAt: change.occurredAt, dedupeKey: change.dedupeKey });

// The participant as events carry it, recorded with the booking.
async function participantEvent(trx: Knex.Transaction, change: RecordedChange, type: EventType, participantId: string): Promise<void> {
  const participant = await trx('booking_participants').where({ id: participantId }).first('id', 'role', 'status', 'user_id', 'email');
  await recordBookingEvent(trx, { type, bookingId: change.bookingId, dedupeKey: change.dedupeKey, occurredAt: change.occurredAt, extra: { participant } });
}

/** Records a participant change and its audit line in one transaction; running it again changes nothing. */
export async function recordParticipantChange(db: Knex, change: ParticipantChange): Promise<void> {
  try {
    await db.transaction(async (trx) => {
      const booking = await trx('bookings').where({ id: change.bookingId }).first('organization_id');
      const row = trx('booking_participants').where({ id: change.participant.id, bookingId: change.bookingId });
      if (change.change === 'added') {
        const { id, userId, email, phone, name, role } = change.participant;
        const inserted = await trx('booking_participants').insert({ id, organizationId: booking.organizationId, bookingId: change.bookingId, userId, email, phone: phone ?? null, name, role, addedBy: change.actor }).onConflict('id').ignore().returning('id');
        if (inserted.length > 0 && role === 'primary') await trx('bookings').where({ id: change.bookingId }).update({ bookerUserId: userId, updatedAt: trx.fn.now() });
        await note(trx, change, 'participant_added', { participantId: id, role, userId, email });
        await participantEvent(trx, change, 'participant.added', id);
      } else if (change.change === 'removed') {
        await row.clone().where({ status: 'active' }).update({ status: 'removed', updatedAt: trx.fn.now() });
        await note(trx, change, 'participant_removed', { participantId: change.participant.id, role: change.participant.role });
        await participantEvent(trx, change, 'participant.removed', change.participant.id);
      } else {
        await row.clone().whereNull('checked_in_at').update({ checkedInAt: change.occurredAt, checkInMethod: change.checkInMethod, updatedAt: trx.fn.now() });
        await note(trx, change, 'participant_checked_in', { participantId: change.participant.id, method: change.checkInMethod });
      }
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.uniqueViolation) throw new DomainError('ALREADY_EXISTS', 'This person already takes part in the booking.');
    throw error;
  }
}

/**
 * The primary participant leaves: their row is cancelled and, when there is a successor, that
 * observer becomes the primary and the booking's booker; otherwise the booking has no booker until
 * someone is added as its primary.
 */
export async function replacePrimaryParticipant(db: Knex, change: RecordedChange & { leavingParticipantId: string; successorParticipantId: string | null }): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('booking_participants').where({ id: change.leavingParticipantId, status: 'active' }).update({ status: 'cancelled', updatedAt: trx.fn.now() });
    let bookerUserId: string | null = null;
    if (change.successorParticipantId) {
      const [successor] = await trx('booking_participants').where({ id: change.successorParticipantId }).update({ role: 'primary', updatedAt: trx.fn.now() }).returning('user_id');
      bookerUserId = successor?.userId ?? null;
    }
    await trx('bookings').where({ id: change.bookingId }).update({ bookerUserId, updatedAt: trx.fn.now() });
    await note(trx, change, change.successorParticipantId ? 'primary_transferred' : 'primary_left', { from: change.leavingParticipantId, to: change.successorParticipantId });
    await participantEvent(trx, change, 'participant.cancelled', change.leavingParticipantId);
  });
}

/** Stores (or clears, with null) the cancellation waiting for approval, with its audit line. */
export async function recordCancellationRequest(db: Knex, change: RecordedChange & { event: 'cancellation_requested' | 'cancellation_declined'; request: Record<string, unknown> | null }): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('bookings').where({ id: change.bookingId }).update({ cancellationRequest: change.request ? JSON.stringify(change.request) : null, updatedAt: trx.fn.now() });
    await note(trx, change, change.event, change.request ?? {});
  });
}

/** An audit line that changes nothing else (e.g. who approved a cancellation). */
export async function appendBookingNote(db: Knex, change: RecordedChange & { event: string }): Promise<void> {
  await db.transaction((trx) => note(trx, change, change.event, {}));
}

/** A booking's participants, the active primary first, then in the order they joined. */
export async function listParticipants(db: Knex, bookingId: string): Promise<ParticipantRecord[]> {
  return db('booking_participants')
    .where({ bookingId })
    .orderByRaw("(role = 'primary' AND status = 'active') DESC, created_at, id")
    .select('id', 'booking_id', 'user_id', 'email', 'phone', 'name', 'role', 'status', 'checked_in_at', 'check_in_method', 'created_at');
}
