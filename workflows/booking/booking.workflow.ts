/**
 * Booking workflow: the life of one booking (spec §4.1), from confirmed (or pending approval) onwards.
 *
 * States: the booking state machine of src/domain/booking/booking-status.ts.
 * Messages: updates `approveBooking`, `rejectBooking`, `cancelBooking`, `approveCancellation`, `declineCancellation`,
 *   `checkInBooking`, `completeBooking`, `markBookingNoShow`, `reviewBooking`, `rescheduleBooking`,
 *   `addParticipant`, `removeParticipant`, `checkInParticipant`, `activateBackup`, `captureSecurityDeposit`,
 *   `releaseSecurityDeposit`; query `bookingState`.
 * Timers (behind patch `booking-lifecycle-timers`): a pending booking expires at its approval deadline;
 *   a confirmed one is marked a no-show, a checked-in one completed, when the template says so; a booking
 *   whose primary left without a successor is cancelled at its start if nobody has taken over.
 * Notifications (behind patch `booking-notifications`): messages on transitions, reminders from the local
 *   wall clock (planned again on reschedule), the review request, and the end of the review window.
 * Backups (behind patch `booking-backups`, only for templates with backups): standbys chosen once confirmed,
 *   their notice timer, a backup taking over from a primary that falls through, their pay once it is over
 *   (workflows/booking/booking-backups.ts).
 * Security deposit (behind patch `booking-security-deposit`, only for bookings whose quote has one): held on the
 *   saved card at max(confirmation, start − 24 h), released `releaseAfterHours` after the end or at once when
 *   cancelled, unless staff captured it (workflows/booking/booking-security-deposit.ts).
 * Id: `booking:bk_…`, started by the reservation workflow that confirmed its hold.
 * Money: a cancellation records its refund decision (src/domain/cancellation) and refunds what was paid
 *   (patch `booking-refunds`), or credits it as store credit with its bonus when the client chose so
 *   (patch `booking-store-credit`); a no-show and a client's reschedule fee are charged to the saved card
 *   (patch `booking-charges`), as is a late-cancellation fee beyond what was paid (patch `booking-late-fees`).
 * Compensation: cancelling, a no-show and completion free the booking's allocations in the same
 *   transaction that records them; a reschedule swaps them atomically.
 * Every transition is written to the projection and the audit trail by an activity keyed by the update id.
 */
import { condition, allHandlersFinished, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { isTerminalBookingStatus } from '../../src/domain/booking/booking-status';
import { assertCanReschedule, assertCheckInOpen } from '../../src/domain/booking/lifecycle-rules';
import { nextLifecycleTimer } from '../../src/domain/booking/lifecycle-timers';
import { primaryOf } from '../../src/domain/participants/participants';
import { DomainError } from '../../src/domain/shared/errors';
import { searchAttributes } from '../../temporal/search-attributes';
import { databaseActivities as db, paymentActivities as payments } from '../shared/activity-profiles';
import { refusalFromActivity } from '../shared/failures';
import {
  approveBookingUpdate,
  bookingStateQuery,
  checkInBookingUpdate,
  completeBookingUpdate,
  markNoShowUpdate,
  rejectBookingUpdate,
  rescheduleBookingUpdate,
  reviewBookingUpdate,
  type ActorRequest,
  type BookingInput,
  type BookingView,
  type CheckInRequest,
  type RescheduleRequest,
  type ReviewRequest,
} from './booking.contract';
import { createBackups } from './booking-backups';
import { createCanceller, registerCancellationHandlers } from './booking-cancellation';
import { createNotifier, followUpCompletion, runReminders } from './booking-notifications';
import { registerParticipantHandlers } from './booking-participants';
import { createBookingRun } from './booking-run';
import { createSecurityDeposit } from './booking-security-deposit';

/** Runs a booking until it reaches a terminal state (or, once completed, until its review window closes). */
export async function bookingWorkflow(input: BookingInput): Promise<BookingView> {
  const run = createBookingRun(input);
  const { state, rules } = run;
  const pendingSince = new Date();
  const notifier = createNotifier(run, patched('booking-notifications'));
  // Charges made after the fact (behind patch `booking-charges`): a no-show, a client's reschedule fee.
  const charges = patched('booking-charges');
  const subject = { bookingId: input.bookingId, reservationId: input.reservationId };
  const chargeNoShow = async (dedupeKey: string) => {
    if (charges) await payments.chargeNoShow({ ...subject, dedupeKey });
  };
  const canceller = createCanceller(run, notifier);
  const backups = createBackups(run);
  const securityDeposit = createSecurityDeposit(run);

  setHandler(bookingStateQuery, run.view);
  registerCancellationHandlers(run, canceller, backups.takeOverFromCancelling);
  registerParticipantHandlers(run, notifier);

  setHandler(
    approveBookingUpdate,
    async (request) => {
      const view = await run.transition('approve', request.by, { reason: request.reason });
      notifier.notify('booking_confirmed', { dedupeKey: run.updateId() });
      return view;
    },
    { validator: (_request: ActorRequest) => run.guard('approve')() },
  );
  setHandler(
    rejectBookingUpdate,
    async (request) => {
      const view = await run.transition('cancel', request.by, { reason: request.reason ?? 'rejected' });
      notifier.notify('booking_cancelled', { dedupeKey: run.updateId(), reason: request.reason ?? null });
      return view;
    },
    {
      validator: (_request: ActorRequest) =>
        run.guard(null, () => {
          if (state.status !== 'pending') throw new DomainError('INVALID_TRANSITION', `Only a pending booking can be rejected; this one is ${state.status}.`, { status: state.status });
        })(),
    },
  );

  setHandler(
    checkInBookingUpdate,
    async (request) => {
      const view = await run.transition('check_in', request.by, { checkInMethod: request.method });
      const primary = state.participants && primaryOf(state.participants);
      if (primary) primary.checkedIn = true;
      return view;
    },
    { validator: (_request: CheckInRequest) => run.guard('check_in', () => assertCheckInOpen(new Date(), new Date(state.startsAt), rules.checkIn))() },
  );

  setHandler(completeBookingUpdate, (request) => run.transition('complete', request.by, { reason: request.reason }), {
    validator: (_request: ActorRequest) => run.guard('complete')(),
  });

  setHandler(
    markNoShowUpdate,
    async (request) => {
      const view = await run.transition('mark_no_show', request.by, { reason: request.reason });
      await chargeNoShow(run.updateId());
      return view;
    },
    { validator: (_request: ActorRequest) => run.guard('mark_no_show')() },
  );

  setHandler(reviewBookingUpdate, (request) => run.transition('review', request.by, { review: { rating: request.rating, comment: request.comment, by: request.by } }), {
    validator: (_request: ReviewRequest) => run.guard('review')(),
  });

  setHandler(
    rescheduleBookingUpdate,
    (request) =>
      run.exclusive(async () => {
        const previousStartsAt = state.startsAt;
        // A client moving their own booking pays the template's fee; the business moving it does not.
        const feeAmount = request.party === 'client' ? (rules.reschedule.feeAmount ?? 0) : 0;
        const { party: _party, ...move } = request;
        await db.moveBooking({ bookingId: input.bookingId, ...move, ...(feeAmount > 0 ? { feeAmount } : {}), actor: request.by, occurredAt: new Date().toISOString(), dedupeKey: run.updateId() }).catch((error: unknown) => {
          throw refusalFromActivity(error);
        });
        state.startsAt = request.startsAt;
        state.endsAt = request.endsAt;
        upsertSearchAttributes([{ key: searchAttributes.startsAt, value: new Date(state.startsAt) }]);
        if (charges && feeAmount > 0) await payments.chargeBooking({ ...subject, amount: feeAmount, reason: 'reschedule_fee', dedupeKey: run.updateId() });
        notifier.notify('booking_rescheduled', { dedupeKey: run.updateId(), previousStartsAt });
        return run.view();
      }),
    {
      validator: (_request: RescheduleRequest) =>
        run.guard(null, () => {
          if (state.status !== 'confirmed' && state.status !== 'pending') throw new DomainError('INVALID_TRANSITION', `A ${state.status} booking cannot be rescheduled.`, { status: state.status });
          assertCanReschedule(new Date(), new Date(state.startsAt), rules.reschedule);
        })(),
    },
  );

  if (rules.notifications?.confirmation) notifier.notify(state.status === 'pending' ? 'booking_pending_approval' : 'booking_confirmed', { dedupeKey: 'booked' });
  const reminders = runReminders(run, notifier);
  const standby = backups.runBackups();
  const deposit = securityDeposit.runSecurityDeposit();

  if (patched('booking-lifecycle-timers')) {
    // Timed transitions: each wait ends early when the status, the start or the primary changes, and is recomputed.
    while (!isTerminalBookingStatus(state.status)) {
      if (state.status === 'completed' && notifier.enabled) {
        await followUpCompletion(run, notifier);
        break;
      }
      const timer = nextLifecycleTimer({ status: state.status, startsAt: new Date(state.startsAt), endsAt: new Date(state.endsAt), pendingSince, awaitingNewPrimary: state.awaitingNewPrimary }, rules.timers);
      const seen = { status: state.status, startsAt: state.startsAt, awaitingNewPrimary: state.awaitingNewPrimary };
      const moved = () => state.status !== seen.status || state.startsAt !== seen.startsAt || state.awaitingNewPrimary !== seen.awaitingNewPrimary;
      if (!timer) {
        await condition(moved);
        continue;
      }
      if (await condition(moved, Math.max(1, timer.at.getTime() - Date.now()))) continue;
      await condition(() => !state.busy);
      if (moved()) continue;
      const dedupeKey = `timer:${timer.event}:${state.startsAt}`;
      if (timer.event === 'cancel') await canceller.settle({ by: 'system', party: 'system', reason: 'Nobody took over as the primary participant.', at: new Date(), dedupeKey });
      else {
        await run.transition(timer.event, 'system', {}, dedupeKey);
        if (timer.event === 'mark_no_show') await chargeNoShow(dedupeKey);
      }
    }
  } else {
    await condition(() => isTerminalBookingStatus(state.status));
  }
  await reminders;
  await standby;
  await deposit;
  await condition(allHandlersFinished);
  await notifier.allSent();
  return run.view();
}
