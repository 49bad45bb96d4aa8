import type { OrganizationRole } from '../domain/auth/permissions';

/** Who is calling: a signed-in user, or an API key that acts inside one organization with one role. */
export type Principal =
  | { kind: 'user'; userId: string; email: string; actorId: string }
  | { kind: 'api_key'; apiKeyId: string; organizationId: string; role: OrganizationRole; actorId: string };

/** The caller's standing in one organization, once it has been checked. */
export interface OrganizationAccess {
  organizationId: string;
  role: OrganizationRole;
  locationIds: readonly string[] | null;
  /** The provider bookable this member is (for the provider role's `booking:*_assigned` permissions). */
  providerId: string | null;
  /** The user acting, when a person is acting (null for API keys). */
  userId: string | null;
  /** Recorded as who did something: `user:usr_…` or `api_key:key_…`. */
  actorId: string;
}
