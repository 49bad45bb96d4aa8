import { isAllowed, type MemberAccess } from './permissions';

/** Which bookings a member may see: all of the organization's, those at some locations, their own, or none. */
export type BookingVisibility =
  | { scope: 'all' }
  | { scope: 'locations'; locationIds: readonly string[] }
  | { scope: 'own'; userId: string }
  | { scope: 'assigned'; bookableId: string }
  | { scope: 'none' };

/**
 * Decides a member's booking visibility from their role and location limits (spec §6). A membership
 * limited to some locations sees only those locations' bookings, whatever its role.
 */
export function bookingVisibility(access: MemberAccess & { userId: string | null; providerId?: string | null }): BookingVisibility {
  const seesBookingsOfOthers = isAllowed({ role: access.role }, ['booking:manage_org', 'booking:manage_location', 'booking:view_location']);
  if (seesBookingsOfOthers) return access.locationIds ? { scope: 'locations', locationIds: access.locationIds } : { scope: 'all' };
  if (access.providerId && isAllowed(access, ['booking:view_assigned'])) return { scope: 'assigned', bookableId: access.providerId };
  if (access.userId && isAllowed(access, ['booking:view_own'])) return { scope: 'own', userId: access.userId };
  return { scope: 'none' };
}

/** Whether a member may see one booking: their own are those they booked or take part in. */
export function canSeeBooking(visibility: BookingVisibility, booking: { locationId: string; bookerUserId: string | null; bookableIds?: readonly string[]; participantUserIds?: readonly string[] }): boolean {
  switch (visibility.scope) {
    case 'all':
      return true;
    case 'locations':
      return visibility.locationIds.includes(booking.locationId);
    case 'own':
      return booking.bookerUserId === visibility.userId || (booking.participantUserIds?.includes(visibility.userId) ?? false);
    case 'assigned':
      return booking.bookableIds?.includes(visibility.bookableId) ?? false;
    case 'none':
      return false;
  }
}

/** How a bookings list is narrowed for a member: no rows at all, or these filters (undefined = no limit). */
export type BookingListScope = { none: true } | { none: false; ownUserId?: string; locationIds?: readonly string[]; bookableId?: string };

/** Turns visibility (and an optional requested location) into list filters; a member who sees none gets none. */
export function bookingListScope(visibility: BookingVisibility, requestedLocationId?: string): BookingListScope {
  switch (visibility.scope) {
    case 'none':
      return { none: true };
    case 'own':
      return { none: false, ownUserId: visibility.userId, ...(requestedLocationId ? { locationIds: [requestedLocationId] } : {}) };
    case 'locations':
      return { none: false, locationIds: requestedLocationId ? visibility.locationIds.filter((id) => id === requestedLocationId) : visibility.locationIds };
    case 'all':
      return { none: false, ...(requestedLocationId ? { locationIds: [requestedLocationId] } : {}) };
    case 'assigned':
      return { none: false, bookableId: visibility.bookableId, ...(requestedLocationId ? { locationIds: [requestedLocationId] } : {}) };
  }
}
