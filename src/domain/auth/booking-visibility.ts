import { isAllowed, type MemberAccess } from './permissions';

/** Which bookings a member may see: all of the organization's, those at some locations, their own, or none. */
export type BookingVisibility =
  | { scope: 'all' }
  | { scope: 'locations'; locationIds: readonly string[] }
  | { scope: 'own'; userId: string }
  | { scope: 'none' };

/** Decides a member's booking visibility from their role and location limits (spec §6). */
export function bookingVisibility(access: MemberAccess & { userId: string | null }): BookingVisibility {
  if (isAllowed(access, ['booking:manage_org'])) return { scope: 'all' };
  const byLocation = isAllowed({ role: access.role }, ['booking:manage_location', 'booking:view_location']);
  if (byLocation) return access.locationIds ? { scope: 'locations', locationIds: access.locationIds } : { scope: 'all' };
  if (access.userId && isAllowed(access, ['booking:view_own'])) return { scope: 'own', userId: access.userId };
  return { scope: 'none' };
}

/** Whether a member may see one booking. */
export function canSeeBooking(visibility: BookingVisibility, booking: { locationId: string; bookerUserId: string | null }): boolean {
  switch (visibility.scope) {
    case 'all':
      return true;
    case 'locations':
      return visibility.locationIds.includes(booking.locationId);
    case 'own':
      return booking.bookerUserId === visibility.userId;
    case 'none':
      return false;
  }
}
