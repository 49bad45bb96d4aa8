import type { Knex } from 'knex';
import type { HoldClaimFields } from '../../domain/reservation/hold-claim';
import { DomainError } from '../../domain/shared/errors';
import { pgErrorCode, pgErrorCodes } from '../db-errors';
import { ReservationModel } from '../models/reservation.model';
import { recordBookingEvent, recordReservationEvent } from './domain-event.queries';
import { insertOnFreeUnits, lockBookableTime, unitsFor } from './allocation-units';
import { restoreHoldStoreCredit } from './store-credit.queries';
/** Everything needed to claim a hold: the reservation row and the bookable time it blocks. */
export type HoldClaim = HoldClaimFields<Date>;


/**
 * Claims every bookable's time for the hold in one transaction, or none of it. Holds that have
 * already expired are cleared first, so a late expiry timer never blocks a new customer. Running
 * it again for the same reservation returns the existing hold instead of claiming twice.
 */
export async function claimHold(db: Knex, claim: HoldClaim): Promise<ReservationModel> {
  try {
    return await db.transaction(async (trx) => {
      const existing = await ReservationModel.query(trx).findById(claim.reservationId);
      if (existing) return existing;

      await lockBookableTime(trx, claim.bookableIds);
      const period = trx.raw("tstzrange(?, ?, '[)')", [claim.blockedFrom, claim.blockedUntil]);
      await clearLapsedHolds(trx, claim.bookableIds, period);
      await assertDailyLimits(trx, claim);

      const reservation = await ReservationModel.query(trx).insertAndFetch({
        id: claim.reservationId,
        organizationId: claim.organizationId,
        locationId: claim.locationId,
        serviceTemplateId: claim.serviceTemplateId,
        serviceTemplateVersion: claim.serviceTemplateVersion,
        bookableIds: claim.bookableIds,
        bookerUserId: claim.bookerUserId,
        createdBy: claim.createdBy,
        status: 'held',
        startsAt: claim.startsAt,
        endsAt: claim.endsAt,
        timezone: claim.timezone,
        expiresAt: claim.expiresAt,
        workflowId: claim.workflowId,
        priceQuote: claim.priceQuote ?? null,
      });
      await insertOnFreeUnits(
        trx,
        // A group hold of several seats takes one unit per seat on each bookable.
        claim.bookableIds.flatMap((bookableId) => Array.from({ length: claim.seats ?? 1 }, () => bookableId)).map((bookableId) => ({
          organizationId: claim.organizationId,
          bookableId,
          period,
          kind: 'hold',
          reservationId: claim.reservationId,
          expiresAt: claim.expiresAt,
          appointmentStartsAt: claim.startsAt,
          serviceTemplateId: claim.serviceTemplateId,
        })),
        await unitsFor(trx, claim.bookableIds, { id: claim.serviceTemplateId, version: claim.serviceTemplateVersion }),
      );
      await recordReservationEvent(trx, { type: 'booking.reserved', reservationId: claim.reservationId, occurredAt: new Date() });
      return reservation;
    });
  } catch (error) {
    if (pgErrorCode(error) === pgErrorCodes.exclusionViolation) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That time is no longer available.', { startsAt: claim.startsAt.toISOString(), reason: 'busy' });
    }
    throw error;
  }
}

/**
 * Deletes holds on these bookables that overlap `period` and whose time is up, marking their
 * reservations expired: a hold whose expiry timer has not run yet must not block anyone.
 */
export async function clearLapsedHolds(trx: Knex.Transaction, bookableIds: readonly string[], period: Knex.Raw): Promise<void> {
  const cleared = await trx('allocations')
    .where('kind', 'hold')
    .where('expires_at', '<=', trx.fn.now())
    .whereIn('bookable_id', bookableIds as string[])
    .where(trx.raw('period && ?', [period]))
    .delete()
    .returning('reservation_id');
  const expiredIds = cleared.map((row: { reservationId: string }) => row.reservationId);
  if (expiredIds.length > 0) {
    await trx('reservations').whereIn('id', expiredIds).where('status', 'held').update({ status: 'expired', updatedAt: trx.fn.now() });
  }
}

/** What a confirmed hold becomes. */
export interface HoldConfirmation {
  reservationId: string;
  bookingId: string;
  bookingWorkflowId: string;
  confirmedBy: string;
  /** `pending` when the service needs manual approval; confirmed otherwise. */
  status?: 'pending' | 'confirmed';
  /** The id the booker gets as the booking's primary participant (absent in older reservations). */
  primaryParticipantId?: string;
}

/**
 * Turns a live hold into a booking in one transaction: the same allocation rows change from hold
 * to booking, so the time is never free in between. Idempotent: confirming again is a no-op.
 */
export async function confirmHold(db: Knex, confirmation: HoldConfirmation): Promise<void> {
  await db.transaction(async (trx) => {
    const reservation = await lockedReservation(trx, confirmation.reservationId);
    if (!reservation) throw new DomainError('NOT_FOUND', 'Reservation not found.');
    if (reservation.status === 'confirmed' && reservation.bookingId === confirmation.bookingId) return;

    const converted = await trx('allocations')
      .where({ reservationId: confirmation.reservationId, kind: 'hold' })
      .where('expires_at', '>', trx.fn.now())
      .update({ kind: 'booking', bookingId: confirmation.bookingId, expiresAt: null })
      .returning('bookable_id');
    if (reservation.status !== 'held' || converted.length !== reservation.bookableIds.length) {
      throw new DomainError('RESERVATION_NOT_HELD', 'The hold has expired or was released.', { status: reservation.status });
    }

    await trx('bookings').insert({
      id: confirmation.bookingId,
      organizationId: reservation.organizationId,
      locationId: reservation.locationId,
      serviceTemplateId: reservation.serviceTemplateId,
      serviceTemplateVersion: reservation.serviceTemplateVersion,
      reservationId: reservation.id,
      bookerUserId: reservation.bookerUserId,
      createdBy: confirmation.confirmedBy,
      status: confirmation.status ?? 'confirmed',
      startsAt: reservation.startsAt,
      endsAt: reservation.endsAt,
      timezone: reservation.timezone,
      workflowId: confirmation.bookingWorkflowId,
      priceQuote: reservation.priceQuote ? JSON.stringify(reservation.priceQuote) : null,
    });
    await trx('booking_bookables').insert(
      reservation.bookableIds.map((bookableId) => ({ bookingId: confirmation.bookingId, organizationId: reservation.organizationId, bookableId })),
    );
    if (confirmation.primaryParticipantId && reservation.bookerUserId) {
      const booker = await trx('users').where({ id: reservation.bookerUserId }).first('email', 'name');
      await trx('booking_participants').insert({
        id: confirmation.primaryParticipantId,
        organizationId: reservation.organizationId,
        bookingId: confirmation.bookingId,
        userId: reservation.bookerUserId,
        email: booker?.email ?? null,
        name: booker?.name ?? null,
        role: 'primary',
        addedBy: confirmation.confirmedBy,
      });
    }
    await trx('reservations')
      .where('id', reservation.id)
      .update({ status: 'confirmed', bookingId: confirmation.bookingId, updatedAt: trx.fn.now() });
    const occurredAt = new Date();
    await recordBookingEvent(trx, { type: 'booking.created', bookingId: confirmation.bookingId, dedupeKey: 'created', occurredAt });
    if ((confirmation.status ?? 'confirmed') === 'confirmed') await recordBookingEvent(trx, { type: 'booking.confirmed', bookingId: confirmation.bookingId, dedupeKey: 'created', occurredAt });
  });
}

/** Frees a hold's time and records why (released by its holder, or expired). Idempotent. */
export async function endHold(db: Knex, reservationId: string, outcome: 'released' | 'expired'): Promise<void> {
  await db.transaction(async (trx) => {
    await trx('allocations').where({ reservationId, kind: 'hold' }).delete();
    await trx('reservations').where({ id: reservationId, status: 'held' }).update({ status: outcome, updatedAt: trx.fn.now() });
    if (outcome === 'expired') await recordReservationEvent(trx, { type: 'booking.expired', reservationId, occurredAt: new Date() });
    // Store credit that paid a hold which never became a booking goes back with the slot.
    await restoreHoldStoreCredit(trx, reservationId);
  });
}

/** Moves a live hold's expiry (reservation and allocations together); RESERVATION_NOT_HELD once it lapsed. Idempotent. */
export async function extendHoldRecord(db: Knex, reservationId: string, expiresAt: Date): Promise<void> {
  await db.transaction(async (trx) => {
    const reservation = await lockedReservation(trx, reservationId);
    if (!reservation || reservation.status !== 'held') throw new DomainError('RESERVATION_NOT_HELD', 'The hold has expired or was released.', { status: reservation?.status });
    if (reservation.expiresAt.getTime() === expiresAt.getTime()) return;
    const moved = await trx('allocations').where({ reservationId, kind: 'hold' }).where('expires_at', '>', trx.fn.now()).update({ expiresAt }).returning('id');
    if (moved.length !== reservation.bookableIds.length) throw new DomainError('RESERVATION_NOT_HELD', 'The hold has expired.', { status: 'expired' });
    await trx('reservations').where({ id: reservationId }).update({ expiresAt, updatedAt: trx.fn.now() });
  });
}

/**
 * The reservation, locked for this transaction after its bookables' time: writers of a bookable's
 * time take that lock before any reservation row (a claim expires lapsed holds), so no two wait on each other.
 */
async function lockedReservation(trx: Knex.Transaction, reservationId: string): Promise<ReservationModel | undefined> {
  const row = await trx('reservations').where({ id: reservationId }).first('bookable_ids');
  if (!row) return undefined;
  await lockBookableTime(trx, row.bookableIds);
  return ReservationModel.query(trx).findById(reservationId).forUpdate();
}

/**
 * Counts the bookings and live holds of each day the hold counts against again, under a lock per
 * limit and day, and refuses the claim when one is full: two holds racing for a provider's last
 * booking of the day cannot both pass the planner's count. Locks are taken in one order (no deadlock).
 */
async function assertDailyLimits(trx: Knex.Transaction, claim: HoldClaim): Promise<void> {
  const limits = [...(claim.dailyLimits ?? [])].map((limit) => ({ ...limit, key: `daily:${limit.scope}:${limit.id}:${limit.from.toISOString()}` })).sort((a, b) => (a.key < b.key ? -1 : 1));
  for (const limit of limits) {
    await trx.raw('SELECT pg_advisory_xact_lock(hashtext(?))', [limit.key]);
    const bookable = limit.scope === 'bookable';
    const { rows } = await trx.raw(
      `select count(*)::int as n from (
         select b.id from bookings b
          where b.organization_id = :org and b.starts_at >= :from and b.starts_at < :until and b.status not in ('cancelled', 'expired')
            and ${bookable ? 'exists (select 1 from booking_bookables l where l.booking_id = b.id and l.bookable_id = :id)' : 'b.service_template_id = :id'}
         union all
         select r.id from reservations r
          where r.organization_id = :org and r.starts_at >= :from and r.starts_at < :until and r.status = 'held' and r.expires_at > now()
            and ${bookable ? ':id = any(r.bookable_ids)' : 'r.service_template_id = :id'}
       ) taken`,
      { org: claim.organizationId, from: limit.from, until: limit.until, id: limit.id },
    );
    if (rows[0].n >= limit.limit) {
      throw new DomainError('SLOT_UNAVAILABLE', 'That day is fully booked.', { reason: 'daily_limit', ...(bookable ? { bookableId: limit.id } : { serviceTemplateId: limit.id }), limit: limit.limit });
    }
  }
}

