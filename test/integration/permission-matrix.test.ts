import { endpoints } from '../../src/http/openapi/endpoints';
import { request, signUp, type ApiResponse } from '../support/http-client';
import {
  addMembership,
  approvalTemplate,
  bookAndProgress,
  blockBody,
  book,
  buildWorld,
  createApiKey,
  createAsset,
  createBlock,
  createLocation,
  createOrganization,
  createOverride,
  createProvider,
  createTemplate,
  hold,
  mapLimit,
  principalLabel,
  principals,
  snapshot,
  unique,
  type Principal,
  type TableState,
  type World,
} from '../support/permission-fixtures';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Role × endpoint permission matrix (spec §6). One organization has a member of every role (the
 * location manager limited to location A) and an API key acting as a manager; a second organization
 * is another tenant. Each row of TABLE is an endpoint of the OpenAPI registry; each variant a target
 * (location A or B, a draft, someone else's booking, another organization's row…) with the outcome
 * expected for every caller:
 *
 *   Y  allowed: the endpoint's documented success status (2xx), the body being valid
 *   F  403 FORBIDDEN: a member without the permission (or outside their locations)
 *   N  404 NOT_FOUND: what the caller may not even see (another tenant's rows, always; drafts and
 *      other people's bookings for those who only see their own)
 *
 * Semantics the table encodes (spec §6 permission map, roles inheriting as in permissions.ts):
 * - clients read what is bookable (locations, bookables, calendars, active templates, availability),
 *   hold and confirm slots, and see or cancel only their own reservations and bookings;
 * - staff see the catalogue, members and every booking of their locations, but do not book or configure;
 * - providers see the catalogue (booking:view_assigned) but not availability or bookings lists, which
 *   the registry does not grant to booking:view_assigned;
 * - a location manager limited to A is a member of the organization: organization-wide reads (the
 *   organization, its lists, active templates) are allowed; rows located at B (a location, bookable,
 *   calendar, reservation or booking there) are 403; it configures, books and cancels only at A, and a
 *   calendar belongs where its bookable now is (a provider moved from A to B is no longer A's);
 * - managers configure everything (locations, bookables, calendars, templates) and manage bookings;
 * - admins also change the organization, its members and API keys; only owners add owners or delete it;
 * - an API key acts with its role (manager here) in its own organization only.
 *
 * Each mutating cell expected to succeed gets fresh rows (or sends a no-op-safe body, such as a
 * location's own name); the cells expected to be refused share one row per target. Reads run in
 * parallel; refused mutations run one at a time between two snapshots of every organization-scoped
 * table of this file's organizations, which must be equal; allowed mutations run last.
 */

const Y = 'ok' as const;
const F = 403 as const;
const N = 404 as const;
type Outcome = typeof Y | typeof F | typeof N;
/** One outcome per caller, in the order of `principals`: client, staff, provider, location_manager(A), manager, admin, owner, api_key. */
type Outcomes = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

const ALL: Outcomes = [Y, Y, Y, Y, Y, Y, Y, Y];
const HIDDEN: Outcomes = [N, N, N, N, N, N, N, N];

/** What one cell sends: path parameters, query, body, and (rarely) another token for the caller. */
interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
}

interface Ctx {
  w: World;
  app: TestApp;
}

interface Variant {
  target: string;
  outcomes: Outcomes;
  /** `allowed`: whether this cell is expected to succeed (and so must consume rows of its own). */
  request(w: World, who: Principal, allowed: boolean): Promise<Req> | Req;
  /** More to check on an allowed answer. */
  checkAllowed?(response: ApiResponse, w: World, who: Principal): void;
  /** More to check on a refused mutation, beyond the organizations' tables being unchanged. */
  checkRefused?(ctx: Ctx, req: Req): Promise<void>;
}

/**
 * Rows a mutating cell uses up (a hold to confirm, a key to revoke…): every cell expected to succeed
 * gets a new one; the cells expected to be refused share one, which each of them must leave exactly
 * as it was (checked by the snapshots around every refused mutation).
 */
function consumable<T>(create: (w: World) => Promise<T>): (w: World, allowed: boolean) => Promise<T> {
  const shared = new Map<World, Promise<T>>();
  return (w, allowed) => {
    if (allowed) return create(w);
    if (!shared.has(w)) shared.set(w, create(w));
    return shared.get(w)!;
  };
}

/** An organization to close, with the matrix's users in it with the same roles (and its own manager API key). */
const doomedOrganization = consumable(async (w) => {
  const orgId = await createOrganization(w.owner, unique('Doomed'));
  w.orgIds.push(orgId);
  const location = await createLocation(w.owner, orgId);
  const [apiKey] = await Promise.all([
    createApiKey(w.owner, orgId, 'manager'),
    ...(['client', 'staff', 'provider', 'manager', 'admin'] as const).map((role) => addMembership(w.owner, orgId, w.org.users[role], role)),
    addMembership(w.owner, orgId, w.org.users.location_manager, 'location_manager', [location.id]),
  ]);
  return { orgId, apiKeySecret: apiKey.secret };
});

const newcomer = consumable((w) => signUp(w.baseUrl, 'Matrix Newcomer'));
const coOwner = consumable((w) => signUp(w.baseUrl, 'Matrix Co-owner'));

const spareKey = consumable((w) => createApiKey(w.owner, w.org.id, 'client'));
const providerAtA = consumable((w) => createProvider(w.owner, w.org.id, w.org.locA.id));
const assetAtB = consumable((w) => createAsset(w.owner, w.org.id, w.org.locB.id));
const providerToMove = consumable((w) => createProvider(w.owner, w.org.id, w.org.locA.id));
const overrideAt = (at: 'providerA' | 'providerB') => consumable(async (w) => ({ calendarId: w.org[at].calendarId, id: await createOverride(w.owner, w.org[at].calendarId, w.days.next()) }));
const blockAt = (at: 'providerA' | 'providerB') => consumable(async (w) => ({ calendarId: w.org[at].calendarId, id: await createBlock(w.owner, w.org[at].calendarId, w.days.next()) }));
const overrideAtA = overrideAt('providerA');
const overrideAtB = overrideAt('providerB');
const blockAtA = blockAt('providerA');
const blockAtB = blockAt('providerB');
const templateToRevise = consumable((w) => createTemplate(w.owner, w.org.id));
const templateToDelete = consumable((w) => createTemplate(w.owner, w.org.id));

const otherOrg = (request: Variant['request']): Variant => ({ target: 'another organization', outcomes: HIDDEN, request });

const ids = (response: ApiResponse) => (response.body.data as { id: string }[]).map((row) => row.id);
const managesTemplates = (who: Principal) => ['manager', 'admin', 'owner', 'api_key'].includes(who);

// Bodies that are valid, so an allowed call answers 2xx and never 400.
const providerBody = (locationId: string) => ({ name: unique('Dr. Matrix'), locationId, weeklySchedule: { monday: [{ start: '09:00', end: '12:00' }] } });
const assetBody = (locationId: string) => ({ name: unique('Matrix asset'), locationId, assetType: 'equipment' });
const venueBody = (locationId: string) => ({ name: unique('Matrix room'), locationId, capacity: { max: 10 } });
const virtualBody = (locationId: string) => ({ name: unique('Matrix meeting'), locationId, kind: 'video_conference' });
const templateBody = () => ({ name: unique('Matrix service'), duration: { type: 'fixed', fixedMinutes: 45 } });
const reservationAt = (w: World, bookableId: string) => ({ serviceTemplateId: w.org.template.id, bookableId, startsAt: w.slots.next(bookableId) });
const availabilityQuery = (templateId: string) => ({ serviceTemplateId: templateId, from: '2030-03-04T00:00:00+01:00', to: '2030-03-05T00:00:00+01:00' });

const bookableCreation = (body: (locationId: string) => unknown): Variant[] => [
  { target: 'at location A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: body(w.org.locA.id) }) },
  { target: 'at location B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: body(w.org.locB.id) }) },
  otherOrg((w) => ({ params: { orgId: w.other.id }, body: body(w.other.loc.id) })),
];

// Holds and bookings of the client at A, and of the owner at B, for the cells that act on them.
const clientsHoldAtA = consumable((w) => hold(w.as('client'), w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id)));
const ownersHoldAtB = consumable((w) => hold(w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id)));
const clientsBookingAtA = consumable((w) => book(w.as('client'), w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id)));
const ownersBookingAtB = consumable((w) => book(w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id)));

const holdActions: Variant[] = [
  { target: "client's own hold at A", outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await clientsHoldAtA(w, allowed) } }) },
  { target: "owner's hold at B", outcomes: [N, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await ownersHoldAtB(w, allowed) } }) },
  otherOrg((w) => ({ params: { id: w.other.holdId } })),
];

// Bookings further along their lifecycle, for completion and review.
const clientsCheckedInAtA = consumable((w) => bookAndProgress(w.as('client'), w.owner, w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id), 'checked_in'));
const ownersCheckedInAtB = consumable((w) => bookAndProgress(w.owner, w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id), 'checked_in'));
const clientsCompletedAtA = consumable((w) => bookAndProgress(w.as('client'), w.owner, w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id), 'completed'));
const ownersCompletedAtB = consumable((w) => bookAndProgress(w.owner, w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id), 'completed'));

/** A lifecycle action on the client's booking at A and the owner's at B; providers see no bookings (404) until assignment links them. */
const lifecycle = (atA: Outcomes, atB: Outcomes, bookingAtA: (w: World, allowed: boolean) => Promise<string>, bookingAtB: (w: World, allowed: boolean) => Promise<string>, body: unknown = {}): Variant[] => [
  { target: "client's booking at A", outcomes: atA, request: async (w, _who, allowed) => ({ params: { id: await bookingAtA(w, allowed) }, body }) },
  { target: "owner's booking at B", outcomes: atB, request: async (w, _who, allowed) => ({ params: { id: await bookingAtB(w, allowed) }, body }) },
  otherOrg((w) => ({ params: { id: w.other.bookingId }, body })),
];

// Bookings waiting for approval, of the client at A and the owner at B.
const clientsPendingAtA = consumable(async (w) => book(w.as('client'), await approvalTemplate(w.owner, w.org.id), w.org.providerA.id, w.slots.next(w.org.providerA.id)));
const ownersPendingAtB = consumable(async (w) => book(w.owner, await approvalTemplate(w.owner, w.org.id), w.org.providerB.id, w.slots.next(w.org.providerB.id)));

const reschedules: Variant[] = [
  {
    target: "client's own booking at A",
    outcomes: [Y, F, F, Y, Y, Y, Y, Y],
    request: async (w, _who, allowed) => ({ params: { id: await clientsBookingAtA(w, allowed) }, body: { startsAt: w.slots.next(w.org.providerA.id) } }),
  },
  {
    target: "owner's booking at B",
    outcomes: [N, F, F, F, Y, Y, Y, Y],
    request: async (w, _who, allowed) => ({ params: { id: await ownersBookingAtB(w, allowed) }, body: { startsAt: w.slots.next(w.org.providerB.id) } }),
  },
  otherOrg((w) => ({ params: { id: w.other.bookingId }, body: { startsAt: '2030-03-05T10:00:00+01:00' } })),
];

const bookingCancellations: Variant[] = [
  { target: "client's own booking at A", outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await clientsBookingAtA(w, allowed) }, body: { reason: 'matrix' } }) },
  { target: "owner's booking at B", outcomes: [N, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await ownersBookingAtB(w, allowed) }, body: { reason: 'matrix' } }) },
  otherOrg((w) => ({ params: { id: w.other.bookingId }, body: { reason: 'matrix' } })),
];

/** The matrix: `METHOD /path` exactly as the OpenAPI registry spells it → its targets and outcomes. */
const TABLE: Record<string, Variant[]> = {
  // ── Organizations ──────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations': [
    {
      target: 'a new organization',
      outcomes: [Y, Y, Y, Y, Y, Y, Y, F],
      request: () => ({ body: { name: unique('Created in matrix') } }),
      checkAllowed: (response) => expect(response.body.role).toBe('owner'),
      checkRefused: async ({ app }, req) => {
        const name = (req.body as { name: string }).name;
        expect(Number((await app.db('organizations').where({ name }).count('* as n').first())!.n)).toBe(0);
      },
    },
  ],
  'GET /api/v1/organizations': [
    {
      target: 'organizations of the caller',
      outcomes: ALL,
      request: () => ({}),
      checkAllowed: (response, w, who) => {
        expect(ids(response)).toContain(w.org.id);
        expect(ids(response)).not.toContain(w.other.id);
        if (who === 'api_key') expect(ids(response)).toEqual([w.org.id]);
      },
    },
  ],
  'GET /api/v1/organizations/{orgId}': [
    {
      target: 'own organization',
      outcomes: ALL,
      request: (w) => ({ params: { orgId: w.org.id } }),
      checkAllowed: (response, _w, who) => expect(response.body.role).toBe(who === 'api_key' ? 'manager' : who),
    },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'PATCH /api/v1/organizations/{orgId}': [
    { target: 'own organization (same name)', outcomes: [F, F, F, F, F, Y, Y, F], request: (w) => ({ params: { orgId: w.org.id }, body: { name: w.org.name } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id }, body: { name: 'Taken over' } })),
  ],
  'DELETE /api/v1/organizations/{orgId}': [
    {
      target: 'an organization where the caller has that role',
      outcomes: [F, F, F, F, F, F, Y, F],
      request: async (w, who, allowed) => {
        const doomed = await doomedOrganization(w, allowed);
        return { params: { orgId: doomed.orgId }, token: who === 'api_key' ? doomed.apiKeySecret : undefined };
      },
    },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],

  // ── Members ────────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/members': [
    { target: 'own organization', outcomes: [F, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'POST /api/v1/organizations/{orgId}/members': [
    {
      target: 'a new client',
      outcomes: [F, F, F, F, F, Y, Y, F],
      request: async (w, _who, allowed) => ({ params: { orgId: w.org.id }, body: { email: (await newcomer(w, allowed)).email, role: 'client' } }),
    },
    {
      target: 'a new owner',
      outcomes: [F, F, F, F, F, F, Y, F],
      request: async (w, _who, allowed) => ({ params: { orgId: w.org.id }, body: { email: (await coOwner(w, allowed)).email, role: 'owner' } }),
    },
    otherOrg(async (w) => ({ params: { orgId: w.other.id }, body: { email: (await newcomer(w, false)).email, role: 'client' } })),
  ],

  // ── API keys ───────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/api-keys': [
    { target: 'own organization', outcomes: [F, F, F, F, F, Y, Y, F], request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'POST /api/v1/organizations/{orgId}/api-keys': [
    { target: 'own organization', outcomes: [F, F, F, F, F, Y, Y, F], request: (w) => ({ params: { orgId: w.org.id }, body: { name: unique('key'), role: 'client' } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id }, body: { name: unique('key'), role: 'manager' } })),
  ],
  'DELETE /api/v1/organizations/{orgId}/api-keys/{keyId}': [
    { target: 'a fresh key', outcomes: [F, F, F, F, F, Y, Y, F], request: async (w, _who, allowed) => ({ params: { orgId: w.org.id, keyId: (await spareKey(w, allowed)).id } }) },
    { target: "another organization's key through this one", outcomes: [F, F, F, F, F, N, N, F], request: (w) => ({ params: { orgId: w.org.id, keyId: w.other.apiKey.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id, keyId: w.other.apiKey.id } })),
  ],

  // ── Locations ──────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/locations': [
    { target: 'own organization', outcomes: [F, F, F, F, F, Y, Y, F], request: (w) => ({ params: { orgId: w.org.id }, body: { name: unique('New location'), timezone: 'Europe/Berlin' } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id }, body: { name: unique('New location'), timezone: 'Europe/Berlin' } })),
  ],
  'GET /api/v1/organizations/{orgId}/locations': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/locations/{id}': [
    { target: 'location A', outcomes: ALL, request: (w) => ({ params: { id: w.org.locA.id } }) },
    { target: 'location B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.locB.id } }) },
    otherOrg((w) => ({ params: { id: w.other.loc.id } })),
  ],
  'PATCH /api/v1/locations/{id}': [
    { target: 'location A (same name)', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.locA.id }, body: { name: w.org.locA.name } }) },
    { target: 'location B (same name)', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.locB.id }, body: { name: w.org.locB.name } }) },
    otherOrg((w) => ({ params: { id: w.other.loc.id }, body: { name: 'Taken over' } })),
  ],
  'GET /api/v1/locations/{id}/effective-config': [
    { target: 'location A', outcomes: ALL, request: (w) => ({ params: { id: w.org.locA.id } }) },
    { target: 'location B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.locB.id } }) },
    otherOrg((w) => ({ params: { id: w.other.loc.id } })),
  ],

  // ── Bookables ──────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/bookable-categories': [
    // Categories are organization-wide: a location-limited manager does not configure them.
    { target: 'own organization', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: { name: unique('Matrix category') } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id }, body: { name: unique('Matrix category') } })),
  ],
  'GET /api/v1/organizations/{orgId}/bookable-categories': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'POST /api/v1/organizations/{orgId}/bookables/providers': bookableCreation(providerBody),
  'POST /api/v1/organizations/{orgId}/bookables/assets': bookableCreation(assetBody),
  'POST /api/v1/organizations/{orgId}/bookables/venues': bookableCreation(venueBody),
  'POST /api/v1/organizations/{orgId}/bookables/virtual-resources': bookableCreation(virtualBody),
  'GET /api/v1/organizations/{orgId}/bookables': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ params: { orgId: w.org.id }, query: { limit: '100' } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookables/{id}': [
    { target: 'provider at A', outcomes: ALL, request: (w) => ({ params: { id: w.org.providerA.id } }) },
    { target: 'provider at B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.id } }) },
    otherOrg((w) => ({ params: { id: w.other.provider.id } })),
  ],
  'PATCH /api/v1/bookables/{id}': [
    { target: 'provider at A (same name)', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.id }, body: { name: w.org.providerA.name } }) },
    { target: 'provider at B (same name)', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.id }, body: { name: w.org.providerB.name } }) },
    { target: 'asset at B (same name)', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.assetB.id }, body: { name: w.org.assetB.name } }) },
    {
      target: 'fresh provider at A, moved to B',
      outcomes: [F, F, F, F, Y, Y, Y, Y],
      request: async (w, _who, allowed) => ({ params: { id: (await providerToMove(w, allowed)).id }, body: { locationId: w.org.locB.id } }),
    },
    otherOrg((w) => ({ params: { id: w.other.provider.id }, body: { name: 'Taken over' } })),
  ],
  'DELETE /api/v1/bookables/{id}': [
    { target: 'fresh provider at A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: (await providerAtA(w, allowed)).id } }) },
    { target: 'fresh asset at B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: (await assetAtB(w, allowed)).id } }) },
    otherOrg((w) => ({ params: { id: w.other.provider.id } })),
  ],
  'GET /api/v1/search/bookables': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ query: { organizationId: w.org.id, limit: '100' } }) },
    otherOrg((w) => ({ query: { organizationId: w.other.id } })),
  ],

  // ── Availability ───────────────────────────────────────────────────────────────────────────
  'GET /api/v1/bookables/{id}/availability': [
    { target: 'provider at A', outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.id }, query: availabilityQuery(w.org.template.id) }) },
    { target: 'provider at B', outcomes: [Y, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.id }, query: availabilityQuery(w.org.template.id) }) },
    otherOrg((w) => ({ params: { id: w.other.provider.id }, query: availabilityQuery(w.other.template.id) })),
  ],

  // ── Calendars ──────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/calendars/{id}': [
    { target: 'calendar of provider at A', outcomes: ALL, request: (w) => ({ params: { id: w.org.providerA.calendarId } }) },
    { target: 'calendar of provider at B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.calendarId } }) },
    { target: 'calendar of provider moved from A to B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.movedProvider.calendarId } }) },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId } })),
  ],
  'PATCH /api/v1/calendars/{id}': [
    { target: 'calendar of provider at A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.calendarId }, body: { name: 'Working hours' } }) },
    { target: 'calendar of provider at B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.calendarId }, body: { name: 'Working hours' } }) },
    {
      target: 'calendar of provider moved from A to B',
      outcomes: [F, F, F, F, Y, Y, Y, Y],
      request: (w) => ({ params: { id: w.org.movedProvider.calendarId }, body: { name: 'Working hours' } }),
    },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId }, body: { name: 'Taken over' } })),
  ],
  'POST /api/v1/calendars/{id}/overrides': [
    { target: 'calendar at A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.calendarId }, body: { date: w.days.next(), kind: 'closed' } }) },
    { target: 'calendar at B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.calendarId }, body: { date: w.days.next(), kind: 'closed' } }) },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId }, body: { date: w.days.next(), kind: 'closed' } })),
  ],
  'DELETE /api/v1/calendars/{id}/overrides/{overrideId}': [
    {
      target: 'fresh override at A',
      outcomes: [F, F, F, Y, Y, Y, Y, Y],
      request: async (w, _who, allowed) => {
        const override = await overrideAtA(w, allowed);
        return { params: { id: override.calendarId, overrideId: override.id } };
      },
    },
    {
      target: 'fresh override at B',
      outcomes: [F, F, F, F, Y, Y, Y, Y],
      request: async (w, _who, allowed) => {
        const override = await overrideAtB(w, allowed);
        return { params: { id: override.calendarId, overrideId: override.id } };
      },
    },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId, overrideId: w.other.overrideId } })),
  ],
  'POST /api/v1/calendars/{id}/blocks': [
    { target: 'calendar at A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.calendarId }, body: blockBody(w.days.next()) }) },
    { target: 'calendar at B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.calendarId }, body: blockBody(w.days.next()) }) },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId }, body: blockBody(w.days.next()) })),
  ],
  'DELETE /api/v1/calendars/{id}/blocks/{blockId}': [
    {
      target: 'fresh block at A',
      outcomes: [F, F, F, Y, Y, Y, Y, Y],
      request: async (w, _who, allowed) => {
        const block = await blockAtA(w, allowed);
        return { params: { id: block.calendarId, blockId: block.id } };
      },
    },
    {
      target: 'fresh block at B',
      outcomes: [F, F, F, F, Y, Y, Y, Y],
      request: async (w, _who, allowed) => {
        const block = await blockAtB(w, allowed);
        return { params: { id: block.calendarId, blockId: block.id } };
      },
    },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId, blockId: w.other.blockId } })),
  ],

  // ── Service templates ──────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/service-templates': [
    { target: 'own organization', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: templateBody() }) },
    otherOrg((w) => ({ params: { orgId: w.other.id }, body: templateBody() })),
  ],
  'GET /api/v1/organizations/{orgId}/service-templates': [
    {
      target: 'own organization',
      outcomes: ALL,
      request: (w) => ({ params: { orgId: w.org.id }, query: { limit: '100' } }),
      checkAllowed: (response, w, who) => {
        expect(ids(response)).toContain(w.org.template.id);
        if (managesTemplates(who)) expect(ids(response)).toContain(w.org.draftTemplate.id);
        else expect((response.body.data as { status: string }[]).filter((t) => t.status !== 'active')).toEqual([]);
      },
    },
    { target: 'drafts (?status=draft)', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, query: { status: 'draft', limit: '100' } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/service-templates/{id}': [
    { target: 'active template', outcomes: ALL, request: (w) => ({ params: { id: w.org.template.id } }) },
    { target: 'draft template', outcomes: [N, N, N, N, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.draftTemplate.id } }) },
    otherOrg((w) => ({ params: { id: w.other.template.id } })),
  ],
  'PATCH /api/v1/service-templates/{id}': [
    {
      target: 'fresh template',
      outcomes: [F, F, F, F, Y, Y, Y, Y],
      request: async (w, _who, allowed) => ({ params: { id: (await templateToRevise(w, allowed)).id }, body: { description: 'Revised in the matrix' } }),
    },
    otherOrg((w) => ({ params: { id: w.other.template.id }, body: { description: 'Taken over' } })),
  ],
  'DELETE /api/v1/service-templates/{id}': [
    { target: 'fresh template', outcomes: [F, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: (await templateToDelete(w, allowed)).id } }) },
    otherOrg((w) => ({ params: { id: w.other.template.id } })),
  ],
  'GET /api/v1/service-templates/{id}/versions': [
    { target: 'active template', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.template.id } }) },
    otherOrg((w) => ({ params: { id: w.other.template.id } })),
  ],
  'GET /api/v1/service-templates/{id}/versions/{version}': [
    { target: 'version 1 of the active template', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.template.id, version: '1' } }) },
    otherOrg((w) => ({ params: { id: w.other.template.id, version: '1' } })),
  ],

  // ── Reservations ───────────────────────────────────────────────────────────────────────────
  'POST /api/v1/reservations': [
    { target: 'free slot with provider at A', outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }) },
    { target: 'free slot with provider at B', outcomes: [Y, F, F, F, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerB.id) }) },
    otherOrg((w) => ({ body: { serviceTemplateId: w.other.template.id, bookableId: w.other.provider.id, startsAt: w.slots.next(w.other.provider.id) } })),
  ],
  'GET /api/v1/reservations/{id}': [
    { target: "client's own hold at A", outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientHoldA } }) },
    { target: "owner's hold at B", outcomes: [N, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerHoldB } }) },
    otherOrg((w) => ({ params: { id: w.other.holdId } })),
  ],
  'PATCH /api/v1/reservations/{id}/confirm': holdActions,
  'POST /api/v1/reservations/{id}/confirm': holdActions,
  'DELETE /api/v1/reservations/{id}': holdActions,
  'POST /api/v1/reservations/{id}/extend': holdActions,

  // ── Bookings ───────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/bookings': [
    {
      target: 'own organization',
      outcomes: [Y, Y, F, Y, Y, Y, Y, Y],
      request: (w) => ({ params: { orgId: w.org.id }, query: { limit: '100' } }),
      checkAllowed: (response, w, who) => {
        const seen = response.body.data as { id: string; bookerUserId: string | null; locationId: string }[];
        expect(seen.map((b) => b.id)).toContain(w.org.clientBookingA);
        if (who === 'client') expect(seen.filter((b) => b.bookerUserId !== w.org.users.client.userId)).toEqual([]);
        else if (who === 'location_manager') expect(seen.filter((b) => b.locationId !== w.org.locA.id)).toEqual([]);
        else expect(seen.map((b) => b.id)).toContain(w.org.ownerBookingB);
      },
    },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookings/{id}': [
    { target: "client's own booking at A", outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'DELETE /api/v1/bookings/{id}': bookingCancellations,
  'POST /api/v1/bookings/{id}/cancel': bookingCancellations,
  // ── Booking lifecycle ──────────────────────────────────────────────────────────────────────
  'POST /api/v1/bookings/{id}/approve': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/reject': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/check-in': lifecycle([F, Y, N, Y, Y, Y, Y, Y], [F, Y, N, N, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { method: 'manual' }),
  'POST /api/v1/bookings/{id}/no-show': lifecycle([F, F, N, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB),
  'POST /api/v1/bookings/{id}/complete': lifecycle([F, F, N, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsCheckedInAtA, ownersCheckedInAtB),
  // Only the booker reviews: the owner may open the client's booking but is not its booker.
  'POST /api/v1/bookings/{id}/review': lifecycle([Y, F, F, F, F, F, F, F], [N, F, F, F, F, F, Y, F], clientsCompletedAtA, ownersCompletedAtB, { rating: 5, comment: 'matrix' }),
  'PATCH /api/v1/bookings/{id}': reschedules,
  'GET /api/v1/bookings/{id}/audit-trail': [
    { target: "client's booking at A", outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
};

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Cells: one per endpoint × target × caller.

const successStatus = new Map(endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.success.status]));

interface Cell {
  id: number;
  name: string;
  endpoint: string;
  method: string;
  path: string;
  variant: Variant;
  principal: Principal;
  /** The exact status expected. */
  status: number;
  code?: 'FORBIDDEN' | 'NOT_FOUND';
  mutates: boolean;
}

const cells: Cell[] = Object.entries(TABLE).flatMap(([endpoint, variants]) =>
  variants.flatMap((variant) =>
    principals.map((principal, i) => {
      const [method, path] = endpoint.split(' ') as [string, string];
      const outcome = variant.outcomes[i]!;
      const status = outcome === Y ? (successStatus.get(endpoint) ?? 200) : outcome;
      const code = outcome === F ? ('FORBIDDEN' as const) : outcome === N ? ('NOT_FOUND' as const) : undefined;
      return { endpoint, method, path, variant, principal, status, code, mutates: method !== 'GET' } as Omit<Cell, 'id' | 'name'>;
    }),
  ),
).map((cell, id) => ({ ...cell, id, name: `${cell.endpoint} [${cell.variant.target}] as ${principalLabel[cell.principal]} → ${cell.status}${cell.code ? ` ${cell.code}` : ''}` }));

function urlOf(cell: Cell, req: Req): string {
  const path = cell.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`${cell.name}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  return path + query;
}

/** The tables whose rows differ between two snapshots, with their row counts: `bookables (12 → 13 rows)`. */
function changedTables(before: Record<string, TableState>, after: Record<string, TableState>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((table) => before[table]?.rows !== after[table]?.rows || before[table]?.checksum !== after[table]?.checksum)
    .map((table) => `${table} (${before[table]?.rows ?? 0} → ${after[table]?.rows ?? 0} rows)`);
}

interface CellResult {
  response?: ApiResponse;
  /** Set up or request failure (not an assertion). */
  error?: unknown;
  before?: Record<string, TableState>;
  after?: Record<string, TableState>;
  refusedCheck?: unknown;
}

describe('permission matrix: every endpoint × every role (spec §6)', () => {
  let app: TestApp;
  let w: World;
  const results = new Map<number, CellResult>();
  let readsBefore: Record<string, TableState>;
  let readsAfter: Record<string, TableState>;

  beforeAll(async () => {
    app = await startTestApp();
    w = await buildWorld(app.baseUrl);

    // 1. Each cell builds its request, creating fresh rows where it will change something.
    const prepared = await mapLimit(cells, 24, async (cell) => {
      try {
        return await cell.variant.request(w, cell.principal, !cell.code);
      } catch (error) {
        results.set(cell.id, { error });
        return undefined;
      }
    });
    const send = async (cell: Cell): Promise<ApiResponse | undefined> => {
      const req = prepared[cell.id];
      if (!req) return undefined;
      try {
        return await request(w.baseUrl, cell.method, urlOf(cell, req), { token: req.token ?? w.token(cell.principal), body: req.body });
      } catch (error) {
        results.set(cell.id, { error });
        return undefined;
      }
    };

    // 2. Reads, in parallel: nothing else writes meanwhile, so the organizations must not change.
    readsBefore = await snapshot(app.db, w.orgIds);
    await mapLimit(
      cells.filter((c) => !c.mutates),
      16,
      async (cell) => {
        const response = await send(cell);
        if (response) results.set(cell.id, { response });
      },
    );
    readsAfter = await snapshot(app.db, w.orgIds);

    // 3. Mutations expected to be refused, one at a time, each between two snapshots (the one after
    //    a cell is the one before the next: nothing else writes meanwhile).
    let before = await snapshot(app.db, w.orgIds);
    for (const cell of cells.filter((c) => c.mutates && c.code)) {
      const response = await send(cell);
      if (!response) continue;
      const after = await snapshot(app.db, w.orgIds);
      let refusedCheck: unknown;
      try {
        await cell.variant.checkRefused?.({ w, app }, prepared[cell.id]!);
      } catch (error) {
        refusedCheck = error;
      }
      results.set(cell.id, { response, before, after, refusedCheck });
      before = after;
    }

    // 4. Mutations expected to succeed, each on its own fresh rows, in parallel.
    await mapLimit(
      cells.filter((c) => c.mutates && !c.code),
      8,
      async (cell) => {
        const response = await send(cell);
        if (response) results.set(cell.id, { response });
      },
    );
  }, 180_000);

  afterAll(() => app?.stop());

  it('has a row for every /api/v1 endpoint of the OpenAPI registry (and none for an endpoint it lacks)', () => {
    const registered = endpoints.filter((e) => e.path.startsWith('/api/v1/')).map((e) => `${e.method.toUpperCase()} ${e.path}`);
    const inTable = Object.keys(TABLE);
    expect({ missingFromMatrix: registered.filter((k) => !inTable.includes(k)), notInRegistry: inTable.filter((k) => !registered.includes(k)) }).toEqual({
      missingFromMatrix: [],
      notInRegistry: [],
    });
  });

  it("points every endpoint that takes a tenant's row at another organization too", () => {
    const withoutOtherTenant = Object.entries(TABLE)
      .filter(([, variants]) => !variants.some((v) => v.target === 'another organization'))
      .map(([endpoint]) => endpoint);
    expect(withoutOtherTenant).toEqual(['POST /api/v1/organizations', 'GET /api/v1/organizations']);
  });

  it('changes nothing while only reading', () => {
    expect(changedTables(readsBefore, readsAfter)).toEqual([]);
  });

  it.each(cells)('$name', (cell) => {
    const result = results.get(cell.id);
    if (!result || result.error) throw result?.error ?? new Error('the request was never sent');
    const { status, body } = result.response!;
    if (!cell.code) {
      expect({ status, error: body?.error }).toEqual({ status: cell.status, error: undefined });
      cell.variant.checkAllowed?.(result.response!, w, cell.principal);
      return;
    }
    if (!cell.mutates) {
      expect({ status, code: body?.error?.code }).toEqual({ status: cell.status, code: cell.code });
      return;
    }
    // A refused mutation leaves every row of the organizations as it was.
    expect({ status, code: body?.error?.code, changedTables: changedTables(result.before!, result.after!) }).toEqual({ status: cell.status, code: cell.code, changedTables: [] });
    if (result.refusedCheck) throw result.refusedCheck;
  });
});
