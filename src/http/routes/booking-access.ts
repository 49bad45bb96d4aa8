import type { Knex } from 'knex';
import type { ParameterizedContext } from 'koa';
import { bookingVisibility, canSeeBooking } from '../../domain/auth/booking-visibility';
import { isAllowed } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import { findBooking, type BookingRecord } from '../../db/queries/booking.queries';
import type { AppState } from '../app-state';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');

/** The booking if the caller may see it (its booker, or staff whose locations include it); otherwise 404. */
export async function visibleBooking(db: Knex, ctx: ParameterizedContext<AppState>, id: string): Promise<BookingRecord> {
  const access = ctx.state.access!;
  const booking = await findBooking(db, access.organizationId, id);
  if (!booking || !canSeeBooking(bookingVisibility(access), booking)) throw notFound();
  return booking;
}

/**
 * The booking if the caller may change it as its booker (the `_own` permissions) or as someone who
 * manages bookings at its location (with `assigned`, also as the provider member it is assigned to);
 * a client acting on another's booking gets 404.
 */
export async function ownOrManagedBooking(db: Knex, ctx: ParameterizedContext<AppState>, id: string, opts: { assigned?: boolean } = {}): Promise<BookingRecord> {
  const booking = await visibleBooking(db, ctx, id);
  const access = ctx.state.access!;
  const manages = isAllowed(access, ['booking:manage_org', 'booking:manage_location'], { locationId: booking.locationId });
  const assigned = opts.assigned === true && access.providerId !== null && booking.bookableIds.includes(access.providerId) && isAllowed(access, ['booking:update_assigned']);
  if (!manages && !assigned && booking.bookerUserId !== access.userId) throw notFound();
  return booking;
}
