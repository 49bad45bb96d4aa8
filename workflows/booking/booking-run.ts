/**
 * The state one booking workflow run keeps, and the helpers its message handlers share: the guard
 * that validates an update, `exclusive` for one change at a time, and `transition` for the moves of
 * the state machine. Handlers live in their own files and receive this object.
 */
import { currentUpdateInfo, upsertSearchAttributes } from '@temporalio/workflow';
import { bookingTransition, type BookingEvent, type BookingStatus } from '../../src/domain/booking/booking-status';
import { defaultCheckInRules, defaultRescheduleRules } from '../../src/domain/booking/lifecycle-rules';
import { defaultTimerRules } from '../../src/domain/booking/lifecycle-timers';
import { defaultCancellationRules } from '../../src/domain/cancellation/cancellation-policy';
import type { Participant } from '../../src/domain/participants/participants';
import { DomainError } from '../../src/domain/shared/errors';
import { searchAttributes } from '../../temporal/search-attributes';
import { databaseActivities as db } from '../shared/activity-profiles';
import { businessFailure } from '../shared/failures';
import type { BookingInput, BookingView, CancellationRequestView } from './booking.contract';

/** The mutable state of a booking run. */
export interface BookingState {
  status: BookingStatus;
  startsAt: string;
  endsAt: string;
  cancelledBy: string | null;
  cancellationReason: string | null;
  cancellationRequest: CancellationRequestView | null;
  /** Null for bookings made before participants existed. */
  participants: Participant[] | null;
  awaitingNewPrimary: boolean;
  /** An activity of an update is running; a second update is refused until it ends. */
  busy: boolean;
}

/** Extra data a transition records. */
export interface TransitionExtra {
  reason?: string | null;
  checkInMethod?: string;
  review?: Record<string, unknown>;
}

// A domain refusal inside a validator becomes an update failure carrying its catalogue code.
export function asFailure(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof DomainError) throw businessFailure(error.code, error.message, error.details);
    throw error;
  }
}

/** Creates the run: the state from the input, the rules with their defaults, and the shared helpers. */
export function createBookingRun(input: BookingInput) {
  const rules = {
    checkIn: input.rules?.checkIn ?? defaultCheckInRules,
    reschedule: input.rules?.reschedule ?? defaultRescheduleRules,
    timers: input.rules?.timers ?? defaultTimerRules,
    refund: input.rules?.refund ?? { refundTiers: [] },
    cancellation: input.rules?.cancellation ?? defaultCancellationRules,
    notifications: input.rules?.notifications ?? null,
    backups: input.rules?.backups ?? [],
    securityDeposit: input.rules?.securityDeposit ?? null,
  };
  const state: BookingState = {
    status: input.status,
    startsAt: input.startsAt,
    endsAt: input.endsAt,
    cancelledBy: null,
    cancellationReason: null,
    cancellationRequest: null,
    participants: input.participants ? input.participants.map((p) => ({ ...p })) : null,
    awaitingNewPrimary: false,
    busy: false,
  };

  const view = (): BookingView => ({
    bookingId: input.bookingId,
    status: state.status,
    startsAt: state.startsAt,
    endsAt: state.endsAt,
    cancelledBy: state.cancelledBy,
    cancellationReason: state.cancellationReason,
    cancellationRequest: state.cancellationRequest,
    ...(state.participants ? { participants: state.participants, awaitingNewPrimary: state.awaitingNewPrimary } : {}),
  });

  const updateId = () => currentUpdateInfo()?.id ?? 'unknown';

  /** A validator: refuses while another change runs, when `event` cannot happen now, or when `extra` throws. */
  const guard = (event: BookingEvent | null, extra?: () => void) => () =>
    asFailure(() => {
      if (state.busy) throw new DomainError('CONFLICT', 'Another change to this booking is in progress.');
      if (event && !bookingTransition(state.status, event)) {
        throw new DomainError('INVALID_TRANSITION', `A ${state.status} booking cannot ${event.replaceAll('_', ' ')}.`, { status: state.status, event });
      }
      extra?.();
    });

  /** Runs one change at a time. */
  const exclusive = async <T>(change: () => Promise<T>): Promise<T> => {
    state.busy = true;
    try {
      return await change();
    } finally {
      state.busy = false;
    }
  };

  const setStatus = (next: BookingStatus) => {
    state.status = next;
    upsertSearchAttributes([{ key: searchAttributes.status, value: next }]);
  };

  /** Records a move of the state machine through an activity keyed by `dedupeKey`; call inside `exclusive`. */
  const record = async (event: BookingEvent, by: string, extra: TransitionExtra, dedupeKey: string): Promise<BookingView> => {
    const next = bookingTransition(state.status, event)!;
    await db.recordBookingTransition({ bookingId: input.bookingId, event, fromStatus: state.status, toStatus: next, actor: by, occurredAt: new Date().toISOString(), dedupeKey, ...extra });
    setStatus(next);
    return view();
  };

  /** Applies one move of the state machine as the current update (or timer) does. */
  const transition = (event: BookingEvent, by: string, extra: TransitionExtra = {}, dedupeKey = updateId()) => exclusive(() => record(event, by, extra, dedupeKey));

  return { input, rules, state, view, updateId, guard, exclusive, setStatus, record, transition };
}

/** One booking workflow run. */
export type BookingRun = ReturnType<typeof createBookingRun>;
