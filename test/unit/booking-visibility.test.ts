import { bookingListScope, bookingVisibility, canSeeBooking, type BookingVisibility } from '../../src/domain/auth/booking-visibility';
import type { OrganizationRole } from '../../src/domain/auth/permissions';

describe('bookingVisibility', () => {
  it.each([
    // role, locationIds, userId, expected scope
    ['owner', undefined, 'u-1', { scope: 'all' }],
    ['admin', undefined, 'u-1', { scope: 'all' }],
    ['manager', undefined, 'u-1', { scope: 'all' }],
    // A membership's location limit narrows what it sees, whatever the role.
    ['owner', ['loc-a'], 'u-1', { scope: 'locations', locationIds: ['loc-a'] }],
    ['admin', ['loc-a'], 'u-1', { scope: 'locations', locationIds: ['loc-a'] }],
    ['manager', ['loc-a'], 'u-1', { scope: 'locations', locationIds: ['loc-a'] }],
    ['location_manager', undefined, 'u-1', { scope: 'all' }],
    ['location_manager', null, 'u-1', { scope: 'all' }],
    ['location_manager', ['loc-a', 'loc-b'], 'u-1', { scope: 'locations', locationIds: ['loc-a', 'loc-b'] }],
    ['staff', undefined, 'u-1', { scope: 'all' }],
    ['staff', ['loc-a'], 'u-1', { scope: 'locations', locationIds: ['loc-a'] }],
    ['staff', [], 'u-1', { scope: 'locations', locationIds: [] }],
    ['client', undefined, 'u-1', { scope: 'own', userId: 'u-1' }],
    ['client', ['loc-a'], 'u-1', { scope: 'own', userId: 'u-1' }],
    ['client', undefined, null, { scope: 'none' }], // e.g. an API key without a user
    // A provider holds booking:view_assigned but neither view_own nor any location permission.
    ['provider', undefined, 'u-1', { scope: 'none' }],
    ['provider', ['loc-a'], 'u-1', { scope: 'none' }],
  ] as const)('%s limited to %j, user %s → %j', (role, locationIds, userId, expected) => {
    expect(bookingVisibility({ role: role as OrganizationRole, locationIds, userId })).toEqual(expected);
  });
});

describe('canSeeBooking', () => {
  const atA = { locationId: 'loc-a', bookerUserId: 'u-1' };
  const atBByOther = { locationId: 'loc-b', bookerUserId: 'u-2' };
  const walkIn = { locationId: 'loc-a', bookerUserId: null };
  const observedByU1 = { locationId: 'loc-b', bookerUserId: 'u-2', participantUserIds: ['u-2', 'u-1'] };

  it.each([
    // visibility, booking, expected
    [{ scope: 'all' }, atBByOther, true],
    [{ scope: 'all' }, walkIn, true],
    [{ scope: 'locations', locationIds: ['loc-a'] }, atA, true],
    [{ scope: 'locations', locationIds: ['loc-a'] }, atBByOther, false],
    [{ scope: 'locations', locationIds: ['loc-a'] }, walkIn, true],
    [{ scope: 'locations', locationIds: [] }, atA, false],
    [{ scope: 'own', userId: 'u-1' }, atA, true],
    [{ scope: 'own', userId: 'u-1' }, atBByOther, false],
    [{ scope: 'own', userId: 'u-1' }, walkIn, false],
    [{ scope: 'own', userId: 'u-1' }, observedByU1, true],
    [{ scope: 'none' }, atA, false],
  ] as [BookingVisibility, { locationId: string; bookerUserId: string | null; participantUserIds?: string[] }, boolean][])('%j sees %j: %s', (visibility, booking, expected) => {
    expect(canSeeBooking(visibility, booking)).toBe(expected);
  });

  it('composes with bookingVisibility: a limited staff member sees only bookings at their location', () => {
    const visibility = bookingVisibility({ role: 'staff', locationIds: ['loc-a'], userId: 'u-9' });
    expect([atA, atBByOther, walkIn].map((booking) => canSeeBooking(visibility, booking))).toEqual([true, false, true]);
  });

  it('composes with bookingVisibility: a client sees only their own bookings', () => {
    const visibility = bookingVisibility({ role: 'client', userId: 'u-2' });
    expect([atA, atBByOther, walkIn].map((booking) => canSeeBooking(visibility, booking))).toEqual([false, true, false]);
  });
});

describe('bookingListScope', () => {
  it.each([
    [{ scope: 'none' }, undefined, { none: true }],
    [{ scope: 'own', userId: 'u-1' }, undefined, { none: false, ownUserId: 'u-1' }],
    [{ scope: 'own', userId: 'u-1' }, 'loc-a', { none: false, ownUserId: 'u-1', locationIds: ['loc-a'] }],
    [{ scope: 'locations', locationIds: ['loc-a', 'loc-b'] }, undefined, { none: false, locationIds: ['loc-a', 'loc-b'] }],
    [{ scope: 'locations', locationIds: ['loc-a'] }, 'loc-b', { none: false, locationIds: [] }],
    [{ scope: 'all' }, undefined, { none: false }],
    [{ scope: 'all' }, 'loc-b', { none: false, locationIds: ['loc-b'] }],
  ] as [BookingVisibility, string | undefined, object][])('%j asking for %s → %j', (visibility, location, expected) => {
    expect(bookingListScope(visibility, location)).toEqual(expected);
  });
});

describe('a provider member sees the bookings assigned to their provider', () => {
  const visibility = bookingVisibility({ role: 'provider', userId: 'u-7', providerId: 'bkb-ada' });

  it('scopes to the provider bookable', () => {
    expect(visibility).toEqual({ scope: 'assigned', bookableId: 'bkb-ada' });
    expect(bookingVisibility({ role: 'provider', userId: 'u-7' })).toEqual({ scope: 'none' });
    // Other roles keep their scopes even when linked to a provider.
    expect(bookingVisibility({ role: 'manager', userId: 'u-8', providerId: 'bkb-ada' })).toEqual({ scope: 'all' });
  });

  it.each([
    [['bkb-ada'], true],
    [['bkb-room', 'bkb-ada'], true],
    [['bkb-grace'], false],
    [undefined, false],
  ])('booking with bookables %j → %s', (bookableIds, expected) => {
    expect(canSeeBooking(visibility, { locationId: 'loc-a', bookerUserId: 'u-1', bookableIds })).toBe(expected);
  });

  it('lists only that bookable’s bookings', () => {
    expect(bookingListScope(visibility)).toEqual({ none: false, bookableId: 'bkb-ada' });
  });
});
