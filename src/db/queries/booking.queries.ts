import type { Knex } from 'knex';
import type { BookingStatus } from '../../domain/booking/booking-status';
import type { RefundDecision } from '../../domain/cancellation/refund-decision';
import { BookingModel } from '../models/booking.model';
import { appendBookingEvent } from './booking-lifecycle.queries';
import { recordBookingEvent } from './domain-event.queries';
import { recordCompensation } from './compensation.queries';
import { compensationForCancellation } from '../../domain/compensation/provider-compensation';

/** Who cancelled a booking and why. */
export interface BookingCancellation {
  bookingId: string;
  cancelledBy: string;
  reason: string | null;
  cancelledAt: Date;
  /** The status it was cancelled from and the update that did it (for the audit trail); absent in old histories. */
  fromStatus?: BookingStatus;
  dedupeKey?: string;
  /** What the cancellation means for the client's money (absent in old histories). */
  refund?: RefundDecision;
}

/** Records a cancellation, frees the booking's time and writes the audit line, in one transaction. Idempotent. */
export async function cancelBookingRecord(db: Knex, cancellation: BookingCancellation): Promise<void> {
  await db.transaction(async (trx) => {
    if (cancellation.fromStatus) {
      await appendBookingEvent(trx, {
        bookingId: cancellation.bookingId,
        event: 'cancel',
        fromStatus: cancellation.fromStatus,
        toStatus: 'cancelled',
        actor: cancellation.cancelledBy,
        reason: cancellation.reason,
        details: cancellation.refund ? { refund: cancellation.refund } : null,
        occurredAt: cancellation.cancelledAt,
        dedupeKey: cancellation.dedupeKey ?? 'cancel',
      });
    }
    await trx('allocations').where({ bookingId: cancellation.bookingId }).delete();
    await trx('bookings').where({ id: cancellation.bookingId }).whereNot('status', 'cancelled').update({
      status: 'cancelled',
      cancelledAt: cancellation.cancelledAt,
      cancelledBy: cancellation.cancelledBy,
      cancellationReason: cancellation.reason,
      cancellationDecision: cancellation.refund ? JSON.stringify(cancellation.refund) : null,
      cancellationRequest: null,
      updatedAt: trx.fn.now(),
    });
    // The provider is owed what the template says for this party and these hours (once per cancellation).
    const refund = cancellation.refund;
    if (refund?.party) {
      await recordCompensation(trx, { id: cancellation.bookingId, actor: cancellation.cancelledBy, dedupeKey: cancellation.dedupeKey ?? 'cancel' }, (rules, expectedAmount) =>
        compensationForCancellation({ party: refund.party!, hoursBeforeStart: refund.hoursBeforeStart, expectedAmount, rules }),
      );
    }
    await recordBookingEvent(trx, {
      type: 'booking.cancelled',
      bookingId: cancellation.bookingId,
      dedupeKey: cancellation.dedupeKey ?? 'cancel',
      occurredAt: cancellation.cancelledAt,
      extra: { cancellation: { cancelledBy: cancellation.cancelledBy, reason: cancellation.reason, refund: cancellation.refund ?? null } },
    });
  });
}

/** A booking as the API shows it: the projection row plus its bookables and the users taking part. */
export interface BookingRecord extends BookingModel {
  bookableIds: string[];
  participantUserIds: string[];
}

/** One booking of one organization, or undefined. */
export async function findBooking(db: Knex, organizationId: string, bookingId: string): Promise<BookingRecord | undefined> {
  const booking = await BookingModel.query(db).findOne({ organizationId, id: bookingId });
  if (!booking) return undefined;
  const [bookables, participants] = await Promise.all([
    db('booking_bookables').where({ bookingId }).select('bookable_id').orderBy('bookable_id'),
    db('booking_participants').where({ bookingId, status: 'active' }).whereNotNull('user_id').select('user_id'),
  ]);
  return Object.assign(booking, {
    bookableIds: bookables.map((row: { bookableId: string }) => row.bookableId),
    participantUserIds: participants.map((row: { userId: string }) => row.userId),
  });
}

/** Filters for listing an organization's bookings. */
export interface BookingListFilter {
  organizationId: string;
  /** Bookings this user booked or takes part in (a client's own). */
  ownUserId?: string;
  bookableId?: string;
  /** Bookings this user booked or takes part in (a filter anyone who sees the bookings may use). */
  participantUserId?: string;
  locationIds?: readonly string[];
  status?: BookingStatus;
  from?: Date;
  to?: Date;
  limit: number;
  after?: { startsAt: Date; id: string };
}

/** A page of bookings ordered by start time, then id (keyset pagination). */
export async function listBookings(db: Knex, filter: BookingListFilter): Promise<BookingModel[]> {
  const query = BookingModel.query(db).where('organization_id', filter.organizationId);
  for (const userId of [filter.ownUserId, filter.participantUserId]) {
    if (!userId) continue;
    query.where((own) =>
      own.where('booker_user_id', userId).orWhereExists((sub) => sub.select(db.raw('1')).from('booking_participants').whereRaw('booking_participants.booking_id = bookings.id').where({ 'booking_participants.user_id': userId, 'booking_participants.status': 'active' })),
    );
  }
  if (filter.bookableId) query.whereExists((sub) => sub.select(db.raw('1')).from('booking_bookables').whereRaw('booking_bookables.booking_id = bookings.id').where('booking_bookables.bookable_id', filter.bookableId!));
  if (filter.locationIds) query.whereIn('location_id', filter.locationIds as string[]);
  if (filter.status) query.where('status', filter.status);
  if (filter.from) query.where('ends_at', '>', filter.from);
  if (filter.to) query.where('starts_at', '<', filter.to);
  if (filter.after) query.whereRaw('(starts_at, id) > (?, ?)', [filter.after.startsAt, filter.after.id]);
  return query.orderBy([{ column: 'starts_at' }, { column: 'id' }]).limit(filter.limit);
}

/** When a client failed to show up for bookings of one organization (for no-show bans). */
export async function noShowTimes(db: Knex, organizationId: string, bookerUserId: string): Promise<Date[]> {
  const rows: Array<{ noShowAt: Date }> = await db('bookings').where({ organizationId, bookerUserId, status: 'no_show' }).whereNotNull('no_show_at').select('no_show_at');
  return rows.map((row) => row.noShowAt);
}
