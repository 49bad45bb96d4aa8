/**
 * Reservation workflow: a hold on bookable time (spec §4.1 RESERVED).
 *
 * States: claiming → held → confirmed | released | expired; claiming → rejected when the slot is taken.
 * Messages: update `awaitHold` (answers the creating request: held + expiry, or SLOT_UNAVAILABLE),
 *   update `confirmReservation` (starts the booking workflow), update `releaseReservation`,
 *   query `reservationState`.
 * Timers: the hold expiry (`lifecycle.reservation.holdDurationSeconds` of the service template).
 * Id: `reservation:rs_…`. Compensation: an expired or released hold frees its allocations.
 * The workflow ends once the hold is settled; a confirmed hold lives on as `booking:bk_…`.
 */
import {
  ParentClosePolicy,
  condition,
  allHandlersFinished,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { bookingSearchAttributes, searchAttributes } from '../../temporal/search-attributes';
import { bookingWorkflow } from '../booking/booking.workflow';
import { bookingWorkflowId } from '../booking/booking.contract';
import { databaseActivities as db } from '../shared/activity-profiles';
import { activityFailureCode, businessFailure } from '../shared/failures';
import {
  awaitHoldUpdate,
  confirmReservationUpdate,
  releaseReservationUpdate,
  reservationStateQuery,
  type ConfirmReservationRequest,
  type ReleaseReservationRequest,
  type ReservationInput,
  type ReservationView,
} from './reservation.contract';
import { holdClaimMessage } from '../../src/domain/reservation/hold-claim';
import type { ReservationWorkflowStatus } from '../../src/domain/reservation/reservation-status';

type Status = ReservationWorkflowStatus | 'confirming' | 'releasing';

/** Holds a slot until it is confirmed, released or expires. */
export async function reservationWorkflow(input: ReservationInput): Promise<ReservationView> {
  let status: Status = 'claiming';
  let expiresAt: Date | null = null;
  let bookingId: string | null = null;

  const view = (): ReservationView => ({
    reservationId: input.reservationId,
    status: status === 'confirming' || status === 'releasing' ? 'held' : status,
    expiresAt: expiresAt?.toISOString() ?? null,
    bookingId,
  });
  const moveTo = (next: Status): void => {
    status = next;
    upsertSearchAttributes([{ key: searchAttributes.status, value: next }]);
  };
  const requireHeld = (): void => {
    if (status !== 'held') throw businessFailure('RESERVATION_NOT_HELD', `The reservation is ${view().status}.`, { status: view().status });
  };

  setHandler(reservationStateQuery, view);

  setHandler(awaitHoldUpdate, async () => {
    await condition(() => status !== 'claiming');
    if (status === 'rejected') throw businessFailure('SLOT_UNAVAILABLE', 'That time is no longer available.', { startsAt: input.startsAt });
    return view();
  });

  setHandler(
    confirmReservationUpdate,
    async ({ confirmedBy }) => {
      moveTo('confirming');
      const newBookingId = input.bookingId;
      // A service that needs manual approval starts its booking pending.
      const bookingStatus = input.bookingRules?.requireApproval ? 'pending' : 'confirmed';
      try {
        await db.confirmHold({ reservationId: input.reservationId, bookingId: newBookingId, bookingWorkflowId: bookingWorkflowId(newBookingId), confirmedBy, status: bookingStatus });
      } catch (error) {
        if (activityFailureCode(error) !== 'RESERVATION_NOT_HELD') throw error;
        // The database says the hold lapsed (its clock passed expires_at first): settle as expired.
        moveTo('expired');
        await db.endHold({ reservationId: input.reservationId, outcome: 'expired' });
        throw businessFailure('RESERVATION_NOT_HELD', 'The hold has expired.', { status: 'expired' });
      }
      await startChild(bookingWorkflow, {
        workflowId: bookingWorkflowId(newBookingId),
        parentClosePolicy: ParentClosePolicy.ABANDON,
        staticSummary: input.summary,
        typedSearchAttributes: bookingSearchAttributes({ ...input, status: bookingStatus }),
        args: [
          {
            bookingId: newBookingId,
            reservationId: input.reservationId,
            organizationId: input.organizationId,
            locationId: input.locationId,
            serviceTemplateId: input.serviceTemplateId,
            bookableIds: input.bookableIds,
            bookerUserId: input.bookerUserId,
            status: bookingStatus,
            startsAt: input.startsAt,
            endsAt: input.endsAt,
            timezone: input.timezone,
            rules: input.bookingRules,
          },
        ],
      });
      bookingId = newBookingId;
      moveTo('confirmed');
      return view();
    },
    { validator: (_request: ConfirmReservationRequest) => requireHeld() },
  );

  setHandler(
    releaseReservationUpdate,
    async () => {
      moveTo('releasing');
      await db.endHold({ reservationId: input.reservationId, outcome: 'released' });
      moveTo('released');
      return view();
    },
    { validator: (_request: ReleaseReservationRequest) => requireHeld() },
  );

  try {
    // Workflow time is deterministic: replaying this line after a crash yields the same expiry.
    const holdUntil = new Date(Date.now() + input.holdSeconds * 1000);
    await db.claimHold(holdClaimMessage(input, { workflowId: workflowInfo().workflowId, expiresAt: holdUntil.toISOString() }));
    expiresAt = holdUntil;
    moveTo('held');
  } catch (error) {
    if (activityFailureCode(error) !== 'SLOT_UNAVAILABLE') throw error;
    moveTo('rejected');
    await condition(allHandlersFinished);
    return view();
  }

  const settled = await condition(() => status !== 'held', expiresAt.getTime() - Date.now());
  if (!settled) {
    // Settle before the activity runs, so a confirm arriving meanwhile is refused, not raced.
    moveTo('expired');
    await db.endHold({ reservationId: input.reservationId, outcome: 'expired' });
  }
  await condition(() => status !== 'confirming' && status !== 'releasing');
  await condition(allHandlersFinished);
  return view();
}
