/**
 * Roles and permissions of spec §6, as data. A role holds its own permissions plus those of the roles
 * it inherits; `owner` holds everything. Permissions ending in `_location` apply only inside the
 * locations a membership is limited to (no limit means every location).
 */
export const organizationRoles = ['client', 'staff', 'provider', 'location_manager', 'manager', 'admin', 'owner'] as const;

/** A member's role in one organization. */
export type OrganizationRole = (typeof organizationRoles)[number];

/** Every permission the platform checks. */
export const permissions = [
  'booking:create',
  'booking:view_own',
  'booking:cancel_own',
  'booking:reschedule_own',
  'booking:view_location',
  'booking:create_walkin',
  'booking:check_in',
  'client:view',
  'booking:view_assigned',
  'booking:update_assigned',
  'availability:manage_own',
  'timesheet:view_own',
  'booking:manage_location',
  'provider:manage_location',
  'asset:manage_location',
  'report:view_location',
  'schedule:manage_location',
  'booking:manage_org',
  'provider:manage_org',
  'service_template:manage',
  'report:view_org',
  'setting:view',
  'org:manage',
  'user:manage',
  'billing:manage',
  'integration:manage',
  'setting:manage',
  'audit:view',
  // Held by no role but owner ('*'): closing an organization down.
  'org:delete',
] as const;

/** One permission. */
export type Permission = (typeof permissions)[number];

interface RoleDefinition {
  permissions: readonly Permission[] | '*';
  inherits: readonly OrganizationRole[];
}

/** The permission map of spec §6; `inherits` makes a manager able to do what a location manager can. */
export const roleDefinitions: Readonly<Record<OrganizationRole, RoleDefinition>> = {
  client: {
    permissions: ['booking:create', 'booking:view_own', 'booking:cancel_own', 'booking:reschedule_own'],
    inherits: [],
  },
  staff: {
    permissions: ['booking:view_location', 'booking:create_walkin', 'booking:check_in', 'client:view'],
    inherits: [],
  },
  provider: {
    permissions: ['booking:view_assigned', 'booking:update_assigned', 'booking:check_in', 'availability:manage_own', 'timesheet:view_own'],
    inherits: [],
  },
  location_manager: {
    permissions: ['booking:manage_location', 'provider:manage_location', 'asset:manage_location', 'report:view_location', 'schedule:manage_location'],
    inherits: ['staff'],
  },
  manager: {
    permissions: ['booking:manage_org', 'provider:manage_org', 'service_template:manage', 'report:view_org', 'setting:view'],
    inherits: ['location_manager'],
  },
  admin: {
    permissions: ['org:manage', 'user:manage', 'billing:manage', 'integration:manage', 'setting:manage', 'audit:view'],
    inherits: ['manager'],
  },
  owner: { permissions: '*', inherits: [] },
};

/** Every permission a role holds, its inherited ones included. */
export function permissionsOf(role: OrganizationRole): ReadonlySet<Permission> {
  const definition = roleDefinitions[role];
  if (definition.permissions === '*') return new Set(permissions);
  const held = new Set<Permission>(definition.permissions);
  for (const parent of definition.inherits) for (const permission of permissionsOf(parent)) held.add(permission);
  return held;
}

/** What a member may do, and where: `locationIds` undefined means every location of the organization. */
export interface MemberAccess {
  role: OrganizationRole;
  locationIds?: readonly string[] | null;
}

/**
 * Whether the member holds any of `anyOf`. A `_location` permission only counts when the target
 * location is among the member's locations; for a read of the whole organization (`orgWideRead`,
 * e.g. a list whose rows are filtered afterwards) a location-limited member's permission counts too.
 */
export function isAllowed(access: MemberAccess, anyOf: readonly Permission[], target: { locationId?: string | null; orgWideRead?: boolean } = {}): boolean {
  const held = permissionsOf(access.role);
  return anyOf.some((permission) => {
    if (!held.has(permission)) return false;
    if (!permission.endsWith('_location') || !access.locationIds) return true;
    if (target.locationId == null) return target.orgWideRead === true;
    return access.locationIds.includes(target.locationId);
  });
}
