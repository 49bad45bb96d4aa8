import { DomainError } from '../shared/errors';

/** What a participant is to a booking (spec §4, booking_participants). */
export type ParticipantRole = 'primary' | 'observer' | 'guest';

/** Whether a participant still takes part: cancelled when the primary left, removed by someone. */
export type ParticipantStatus = 'active' | 'cancelled' | 'removed';

/** A participant as the booking workflow keeps it. */
export interface Participant {
  id: string;
  userId: string | null;
  email: string | null;
  role: ParticipantRole;
  status: ParticipantStatus;
  checkedIn: boolean;
}

/** What happens to the others when the primary cancels (spec §11 question 2), chosen per template. */
export type PrimaryCancellationRule = 'cancel_all' | 'transfer_to_observer' | 'require_new_primary';

/** The outcome of the primary cancelling. */
export type PrimaryCancellationOutcome = { kind: 'cancel_booking' } | { kind: 'transfer'; to: Participant } | { kind: 'await_new_primary' };

const active = (participants: readonly Participant[]) => participants.filter((p) => p.status === 'active');

/** The active primary, if any. */
export function primaryOf(participants: readonly Participant[]): Participant | undefined {
  return active(participants).find((p) => p.role === 'primary');
}

/**
 * Refuses adding someone who is already taking part (same user or same email, case-insensitive), or
 * a second primary.
 */
export function assertCanAdd(participants: readonly Participant[], candidate: Pick<Participant, 'userId' | 'email' | 'role'>): void {
  const others = active(participants);
  if (candidate.role === 'primary' && primaryOf(others)) throw new DomainError('ALREADY_EXISTS', 'The booking already has a primary participant.');
  const email = candidate.email?.toLowerCase();
  const duplicate = others.find((p) => (candidate.userId !== null && p.userId === candidate.userId) || (email !== undefined && p.email?.toLowerCase() === email));
  if (duplicate) throw new DomainError('ALREADY_EXISTS', 'This person already takes part in the booking.', { participantId: duplicate.id });
}

/** The active participant with this id, or NOT_FOUND. */
export function activeParticipant(participants: readonly Participant[], participantId: string): Participant {
  const participant = participants.find((p) => p.id === participantId && p.status === 'active');
  if (!participant) throw new DomainError('NOT_FOUND', 'No active participant with that id.', { participantId });
  return participant;
}

/**
 * Decides what the primary's cancellation does to the booking. Transfer hands the booking to the
 * observer who joined first; requiring a new primary keeps the booking for the others until someone
 * takes over. With nobody else taking part (or no observer to transfer to), the booking is cancelled.
 */
export function primaryCancellationOutcome(participants: readonly Participant[], rule: PrimaryCancellationRule): PrimaryCancellationOutcome {
  const others = active(participants).filter((p) => p.role !== 'primary');
  if (rule === 'transfer_to_observer') {
    const observer = others.find((p) => p.role === 'observer');
    return observer ? { kind: 'transfer', to: observer } : { kind: 'cancel_booking' };
  }
  if (rule === 'require_new_primary' && others.length > 0) return { kind: 'await_new_primary' };
  return { kind: 'cancel_booking' };
}
