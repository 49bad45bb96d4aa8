import { addMinutes } from '../../shared/durations';
import { DomainError } from '../../shared/errors';
import type { SlotRefusal } from './engine-types';

/**
 * The error a hold or quote answers when the engine refuses its start: outside the working hours,
 * outside the booking window or too far ahead → SLOT_OUTSIDE_AVAILABILITY; too soon → SLOT_IN_THE_PAST
 * with the earliest start; taken, full, over a daily limit or not opened by a cascade → SLOT_UNAVAILABLE.
 * `details.reason` names the engine's reason, `details.requirementKey` the requirement that could not be filled.
 */
export function refusalError(refusal: SlotRefusal, now: Date, minAdvanceMinutes: number): DomainError {
  const details = { reason: refusal.reason, ...(refusal.requirementKey ? { requirementKey: refusal.requirementKey } : {}) };
  switch (refusal.reason) {
    case 'too_soon':
      return new DomainError('SLOT_IN_THE_PAST', 'That time is too soon to book.', { ...details, earliestStart: addMinutes(now, minAdvanceMinutes).toISOString() });
    case 'outside_hours':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'That time is outside the working hours.', details);
    case 'too_far':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'That time is too far ahead to book.', details);
    case 'booking_closed':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'Booking for this service is not open now.', details);
    default:
      return new DomainError('SLOT_UNAVAILABLE', 'That time is not available.', details);
  }
}
