import { signUp, type ApiResponse } from './http-client';
import { unique, type Caller, type Principal } from './permission-fixtures';
import { eventually } from './eventually';
import { addMembership, approvalTemplate, backupTemplate, bookWithHeldDeposit, securityDepositTemplate, waitForDeposit, bookAndProgress, book, automationRuleBody, payingTemplate, bookWithCancellationRequest, bookWithObserver, cancellationApprovalTemplate, createAutomationRuleRow, createEventHandlerRow, createSubscription, eventHandlerBody, subscriptionWithDeadDelivery, createApiKey, createAsset, createBlock, createLocation, createOrganization, createOverride, createProvider, createTemplate, hold } from './permission-rows';
import { type World } from './permission-world';
import type { TestApp } from './test-app';

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
 * - the provider member is linked to the provider at A: it sees, checks in, completes, marks no-shows
 *   and cancels (as the provider) the bookings assigned to that provider (booking:*_assigned), and no
 *   others (404); it does not see availability;
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

export const Y = 'ok' as const;
export const F = 403 as const;
export const N = 404 as const;
export type Outcome = typeof Y | typeof F | typeof N;
/** One outcome per caller, in the order of `principals`: client, staff, provider, location_manager(A), manager, admin, owner, api_key. */
export type Outcomes = readonly [Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome, Outcome];

export const ALL: Outcomes = [Y, Y, Y, Y, Y, Y, Y, Y];
export const HIDDEN: Outcomes = [N, N, N, N, N, N, N, N];

/** What one cell sends: path parameters, query, body, and (rarely) another token for the caller. */
export interface Req {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  token?: string;
}

export interface Ctx {
  w: World;
  app: TestApp;
}

export interface Variant {
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
export function consumable<T>(create: (w: World) => Promise<T>): (w: World, allowed: boolean) => Promise<T> {
  const shared = new Map<World, Promise<T>>();
  return (w, allowed) => {
    if (allowed) return create(w);
    if (!shared.has(w)) shared.set(w, create(w));
    return shared.get(w)!;
  };
}

/** An organization to close, with the matrix's users in it with the same roles (and its own manager API key). */
export const doomedOrganization = consumable(async (w) => {
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

export const newcomer = consumable((w) => signUp(w.baseUrl, 'Matrix Newcomer'));
export const coOwner = consumable((w) => signUp(w.baseUrl, 'Matrix Co-owner'));

export const spareKey = consumable((w) => createApiKey(w.owner, w.org.id, 'client'));
export const providerAtA = consumable((w) => createProvider(w.owner, w.org.id, w.org.locA.id));
export const assetAtB = consumable((w) => createAsset(w.owner, w.org.id, w.org.locB.id));
export const providerToMove = consumable((w) => createProvider(w.owner, w.org.id, w.org.locA.id));
export const overrideAt = (at: 'providerA' | 'providerB') => consumable(async (w) => ({ calendarId: w.org[at].calendarId, id: await createOverride(w.owner, w.org[at].calendarId, w.days.next()) }));
export const blockAt = (at: 'providerA' | 'providerB') => consumable(async (w) => ({ calendarId: w.org[at].calendarId, id: await createBlock(w.owner, w.org[at].calendarId, w.days.next()) }));
export const overrideAtA = overrideAt('providerA');
export const overrideAtB = overrideAt('providerB');
export const blockAtA = blockAt('providerA');
export const blockAtB = blockAt('providerB');
export const templateToRevise = consumable((w) => createTemplate(w.owner, w.org.id));
export const templateToDelete = consumable((w) => createTemplate(w.owner, w.org.id));

export const otherOrg = (request: Variant['request']): Variant => ({ target: 'another organization', outcomes: HIDDEN, request });

export const ids = (response: ApiResponse) => (response.body.data as { id: string }[]).map((row) => row.id);
export const managesTemplates = (who: Principal) => ['manager', 'admin', 'owner', 'api_key'].includes(who);

// Bodies that are valid, so an allowed call answers 2xx and never 400.
export const providerBody = (locationId: string) => ({ name: unique('Dr. Matrix'), locationId, weeklySchedule: { monday: [{ start: '09:00', end: '12:00' }] } });
export const assetBody = (locationId: string) => ({ name: unique('Matrix asset'), locationId, assetType: 'equipment' });
export const venueBody = (locationId: string) => ({ name: unique('Matrix room'), locationId, capacity: { max: 10 } });
export const virtualBody = (locationId: string) => ({ name: unique('Matrix meeting'), locationId, kind: 'video_conference' });
export const templateBody = () => ({ name: unique('Matrix service'), duration: { type: 'fixed', fixedMinutes: 45 } });
export const reservationAt = (w: World, bookableId: string) => ({ serviceTemplateId: w.org.template.id, bookableId, startsAt: w.slots.next(bookableId) });
export const stayQuery = (templateId: string) => ({ serviceTemplateId: templateId, fromDate: '2030-03-04', toDate: '2030-03-06' });
export const availabilityQuery = (templateId: string) => ({ serviceTemplateId: templateId, from: '2030-03-04T00:00:00+01:00', to: '2030-03-05T00:00:00+01:00' });

export const bookableCreation = (body: (locationId: string) => unknown): Variant[] => [
  { target: 'at location A', outcomes: [F, F, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: body(w.org.locA.id) }) },
  { target: 'at location B', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id }, body: body(w.org.locB.id) }) },
  otherOrg((w) => ({ params: { orgId: w.other.id }, body: body(w.other.loc.id) })),
];

// Holds and bookings of the client at A, and of the owner at B, for the cells that act on them.
export const clientsHoldAtA = consumable((w) => hold(w.as('client'), w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id)));
export const ownersHoldAtB = consumable((w) => hold(w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id)));
export const clientsBookingAtA = consumable((w) => book(w.as('client'), w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id)));
export const ownersBookingAtB = consumable((w) => book(w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id)));

// Holds of a service that takes a deposit first.
const clientsPayingHoldAtA = consumable(async (w) => hold(w.as('client'), await payingTemplate(w.owner, w.org.id), w.org.providerA.id, w.slots.next(w.org.providerA.id)));
const ownersPayingHoldAtB = consumable(async (w) => hold(w.owner, await payingTemplate(w.owner, w.org.id), w.org.providerB.id, w.slots.next(w.org.providerB.id)));

/** Asking for a hold's payment intent: whoever may act on the hold. */
export const payingHoldActions: Variant[] = [
  { target: "client's own paying hold at A", outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await clientsPayingHoldAtA(w, allowed) } }), checkAllowed: (response) => expect(response.body).toMatchObject({ amount: 1_000, currency: 'EUR', kind: 'deposit' }) },
  { target: "owner's paying hold at B", outcomes: [N, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await ownersPayingHoldAtB(w, allowed) } }) },
  otherOrg((w) => ({ params: { id: w.other.holdId } })),
];

export const holdActions: Variant[] = [
  { target: "client's own hold at A", outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await clientsHoldAtA(w, allowed) } }) },
  { target: "owner's hold at B", outcomes: [N, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await ownersHoldAtB(w, allowed) } }) },
  otherOrg((w) => ({ params: { id: w.other.holdId } })),
];

// Bookings further along their lifecycle, for completion and review.
export const clientsCheckedInAtA = consumable((w) => bookAndProgress(w.as('client'), w.owner, w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id), 'checked_in'));
export const ownersCheckedInAtB = consumable((w) => bookAndProgress(w.owner, w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id), 'checked_in'));
export const clientsCompletedAtA = consumable((w) => bookAndProgress(w.as('client'), w.owner, w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id), 'completed'));
export const ownersCompletedAtB = consumable((w) => bookAndProgress(w.owner, w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id), 'completed'));

/** A lifecycle action on the client's booking at A (the provider member's own provider) and the owner's at B. */
export const lifecycle = (atA: Outcomes, atB: Outcomes, bookingAtA: (w: World, allowed: boolean) => Promise<string>, bookingAtB: (w: World, allowed: boolean) => Promise<string>, body: unknown = {}): Variant[] => [
  { target: "client's booking at A", outcomes: atA, request: async (w, _who, allowed) => ({ params: { id: await bookingAtA(w, allowed) }, body }) },
  { target: "owner's booking at B", outcomes: atB, request: async (w, _who, allowed) => ({ params: { id: await bookingAtB(w, allowed) }, body }) },
  otherOrg((w) => ({ params: { id: w.other.bookingId }, body })),
];

// Bookings whose provider has backups, of the client at A and the owner at B.
// Returned once the backup stands by, so the workflow writes nothing more while the matrix compares snapshots.
const bookBackedUp = async (w: World, booker: Caller, providerId: string) => {
  const id = await book(booker, await backupTemplate(w.owner, w.org.id, [w.org.locA.id, w.org.locB.id]), providerId, w.slots.next(providerId));
  await eventually(() => w.owner.get(`/bookings/${id}/backups`), (r) => r.body.data?.length > 0);
  return id;
};
export const clientsBackedUpAtA = consumable((w) => bookBackedUp(w, w.as('client'), w.org.providerA.id));
export const ownersBackedUpAtB = consumable((w) => bookBackedUp(w, w.owner, w.org.providerB.id));

// Bookings with a security deposit, of the client at A and the owner at B. Scheduled ones (March 2030: held the
// day before) are returned once the workflow has planned the deposit; held ones once it is on the card.
const bookWithScheduledDeposit = async (w: World, booker: Caller, providerId: string) => {
  const id = await book(booker, await securityDepositTemplate(w.owner, w.org.id), providerId, w.slots.next(providerId));
  await waitForDeposit(w.owner, id, 'scheduled');
  return id;
};
export const clientsScheduledDepositAtA = consumable((w) => bookWithScheduledDeposit(w, w.as('client'), w.org.providerA.id));
export const ownersScheduledDepositAtB = consumable((w) => bookWithScheduledDeposit(w, w.owner, w.org.providerB.id));
export const clientsHeldDepositAtA = consumable((w) => bookWithHeldDeposit(w.owner, w.as('client'), w, w.org.id, w.org.locA.id));
export const ownersHeldDepositAtB = consumable((w) => bookWithHeldDeposit(w.owner, w.owner, w, w.org.id, w.org.locB.id));

/** Reading a booking's security deposit: whoever sees the booking. */
export const securityDepositReads: Variant[] = [
  { target: "client's booking with a deposit at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: async (w) => ({ params: { id: await clientsScheduledDepositAtA(w, false) } }), checkAllowed: (response) => expect(response.body).toMatchObject({ status: 'scheduled', amount: 5_000, currency: 'EUR' }) },
  { target: "owner's booking with a deposit at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: async (w) => ({ params: { id: await ownersScheduledDepositAtB(w, false) } }) },
  otherOrg((w) => ({ params: { id: w.other.bookingId } })),
];

// Bookings waiting for approval, of the client at A and the owner at B.
export const clientsPendingAtA = consumable(async (w) => book(w.as('client'), await approvalTemplate(w.owner, w.org.id), w.org.providerA.id, w.slots.next(w.org.providerA.id)));
export const ownersPendingAtB = consumable(async (w) => book(w.owner, await approvalTemplate(w.owner, w.org.id), w.org.providerB.id, w.slots.next(w.org.providerB.id)));

export const reschedules: Variant[] = [
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

export const bookingCancellations: Variant[] = [
  { target: "client's own booking at A", outcomes: [Y, F, Y, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await clientsBookingAtA(w, allowed) }, body: { reason: 'matrix' } }) },
  { target: "owner's booking at B", outcomes: [N, F, N, F, Y, Y, Y, Y], request: async (w, _who, allowed) => ({ params: { id: await ownersBookingAtB(w, allowed) }, body: { reason: 'matrix' } }) },
  otherOrg((w) => ({ params: { id: w.other.bookingId }, body: { reason: 'matrix' } })),
];

// Bookings whose booker asked to cancel, the request waiting for approval.
export const clientsCancellationRequestAtA = consumable(async (w) => bookWithCancellationRequest(w.as('client'), await cancellationApprovalTemplate(w.owner, w.org.id), w.org.providerA.id, w.slots.next(w.org.providerA.id)));
export const ownersCancellationRequestAtB = consumable(async (w) => bookWithCancellationRequest(w.owner, await cancellationApprovalTemplate(w.owner, w.org.id), w.org.providerB.id, w.slots.next(w.org.providerB.id)));

/** The primary participant of a booking: the booker, under the booking id's body. */
const primaryOf = (bookingId: string) => `bp_${bookingId.slice(bookingId.indexOf('_') + 1)}`;

/** Checking in one participant (the primary) of the client's booking at A and the owner's at B. */
export const participantCheckIns = (atA: Outcomes, atB: Outcomes): Variant[] => [
  { target: "primary of the client's booking at A", outcomes: atA, request: async (w, _who, allowed) => { const id = await clientsBookingAtA(w, allowed); return { params: { id, participantId: primaryOf(id) }, body: { method: 'manual' } }; } },
  { target: "primary of the owner's booking at B", outcomes: atB, request: async (w, _who, allowed) => { const id = await ownersBookingAtB(w, allowed); return { params: { id, participantId: primaryOf(id) }, body: { method: 'manual' } }; } },
  otherOrg((w) => ({ params: { id: w.other.bookingId, participantId: primaryOf(w.other.bookingId) }, body: { method: 'manual' } })),
];

const clientsObservedAtA = consumable((w) => bookWithObserver(w.as('client'), w.owner, w.org.template.id, w.org.providerA.id, w.slots.next(w.org.providerA.id)));
const ownersObservedAtB = consumable((w) => bookWithObserver(w.owner, w.owner, w.org.template.id, w.org.providerB.id, w.slots.next(w.org.providerB.id)));

/** Removing an observer: the booker and managers may; others are refused or do not see the booking. */
export const participantRemovals: Variant[] = [
  { target: "observer of the client's booking at A", outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: async (w, _who, allowed) => { const { bookingId, participantId } = await clientsObservedAtA(w, allowed); return { params: { id: bookingId, participantId }, body: { reason: 'matrix' } }; } },
  { target: "observer of the owner's booking at B", outcomes: [N, F, F, F, Y, Y, Y, Y], request: async (w, _who, allowed) => { const { bookingId, participantId } = await ownersObservedAtB(w, allowed); return { params: { id: bookingId, participantId }, body: { reason: 'matrix' } }; } },
  otherOrg((w) => ({ params: { id: w.other.bookingId, participantId: primaryOf(w.other.bookingId) }, body: { reason: 'matrix' } })),
];

// Webhooks and automation: only admins and owners (integration:manage, setting:manage).
export const ADMINS: Outcomes = [F, F, F, F, F, Y, Y, F];

/** An organization-level action open to admins, and refused as hidden in another tenant. */
export const adminsOnly = (request: (orgId: string) => Req): Variant[] => [
  { target: 'own organization', outcomes: ADMINS, request: (w) => request(w.org.id) },
  otherOrg((w) => request(w.other.id)),
];

const freshSubscription = consumable((w) => createSubscription(w.owner, w.org.id));
const freshDeadDelivery = consumable((w) => subscriptionWithDeadDelivery(w.owner, w.org.id));
const freshEventHandler = consumable((w) => createEventHandlerRow(w.owner, w.org.id));
const freshAutomationRule = consumable((w) => createAutomationRuleRow(w.owner, w.org.id));

/** An action on the organization's subscription (reads share one; mutations get their own). */
export const onSubscription = (body?: unknown, mutates = false): Variant[] => [
  { target: "the organization's subscription", outcomes: ADMINS, request: async (w, _who, allowed) => ({ params: { id: mutates ? await freshSubscription(w, allowed) : w.org.webhook.webhookId }, body }) },
  otherOrg((w) => ({ params: { id: w.other.webhook.webhookId }, body })),
];

/** An action on a finished delivery of the organization's subscription. */
export const onDelivery = (mutates = false): Variant[] => [
  {
    target: "a finished delivery of the organization's subscription",
    outcomes: ADMINS,
    request: async (w, _who, allowed) => {
      const { webhookId, deliveryId } = mutates ? await freshDeadDelivery(w, allowed) : w.org.webhook;
      return { params: { id: webhookId, deliveryId } };
    },
  },
  otherOrg((w) => ({ params: { id: w.other.webhook.webhookId, deliveryId: w.other.webhook.deliveryId } })),
];

/** An action on the organization's event handler. */
export const onEventHandler = (body?: unknown, mutates = false): Variant[] => [
  { target: "the organization's event handler", outcomes: ADMINS, request: async (w, _who, allowed) => ({ params: { id: mutates ? await freshEventHandler(w, allowed) : w.org.eventHandlerId }, body }) },
  otherOrg((w) => ({ params: { id: w.other.eventHandlerId }, body })),
];

/** An action on the organization's automation rule. */
export const onAutomationRule = (body?: unknown, mutates = false): Variant[] => [
  { target: "the organization's automation rule", outcomes: ADMINS, request: async (w, _who, allowed) => ({ params: { id: mutates ? await freshAutomationRule(w, allowed) : w.org.automationRuleId }, body }) },
  otherOrg((w) => ({ params: { id: w.other.automationRuleId }, body })),
];

export { automationRuleBody, eventHandlerBody };
