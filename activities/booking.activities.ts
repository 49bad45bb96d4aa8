import type { Knex } from 'knex';
import type { BookingStatus } from '../src/domain/booking/booking-status';
import type { RefundDecision } from '../src/domain/cancellation/refund-decision';
import { moveBooking, recordBookingTransition } from '../src/db/queries/booking-lifecycle.queries';
import { cancelBookingRecord } from '../src/db/queries/booking.queries';
import { appendBookingNote, recordCancellationRequest, recordParticipantChange, replacePrimaryParticipant, type ParticipantChange } from '../src/db/queries/participant.queries';
import { planReminders, type PlannedReminder, type ReminderRule } from '../src/domain/notifications/reminder-schedule';
import { asActivityFailure } from './activity-failure';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';

/** Dependencies of the booking activities. */
export interface BookingActivityDeps {
  db: Knex;
  /** Hands the events each change recorded to webhooks and handlers. */
  events: EventDispatcher;
}

/** Activities that write a booking's transitions to the database. */
export function createBookingActivities({ db, events }: BookingActivityDeps) {
  const dispatched = async (bookingId: string, effect: () => Promise<unknown>) => {
    await effect();
    await events.dispatchPending({ bookingId });
  };

  return {
    /** Records the cancellation and frees the booking's time. */
    async cancelBooking(input: { bookingId: string; cancelledBy: string; reason: string | null; cancelledAt: string; fromStatus?: BookingStatus; dedupeKey?: string; refund?: RefundDecision }): Promise<void> {
      await dispatched(input.bookingId, () => cancelBookingRecord(db, { ...input, cancelledAt: new Date(input.cancelledAt) }));
    },

    /** Writes a lifecycle transition (check-in, completion, no-show, review) to the projection and the audit trail. */
    async recordBookingTransition(input: {
      bookingId: string;
      event: string;
      fromStatus: BookingStatus;
      toStatus: BookingStatus;
      actor: string;
      occurredAt: string;
      dedupeKey: string;
      reason?: string | null;
      checkInMethod?: string;
      review?: Record<string, unknown>;
    }): Promise<void> {
      await dispatched(input.bookingId, () => recordBookingTransition(db, { ...input, occurredAt: new Date(input.occurredAt) }));
    },

    /** Moves the booking's claim to a new time atomically; SLOT_UNAVAILABLE keeps the old time. */
    async moveBooking(input: { bookingId: string; startsAt: string; endsAt: string; blockedFrom: string; blockedUntil: string; actor: string; occurredAt: string; dedupeKey: string; feeAmount?: number }): Promise<void> {
      await dispatched(input.bookingId, () =>
        asActivityFailure(() =>
          moveBooking(db, {
          ...input,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          blockedFrom: new Date(input.blockedFrom),
          blockedUntil: new Date(input.blockedUntil),
          occurredAt: new Date(input.occurredAt),
          }),
        ),
      );
    },

    /** Adds, removes or checks in a participant; ALREADY_EXISTS when that person takes part already. */
    async recordParticipantChange(input: DatesAsStrings<ParticipantChange, 'occurredAt'>): Promise<void> {
      await dispatched(input.bookingId, () => asActivityFailure(() => recordParticipantChange(db, { ...input, occurredAt: new Date(input.occurredAt) } as ParticipantChange)));
    },

    /** The primary leaves: cancelled, and replaced by the successor when there is one. */
    async replacePrimaryParticipant(input: ChangeInput & { leavingParticipantId: string; successorParticipantId: string | null }): Promise<void> {
      await dispatched(input.bookingId, () => replacePrimaryParticipant(db, { ...input, occurredAt: new Date(input.occurredAt) }));
    },

    /** Stores or clears a cancellation waiting for approval. */
    async recordCancellationRequest(input: ChangeInput & { event: 'cancellation_requested' | 'cancellation_declined'; request: Record<string, unknown> | null }): Promise<void> {
      await recordCancellationRequest(db, { ...input, occurredAt: new Date(input.occurredAt) });
    },

    /** Adds an audit line that changes nothing else. */
    async appendBookingNote(input: ChangeInput & { event: string }): Promise<void> {
      await appendBookingNote(db, { ...input, occurredAt: new Date(input.occurredAt) });
    },

    /** When the booking's reminders go out (the date library is not loaded in the workflow sandbox). */
    async planReminders(input: { startsAt: string; timezone: string; reminders: ReminderRule[]; now: string }): Promise<Array<Omit<PlannedReminder, 'at'> & { at: string }>> {
      return planReminders(new Date(input.startsAt), input.timezone, input.reminders, new Date(input.now)).map((reminder) => ({ ...reminder, at: reminder.at.toISOString() }));
    },
  };
}

/** A type with some Date fields as ISO strings, as they travel through workflow histories. */
type DatesAsStrings<T, K extends string> = T extends unknown ? Omit<T, K> & Record<K, string> : never;

/** The common fields of a recorded change, as the workflow sends them. */
interface ChangeInput {
  bookingId: string;
  actor: string;
  reason?: string | null;
  status: BookingStatus;
  occurredAt: string;
  dedupeKey: string;
}
