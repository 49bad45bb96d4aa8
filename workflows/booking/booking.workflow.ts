/**
 * Booking workflow: the life of one booking (spec §4.1), from confirmed onwards.
 *
 * States: the booking state machine of src/domain/booking/booking-status.ts.
 * Messages: updates `approveBooking`, `rejectBooking`, `cancelBooking`, `checkInBooking`, `completeBooking`, `markBookingNoShow`,
 *   `reviewBooking`, `rescheduleBooking`; query `bookingState`.
 * Timers (behind patch `booking-lifecycle-timers`): a pending booking expires at its approval deadline;
 *   a confirmed one is marked a no-show, a checked-in one completed, when the template says so.
 * Id: `booking:bk_…`, started by the reservation workflow that confirmed its hold.
 * Refunds: a cancellation records its refund decision (src/domain/cancellation) with the booking.
 * Compensation: cancelling, a no-show and completion free the booking's allocations in the same
 *   transaction that records them; a reschedule swaps them atomically.
 * Every transition is written to the projection and the audit trail by an activity keyed by the update id.
 */
import { condition, allHandlersFinished, currentUpdateInfo, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { bookingTransition, isTerminalBookingStatus, type BookingEvent, type BookingStatus } from '../../src/domain/booking/booking-status';
import { assertCanReschedule, assertCheckInOpen, defaultCheckInRules, defaultRescheduleRules } from '../../src/domain/booking/lifecycle-rules';
import { defaultTimerRules, nextLifecycleTimer } from '../../src/domain/booking/lifecycle-timers';
import { decideRefund } from '../../src/domain/cancellation/refund-decision';
import { DomainError } from '../../src/domain/shared/errors';
import { searchAttributes } from '../../temporal/search-attributes';
import { databaseActivities as db } from '../shared/activity-profiles';
import { businessFailure, refusalFromActivity } from '../shared/failures';
import {
  approveBookingUpdate,
  bookingStateQuery,
  cancelBookingUpdate,
  checkInBookingUpdate,
  completeBookingUpdate,
  markNoShowUpdate,
  rejectBookingUpdate,
  rescheduleBookingUpdate,
  reviewBookingUpdate,
  type ActorRequest,
  type BookingInput,
  type BookingView,
  type CancelBookingRequest,
  type CheckInRequest,
  type RescheduleRequest,
  type ReviewRequest,
} from './booking.contract';

// A domain refusal inside a validator becomes an update failure carrying its catalogue code.
function asFailure(check: () => void): void {
  try {
    check();
  } catch (error) {
    if (error instanceof DomainError) throw businessFailure(error.code, error.message, error.details);
    throw error;
  }
}

/** Runs a booking until it reaches a terminal state. */
export async function bookingWorkflow(input: BookingInput): Promise<BookingView> {
  const rules = {
    checkIn: input.rules?.checkIn ?? defaultCheckInRules,
    reschedule: input.rules?.reschedule ?? defaultRescheduleRules,
    timers: input.rules?.timers ?? defaultTimerRules,
  };
  const pendingSince = new Date();
  let status: BookingStatus = input.status;
  let startsAt = input.startsAt;
  let endsAt = input.endsAt;
  let cancelledBy: string | null = null;
  let cancellationReason: string | null = null;
  let busy = false;

  const view = (): BookingView => ({ bookingId: input.bookingId, status, startsAt, endsAt, cancelledBy, cancellationReason });
  const updateId = () => currentUpdateInfo()?.id ?? 'unknown';

  // One change at a time: a second update while an activity runs is refused (the client retries).
  const guard = (event: BookingEvent | null, extra?: () => void) => () =>
    asFailure(() => {
      if (busy) throw new DomainError('CONFLICT', 'Another change to this booking is in progress.');
      if (event && !bookingTransition(status, event)) {
        throw new DomainError('INVALID_TRANSITION', `A ${status} booking cannot ${event.replaceAll('_', ' ')}.`, { status, event });
      }
      extra?.();
    });

  const transition = async (event: BookingEvent, by: string, extra: { reason?: string | null; checkInMethod?: string; review?: Record<string, unknown> } = {}, dedupeKey = updateId()) => {
    busy = true;
    try {
      const next = bookingTransition(status, event)!;
      await db.recordBookingTransition({ bookingId: input.bookingId, event, fromStatus: status, toStatus: next, actor: by, occurredAt: new Date().toISOString(), dedupeKey, ...extra });
      status = next;
      upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
      return view();
    } finally {
      busy = false;
    }
  };

  setHandler(bookingStateQuery, view);

  setHandler(
    cancelBookingUpdate,
    async (request) => {
      busy = true;
      try {
        const cancelledAt = new Date();
        // Decided here, once, with the rules the booking was made under; payments will act on it.
        const refund = decideRefund({ cancelledAt, startsAt: new Date(startsAt), cancelledBy: request.party ?? 'organization', paidAmount: 0, rules: input.rules?.refund ?? { refundTiers: [] } });
        await db.cancelBooking({
          bookingId: input.bookingId,
          cancelledBy: request.cancelledBy,
          reason: request.reason,
          cancelledAt: cancelledAt.toISOString(),
          fromStatus: status,
          dedupeKey: updateId(),
          refund,
        });
        status = 'cancelled';
        cancelledBy = request.cancelledBy;
        cancellationReason = request.reason;
        upsertSearchAttributes([{ key: searchAttributes.status, value: status }]);
        return view();
      } finally {
        busy = false;
      }
    },
    { validator: (_request: CancelBookingRequest) => guard('cancel')() },
  );

  const approvers = (_request: ActorRequest) => guard('approve')();
  setHandler(approveBookingUpdate, (request) => transition('approve', request.by, { reason: request.reason }), { validator: approvers });
  setHandler(rejectBookingUpdate, (request) => transition('cancel', request.by, { reason: request.reason ?? 'rejected' }), {
    validator: (_request: ActorRequest) =>
      guard(null, () => {
        if (status !== 'pending') throw new DomainError('INVALID_TRANSITION', `Only a pending booking can be rejected; this one is ${status}.`, { status });
      })(),
  });

  setHandler(checkInBookingUpdate, (request) => transition('check_in', request.by, { checkInMethod: request.method }), {
    validator: (_request: CheckInRequest) => guard('check_in', () => assertCheckInOpen(new Date(), new Date(startsAt), rules.checkIn))(),
  });

  setHandler(completeBookingUpdate, (request) => transition('complete', request.by, { reason: request.reason }), {
    validator: (_request: ActorRequest) => guard('complete')(),
  });

  setHandler(markNoShowUpdate, (request) => transition('mark_no_show', request.by, { reason: request.reason }), {
    validator: (_request: ActorRequest) => guard('mark_no_show')(),
  });

  setHandler(reviewBookingUpdate, (request) => transition('review', request.by, { review: { rating: request.rating, comment: request.comment, by: request.by } }), {
    validator: (_request: ReviewRequest) => guard('review')(),
  });

  setHandler(
    rescheduleBookingUpdate,
    async (request) => {
      busy = true;
      try {
        await db.moveBooking({ bookingId: input.bookingId, ...request, actor: request.by, occurredAt: new Date().toISOString(), dedupeKey: updateId() }).catch((error: unknown) => {
          throw refusalFromActivity(error);
        });
        startsAt = request.startsAt;
        endsAt = request.endsAt;
        upsertSearchAttributes([{ key: searchAttributes.startsAt, value: new Date(startsAt) }]);
        return view();
      } finally {
        busy = false;
      }
    },
    {
      validator: (_request: RescheduleRequest) =>
        guard(null, () => {
          if (status !== 'confirmed' && status !== 'pending') throw new DomainError('INVALID_TRANSITION', `A ${status} booking cannot be rescheduled.`, { status });
          assertCanReschedule(new Date(), new Date(startsAt), rules.reschedule);
        })(),
    },
  );

  if (patched('booking-lifecycle-timers')) {
    // Timed transitions: each wait ends early when the status or the start changes, and is recomputed.
    while (!isTerminalBookingStatus(status)) {
      const timer = nextLifecycleTimer({ status, startsAt: new Date(startsAt), endsAt: new Date(endsAt), pendingSince }, rules.timers);
      const seen = { status, startsAt };
      const moved = () => status !== seen.status || startsAt !== seen.startsAt;
      if (!timer) {
        await condition(moved);
        continue;
      }
      if (await condition(moved, Math.max(1, timer.at.getTime() - Date.now()))) continue;
      await condition(() => !busy);
      if (status === seen.status && startsAt === seen.startsAt) await transition(timer.event, 'system', {}, `timer:${timer.event}:${startsAt}`);
    }
  } else {
    await condition(() => isTerminalBookingStatus(status));
  }
  await condition(allHandlersFinished);
  return view();
}
