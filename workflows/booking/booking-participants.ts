/**
 * The people of a booking: observers and guests join and leave, a booking without a primary gets a
 * new one, and each participant checks in on their own (the first arrival checks the booking in).
 */
import { setHandler } from '@temporalio/workflow';
import { holdsResources } from '../../src/domain/booking/booking-status';
import { assertCheckInOpen } from '../../src/domain/booking/lifecycle-rules';
import { activeParticipant, assertCanAdd } from '../../src/domain/participants/participants';
import { DomainError } from '../../src/domain/shared/errors';
import { databaseActivities as db } from '../shared/activity-profiles';
import { refusalFromActivity } from '../shared/failures';
import {
  addParticipantUpdate,
  checkInParticipantUpdate,
  removeParticipantUpdate,
  type AddParticipantRequest,
  type CheckInParticipantRequest,
  type RemoveParticipantRequest,
} from './booking.contract';
import type { Notifier } from './booking-notifications';
import type { BookingRun } from './booking-run';

/** Registers the participant updates. */
export function registerParticipantHandlers(run: BookingRun, notifier: Notifier): void {
  const { input, state } = run;
  const participants = () => {
    if (!state.participants) throw new DomainError('INVALID_TRANSITION', 'This booking was made before participants could change.');
    return state.participants;
  };
  // People can join or leave while the booking still holds its time.
  const changeable = () => {
    participants();
    if (!holdsResources(state.status)) throw new DomainError('INVALID_TRANSITION', `A ${state.status} booking's participants cannot change.`, { status: state.status });
  };

  setHandler(
    addParticipantUpdate,
    (request) =>
      run.exclusive(async () => {
        await db
          .recordParticipantChange({ bookingId: input.bookingId, change: 'added', participant: { id: request.participantId, userId: request.userId, email: request.email, phone: request.phone ?? null, name: request.name, role: request.role }, actor: request.by, status: state.status, occurredAt: new Date().toISOString(), dedupeKey: run.updateId() })
          .catch((error: unknown) => {
            throw refusalFromActivity(error);
          });
        participants().push({ id: request.participantId, userId: request.userId, email: request.email, role: request.role, status: 'active', checkedIn: false });
        if (request.role === 'primary') state.awaitingNewPrimary = false;
        notifier.notify('participant_added', { dedupeKey: run.updateId(), participantId: request.participantId });
        return run.view();
      }),
    {
      validator: (request: AddParticipantRequest) =>
        run.guard(null, () => {
          changeable();
          if (participants().some((p) => p.id === request.participantId)) return; // a retry of this very request
          assertCanAdd(participants(), request);
        })(),
    },
  );

  setHandler(
    removeParticipantUpdate,
    (request) =>
      run.exclusive(async () => {
        const participant = activeParticipant(participants(), request.participantId);
        await db.recordParticipantChange({ bookingId: input.bookingId, change: 'removed', participant: { id: participant.id, role: participant.role }, actor: request.by, reason: request.reason, status: state.status, occurredAt: new Date().toISOString(), dedupeKey: run.updateId() });
        participant.status = 'removed';
        return run.view();
      }),
    {
      validator: (request: RemoveParticipantRequest) =>
        run.guard(null, () => {
          changeable();
          const participant = activeParticipant(participants(), request.participantId);
          if (participant.role === 'primary') throw new DomainError('INVALID_TRANSITION', 'The primary participant leaves by cancelling the booking.');
        })(),
    },
  );

  setHandler(
    checkInParticipantUpdate,
    (request) =>
      run.exclusive(async () => {
        const participant = activeParticipant(participants(), request.participantId);
        await db.recordParticipantChange({ bookingId: input.bookingId, change: 'checked_in', participant: { id: participant.id, role: participant.role }, checkInMethod: request.method, actor: request.by, status: state.status, occurredAt: new Date().toISOString(), dedupeKey: run.updateId() });
        participant.checkedIn = true;
        // The first arrival checks the booking in.
        if (state.status === 'confirmed') return run.record('check_in', request.by, { checkInMethod: request.method }, `${run.updateId()}:booking`);
        return run.view();
      }),
    {
      validator: (request: CheckInParticipantRequest) =>
        run.guard(null, () => {
          const participant = activeParticipant(participants(), request.participantId);
          if (participant.checkedIn) throw new DomainError('INVALID_TRANSITION', 'This participant has checked in already.');
          if (state.status !== 'confirmed' && state.status !== 'checked_in') throw new DomainError('INVALID_TRANSITION', `A ${state.status} booking cannot check anyone in.`, { status: state.status });
          assertCheckInOpen(new Date(), new Date(state.startsAt), run.rules.checkIn);
        })(),
    },
  );
}
