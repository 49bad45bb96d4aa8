import { isAllowed, organizationRoles, permissions, permissionsOf, type OrganizationRole, type Permission } from '../../src/domain/auth/permissions';

// Written from spec §6 (RolePermissions), with the inheritance chain
// admin ⊇ manager ⊇ location_manager ⊇ staff, and owner = '*'.
const clientOwn: Permission[] = ['booking:create', 'booking:view_own', 'booking:cancel_own', 'booking:reschedule_own'];
const staffOwn: Permission[] = ['booking:view_location', 'booking:create_walkin', 'booking:check_in', 'client:view'];
const providerOwn: Permission[] = ['booking:view_assigned', 'booking:update_assigned', 'booking:check_in', 'availability:manage_own', 'timesheet:view_own'];
const locationManagerOwn: Permission[] = ['booking:manage_location', 'provider:manage_location', 'asset:manage_location', 'report:view_location', 'schedule:manage_location'];
const managerOwn: Permission[] = ['booking:manage_org', 'provider:manage_org', 'service_template:manage', 'report:view_org', 'setting:view'];
const adminOwn: Permission[] = ['org:manage', 'user:manage', 'billing:manage', 'integration:manage', 'setting:manage', 'audit:view'];

const expectedHeld: Record<OrganizationRole, Permission[]> = {
  client: clientOwn,
  staff: staffOwn,
  provider: providerOwn,
  location_manager: [...locationManagerOwn, ...staffOwn],
  manager: [...managerOwn, ...locationManagerOwn, ...staffOwn],
  admin: [...adminOwn, ...managerOwn, ...locationManagerOwn, ...staffOwn],
  // Only the owner may close the organization down (org:delete, held by no other role).
  owner: [...clientOwn, ...staffOwn, ...providerOwn, ...locationManagerOwn, ...managerOwn, ...adminOwn, 'org:delete'],
};
const sorted = (list: Iterable<Permission>) => [...new Set(list)].sort();

describe('permissionsOf (spec §6 map)', () => {
  it('covers the seven roles and 29 permissions', () => {
    expect([...organizationRoles].sort()).toEqual(Object.keys(expectedHeld).sort());
    expect(permissions).toHaveLength(29);
    expect(sorted(expectedHeld.owner)).toEqual(sorted(permissions));
  });

  it.each(organizationRoles.map((role) => [role, sorted(expectedHeld[role]).length] as const))('%s holds exactly its %i expected permissions', (role) => {
    expect(sorted(permissionsOf(role))).toEqual(sorted(expectedHeld[role]));
  });

  // Every (role, permission) cell, so a single wrong grant shows up by name.
  const cells = organizationRoles.flatMap((role) => permissions.map((permission) => [role, permission, expectedHeld[role].includes(permission)] as const));
  it.each(cells)('%s has %s: %s', (role, permission, held) => {
    expect(permissionsOf(role).has(permission)).toBe(held);
  });

  it('gives a client exactly create, view_own, cancel_own and reschedule_own', () => {
    expect(sorted(permissionsOf('client'))).toEqual(['booking:cancel_own', 'booking:create', 'booking:reschedule_own', 'booking:view_own']);
  });

  it.each([...managerOwn, ...adminOwn, ...locationManagerOwn, 'booking:view_location', 'client:view'] as Permission[])('a provider does not get %s', (permission) => {
    expect(permissionsOf('provider').has(permission)).toBe(false);
  });

  it.each([
    ['admin', 'manager'],
    ['manager', 'location_manager'],
    ['location_manager', 'staff'],
  ] as const)('%s holds everything %s holds', (role, parent) => {
    const held = permissionsOf(role);
    expect([...permissionsOf(parent)].filter((p) => !held.has(p))).toEqual([]);
    expect(held.size).toBeGreaterThan(permissionsOf(parent).size);
  });

  it('does not let staff manage anything', () => {
    expect([...permissionsOf('staff')].filter((p) => p.includes('manage'))).toEqual([]);
  });
});

describe('isAllowed', () => {
  it.each([
    // label, access, anyOf, target, expected
    ['client may create a booking', { role: 'client' }, ['booking:create'], {}, true],
    ['client may not view the location', { role: 'client' }, ['booking:view_location'], {}, false],
    ['any-of: one held permission is enough', { role: 'client' }, ['org:manage', 'booking:cancel_own'], {}, true],
    ['any-of: an empty list allows nothing', { role: 'owner' }, [], {}, false],
    ['owner may do anything', { role: 'owner' }, ['audit:view'], {}, true],
    ['provider may not manage the org', { role: 'provider' }, ['booking:manage_org'], {}, false],
    // location-scoped permissions
    ['unlimited location manager, any location', { role: 'location_manager' }, ['booking:manage_location'], { locationId: 'loc-b' }, true],
    ['null limit means every location', { role: 'location_manager', locationIds: null }, ['booking:manage_location'], { locationId: 'loc-b' }, true],
    ['unlimited, no target location', { role: 'location_manager' }, ['booking:manage_location'], {}, true],
    ['limited, inside its location', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:manage_location'], { locationId: 'loc-a' }, true],
    ['limited, outside its locations', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:manage_location'], { locationId: 'loc-b' }, false],
    ['limited, no target location', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:manage_location'], {}, false],
    ['limited, reading the whole organization', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:view_location'], { orgWideRead: true }, true],
    ['limited, an org-wide read still needs the permission', { role: 'client', locationIds: ['loc-a'] }, ['booking:view_location'], { orgWideRead: true }, false],
    ['limited, a located read stays scoped', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:view_location'], { locationId: 'loc-b', orgWideRead: true }, false],
    ['limited, null target location', { role: 'location_manager', locationIds: ['loc-a'] }, ['booking:manage_location'], { locationId: null }, false],
    ['limited to no locations at all', { role: 'staff', locationIds: [] }, ['booking:view_location'], { locationId: 'loc-a' }, false],
    ['limited, several locations', { role: 'staff', locationIds: ['loc-a', 'loc-c'] }, ['booking:view_location'], { locationId: 'loc-c' }, true],
    ['limited staff: a non-_location permission is not scoped', { role: 'staff', locationIds: ['loc-a'] }, ['booking:check_in'], { locationId: 'loc-b' }, true],
    ['limited manager: inherited _location permission is scoped', { role: 'manager', locationIds: ['loc-a'] }, ['booking:manage_location'], { locationId: 'loc-b' }, false],
    ['limited manager: org permission is not scoped', { role: 'manager', locationIds: ['loc-a'] }, ['booking:manage_org'], { locationId: 'loc-b' }, true],
    ['limited: scoped one fails but an unscoped one in anyOf passes', { role: 'manager', locationIds: ['loc-a'] }, ['booking:manage_location', 'booking:manage_org'], { locationId: 'loc-b' }, true],
    ['limited owner: _location permissions are still scoped', { role: 'owner', locationIds: ['loc-a'] }, ['schedule:manage_location'], { locationId: 'loc-b' }, false],
  ] as const)('%s → %s', (_label, access, anyOf, target, expected) => {
    expect(isAllowed(access, anyOf, target)).toBe(expected);
  });
});
