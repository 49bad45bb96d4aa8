import type { Knex } from 'knex';
import { request, signUp, type ApiResponse } from './http-client';

/**
 * Fixtures for the role × endpoint permission matrix (test/integration/permission-matrix.test.ts):
 * one organization with a member of every role, two locations and bookables at each, a second
 * organization (another tenant), and builders for the fresh rows that mutating cells consume.
 */

/** Who calls: a member of each role in the matrix organization, and an API key acting as a manager there. */
export const principals = ['client', 'staff', 'provider', 'location_manager', 'manager', 'admin', 'owner', 'api_key'] as const;
export type Principal = (typeof principals)[number];

/** How the matrix names each caller in test titles. */
export const principalLabel: Record<Principal, string> = {
  client: 'client',
  staff: 'staff',
  provider: 'provider',
  location_manager: 'location_manager(A)',
  manager: 'manager',
  admin: 'admin',
  owner: 'owner',
  api_key: 'api_key(manager)',
};

export interface User {
  token: string;
  userId: string;
  email: string;
}

export interface Bookable {
  id: string;
  name: string;
  calendarId: string;
  locationId: string;
}

const weekday = [{ start: '09:00', end: '17:00' }];
const weekdays = { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday };

/** Throws with the answer when a set-up call does not succeed: fixtures must never be silently missing. */
export function ok<T = any>(response: ApiResponse<T>, what: string): T {
  if (response.status < 200 || response.status > 299) throw new Error(`fixture: ${what} answered ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A caller bound to a token, speaking to /api/v1. */
export function caller(baseUrl: string, token: string) {
  const call = (method: string) => (path: string, body?: unknown) => request(baseUrl, method, `/api/v1${path}`, { token, body });
  return { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
}
export type Caller = ReturnType<typeof caller>;

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Hands out distinct 30-minute slots inside the providers' working hours (weekdays 09:00–17:00,
 * Berlin, UTC+1 throughout March 2030), one sequence per bookable, so holds never collide.
 */
export class SlotClock {
  private readonly used = new Map<string, number>();

  next(bookableId: string): string {
    const n = this.used.get(bookableId) ?? 0;
    this.used.set(bookableId, n + 1);
    const day = Math.floor(n / 16);
    const slot = n % 16;
    if (day >= 20) throw new Error(`SlotClock: no slots left for ${bookableId}`);
    const date = new Date(Date.UTC(2030, 2, 4 + Math.floor(day / 5) * 7 + (day % 5)));
    const minutes = 9 * 60 + slot * 30;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${date.toISOString().slice(0, 10)}T${hh}:${mm}:00+01:00`;
  }
}

/** Distinct far-future days (2031 onwards) for overrides and blocks, clear of every booking slot. */
export class DayCounter {
  private n = 0;

  next(): string {
    return new Date(Date.UTC(2031, 0, 5) + this.n++ * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Names unique to this run, so rows created by concurrent test files never clash. */
let counter = 0;
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

// ---------------------------------------------------------------------------------------------
// Builders over the public API.

export async function createOrganization(api: Caller, name = unique('Matrix Org')): Promise<string> {
  return ok(await api.post('/organizations', { name }), 'create organization').id;
}

export async function createLocation(api: Caller, orgId: string, name = unique('Location')): Promise<{ id: string; name: string }> {
  const body = ok(await api.post(`/organizations/${orgId}/locations`, { name, timezone: 'Europe/Berlin' }), 'create location');
  return { id: body.id, name: body.name };
}

export async function createProvider(api: Caller, orgId: string, locationId: string, name = unique('Dr.')): Promise<Bookable> {
  const body = ok(await api.post(`/organizations/${orgId}/bookables/providers`, { name, locationId, weeklySchedule: weekdays }), 'create provider');
  return { id: body.id, name: body.name, calendarId: body.calendar.id, locationId };
}

export async function createAsset(api: Caller, orgId: string, locationId: string, name = unique('Ultrasound')): Promise<Bookable> {
  const body = ok(await api.post(`/organizations/${orgId}/bookables/assets`, { name, locationId, assetType: 'equipment', weeklySchedule: weekdays }), 'create asset');
  return { id: body.id, name: body.name, calendarId: body.calendar?.id, locationId };
}

export async function createTemplate(api: Caller, orgId: string, opts: { status?: 'draft' | 'active'; name?: string } = {}): Promise<{ id: string; name: string }> {
  const body = ok(
    await api.post(`/organizations/${orgId}/service-templates`, {
      name: opts.name ?? unique('Consultation'),
      status: opts.status ?? 'active',
      duration: { type: 'fixed', fixedMinutes: 30 },
      lifecycle: { reservation: { holdDurationSeconds: 900, allowExtension: true, maxExtensions: 20, extensionDurationSeconds: 60 } },
    }),
    'create service template',
  );
  return { id: body.id, name: body.name };
}

export async function addMembership(api: Caller, orgId: string, user: User, role: string, locationIds?: string[], providerId?: string): Promise<void> {
  ok(await api.post(`/organizations/${orgId}/members`, { email: user.email, role, ...(locationIds ? { locationIds } : {}), ...(providerId ? { providerId } : {}) }), `add ${role}`);
}

export async function createApiKey(api: Caller, orgId: string, role = 'manager'): Promise<{ id: string; secret: string }> {
  const body = ok(await api.post(`/organizations/${orgId}/api-keys`, { name: unique('key'), role }), 'create API key');
  return { id: body.id, secret: body.secret };
}

export async function hold(api: Caller, templateId: string, bookableId: string, startsAt: string): Promise<string> {
  return ok(await api.post('/reservations', { serviceTemplateId: templateId, bookableId, startsAt }), 'hold a slot').id;
}

export async function book(api: Caller, templateId: string, bookableId: string, startsAt: string): Promise<string> {
  const reservationId = await hold(api, templateId, bookableId, startsAt);
  return ok(await api.patch(`/reservations/${reservationId}/confirm`), 'confirm a hold').id;
}

/** A booking that has been checked in (and, with `complete`, completed) by `staff`. */
export async function bookAndProgress(booker: Caller, staff: Caller, templateId: string, bookableId: string, startsAt: string, upTo: 'checked_in' | 'completed'): Promise<string> {
  const id = await book(booker, templateId, bookableId, startsAt);
  ok(await staff.post(`/bookings/${id}/check-in`, {}), 'check in');
  if (upTo === 'completed') ok(await staff.post(`/bookings/${id}/complete`, {}), 'complete');
  return id;
}

/** A template whose bookings wait for approval (created once per organization). */
const approvalTemplates = new Map<string, Promise<string>>();
export function approvalTemplate(api: Caller, orgId: string): Promise<string> {
  if (!approvalTemplates.has(orgId)) {
    approvalTemplates.set(
      orgId,
      api.post(`/organizations/${orgId}/service-templates`, { name: unique('Needs approval'), duration: { type: 'fixed', fixedMinutes: 30 }, lifecycle: { confirmation: { autoConfirm: false } } }).then((r) => ok(r, 'approval template').id),
    );
  }
  return approvalTemplates.get(orgId)!;
}

/** A template that takes a deposit before a hold is confirmed (created once per organization). */
const payingTemplates = new Map<string, Promise<string>>();
export function payingTemplate(api: Caller, orgId: string): Promise<string> {
  if (!payingTemplates.has(orgId)) {
    const pricing = { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 } };
    payingTemplates.set(orgId, api.post(`/organizations/${orgId}/service-templates`, { name: unique('Deposit first'), duration: { type: 'fixed', fixedMinutes: 30 }, pricing }).then((r) => ok(r, 'paying template').id));
  }
  return payingTemplates.get(orgId)!;
}

/** A template whose clients' cancellations wait for approval (created once per organization). */
const cancellationApprovalTemplates = new Map<string, Promise<string>>();
export function cancellationApprovalTemplate(api: Caller, orgId: string): Promise<string> {
  if (!cancellationApprovalTemplates.has(orgId)) {
    cancellationApprovalTemplates.set(
      orgId,
      api.post(`/organizations/${orgId}/service-templates`, { name: unique('Cancel with approval'), duration: { type: 'fixed', fixedMinutes: 30 }, cancellation: { requireApprovalFor: ['client'] } }).then((r) => ok(r, 'cancellation approval template').id),
    );
  }
  return cancellationApprovalTemplates.get(orgId)!;
}

/** A booking whose booker asked to cancel it, the request waiting for approval. */
export async function bookWithCancellationRequest(booker: Caller, templateId: string, bookableId: string, startsAt: string): Promise<string> {
  const id = await book(booker, templateId, bookableId, startsAt);
  ok(await booker.delete(`/bookings/${id}`, { reason: 'matrix' }), 'request a cancellation');
  return id;
}

/** A booking with an observer added by `staff`: the booking's id and the observer's participant id. */
export async function bookWithObserver(booker: Caller, staff: Caller, templateId: string, bookableId: string, startsAt: string): Promise<{ bookingId: string; participantId: string }> {
  const bookingId = await book(booker, templateId, bookableId, startsAt);
  const added = ok(await staff.post(`/bookings/${bookingId}/participants`, { email: `${unique('observer')}@example.com`.replaceAll(' ', '-').toLowerCase(), role: 'observer' }), 'add an observer');
  const observer = (added.participants as { id: string; role: string }[]).find((p) => p.role === 'observer')!;
  return { bookingId, participantId: observer.id };
}

export async function createOverride(api: Caller, calendarId: string, date: string): Promise<string> {
  return ok(await api.post(`/calendars/${calendarId}/overrides`, { date, kind: 'closed', reason: 'matrix' }), 'create override').id;
}

export async function createBlock(api: Caller, calendarId: string, date: string): Promise<string> {
  return ok(await api.post(`/calendars/${calendarId}/blocks`, blockBody(date)), 'create block').id;
}

/** A condition no booking meets: handlers and rules made by the matrix never act on its bookings. */
const never = [{ field: 'booking.id', operator: 'equals', value: 'never' }];

/** A subscription to test events only, at a loopback port nothing listens on, giving up at once. */
export async function createSubscription(api: Caller, orgId: string): Promise<string> {
  return ok(await api.post(`/organizations/${orgId}/webhooks`, { url: 'http://127.0.0.1:9/matrix', events: ['webhook.test'], retryConfig: { maxRetries: 0 } }), 'create a webhook subscription').id;
}

/** A subscription with one finished (dead) delivery of a test event. */
export async function subscriptionWithDeadDelivery(api: Caller, orgId: string): Promise<{ webhookId: string; deliveryId: string }> {
  const webhookId = await createSubscription(api, orgId);
  const { deliveryId } = ok(await api.post(`/webhooks/${webhookId}/test`, {}), 'send a test event');
  for (let i = 0; i < 100; i++) {
    const delivery = await api.get(`/webhooks/${webhookId}/deliveries/${deliveryId}`);
    if (delivery.body.status === 'dead') return { webhookId, deliveryId };
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`delivery ${deliveryId} did not finish`);
}

/** An event handler that never fires. */
export async function createEventHandlerRow(api: Caller, orgId: string): Promise<string> {
  return ok(await api.post(`/organizations/${orgId}/event-handlers`, eventHandlerBody()), 'create an event handler').id;
}

/** A body for an event handler that never fires. */
export function eventHandlerBody() {
  return { trigger: { event: 'participant.cancelled', conditions: never }, actions: [{ type: 'notify_admin' }] };
}

/** A paused automation rule that never matches a booking. */
export async function createAutomationRuleRow(api: Caller, orgId: string): Promise<string> {
  return ok(await api.post(`/organizations/${orgId}/automation-rules`, automationRuleBody()), 'create an automation rule').id;
}

/** A body for a paused automation rule that never matches a booking. */
export function automationRuleBody() {
  return { name: unique('Matrix rule'), cron: '0 9 * * *', timezone: 'Europe/Berlin', conditions: never, actions: [{ type: 'notify_admin' }], enabled: false };
}

/** A block of one hour on `date` (a far-future day no booking uses). */
export function blockBody(date: string) {
  return { startsAt: `${date}T10:00:00Z`, endsAt: `${date}T11:00:00Z`, type: 'meeting', reason: 'matrix' };
}

// ---------------------------------------------------------------------------------------------
// The world every cell works in.

/** The matrix organization: a member of every role, locations A and B, bookables at each. */
export interface MatrixOrg {
  id: string;
  name: string;
  users: Record<Exclude<Principal, 'api_key'>, User>;
  apiKey: { id: string; secret: string };
  locA: { id: string; name: string };
  locB: { id: string; name: string };
  providerA: Bookable;
  providerB: Bookable;
  assetB: Bookable;
  /** A provider created at A and then moved to B by the owner. */
  movedProvider: Bookable;
  template: { id: string; name: string };
  draftTemplate: { id: string; name: string };
  /** Shared rows that only reading cells use. */
  clientHoldA: string;
  ownerHoldB: string;
  clientBookingA: string;
  ownerBookingB: string;
  webhook: { webhookId: string; deliveryId: string };
  eventHandlerId: string;
  automationRuleId: string;
}

/** The other tenant: an owner and one of every row the matrix points at. */
export interface OtherOrg {
  id: string;
  owner: User;
  loc: { id: string; name: string };
  provider: Bookable;
  template: { id: string; name: string };
  apiKey: { id: string; secret: string };
  holdId: string;
  bookingId: string;
  overrideId: string;
  blockId: string;
  webhook: { webhookId: string; deliveryId: string };
  eventHandlerId: string;
  automationRuleId: string;
}

export interface World {
  baseUrl: string;
  org: MatrixOrg;
  other: OtherOrg;
  /** Every organization this file created; snapshots cover them all. */
  orgIds: string[];
  slots: SlotClock;
  days: DayCounter;
  /** The token a principal calls with. */
  token(who: Principal): string;
  /** The matrix organization's owner, who builds fresh rows. */
  owner: Caller;
  as(who: Principal): Caller;
}

export async function buildWorld(baseUrl: string): Promise<World> {
  const slots = new SlotClock();
  const days = new DayCounter();
  const roles = ['client', 'staff', 'provider', 'location_manager', 'manager', 'admin', 'owner'] as const;
  const [signedUp, otherOwner] = await Promise.all([Promise.all(roles.map((role) => signUp(baseUrl, `Matrix ${role}`))), signUp(baseUrl, 'Other Owner')]);
  const users = Object.fromEntries(roles.map((role, i) => [role, signedUp[i]!])) as MatrixOrg['users'];
  const owner = caller(baseUrl, users.owner.token);
  const otherApi = caller(baseUrl, otherOwner.token);

  const buildOther = async (): Promise<OtherOrg> => {
    const id = await createOrganization(otherApi, unique('Other Tenant'));
    const loc = await createLocation(otherApi, id);
    const [provider, template, apiKey] = await Promise.all([createProvider(otherApi, id, loc.id), createTemplate(otherApi, id), createApiKey(otherApi, id)]);
    const [holdId, bookingId, overrideId, blockId, webhook, eventHandlerId, automationRuleId] = await Promise.all([
      hold(otherApi, template.id, provider.id, slots.next(provider.id)),
      book(otherApi, template.id, provider.id, slots.next(provider.id)),
      createOverride(otherApi, provider.calendarId, days.next()),
      createBlock(otherApi, provider.calendarId, days.next()),
      subscriptionWithDeadDelivery(otherApi, id),
      createEventHandlerRow(otherApi, id),
      createAutomationRuleRow(otherApi, id),
    ]);
    return { id, owner: otherOwner, loc, provider, template, apiKey, holdId, bookingId, overrideId, blockId, webhook, eventHandlerId, automationRuleId };
  };

  const buildMatrix = async (): Promise<MatrixOrg> => {
    const name = unique('Matrix Clinic');
    const id = await createOrganization(owner, name);
    const [locA, locB] = await Promise.all([createLocation(owner, id, unique('Location A')), createLocation(owner, id, unique('Location B'))]);
    const [providerA, providerB, assetB, movedProvider, template, draftTemplate, apiKey] = await Promise.all([
      createProvider(owner, id, locA.id),
      createProvider(owner, id, locB.id),
      createAsset(owner, id, locB.id),
      createProvider(owner, id, locA.id),
      createTemplate(owner, id),
      createTemplate(owner, id, { status: 'draft' }),
      createApiKey(owner, id, 'manager'),
      ...(['client', 'staff', 'manager', 'admin'] as const).map((role) => addMembership(owner, id, users[role], role)),
      addMembership(owner, id, users.location_manager, 'location_manager', [locA.id]),
    ]);
    // The provider member is the provider at A: they see and work the bookings assigned to it.
    await addMembership(owner, id, users.provider, 'provider', undefined, providerA.id);
    ok(await owner.patch(`/bookables/${movedProvider.id}`, { locationId: locB.id }), 'move a provider from A to B');
    const client = caller(baseUrl, users.client.token);
    const [clientHoldA, ownerHoldB, clientBookingA, ownerBookingB, webhook, eventHandlerId, automationRuleId] = await Promise.all([
      hold(client, template.id, providerA.id, slots.next(providerA.id)),
      hold(owner, template.id, providerB.id, slots.next(providerB.id)),
      book(client, template.id, providerA.id, slots.next(providerA.id)),
      book(owner, template.id, providerB.id, slots.next(providerB.id)),
      subscriptionWithDeadDelivery(owner, id),
      createEventHandlerRow(owner, id),
      createAutomationRuleRow(owner, id),
    ]);
    return {
      id,
      name,
      users,
      apiKey,
      locA,
      locB,
      providerA,
      providerB,
      assetB,
      movedProvider: { ...movedProvider, locationId: locB.id },
      template,
      draftTemplate,
      clientHoldA,
      ownerHoldB,
      clientBookingA,
      ownerBookingB,
      webhook,
      eventHandlerId,
      automationRuleId,
    };
  };

  const [org, other] = await Promise.all([buildMatrix(), buildOther()]);
  const token = (who: Principal) => (who === 'api_key' ? org.apiKey.secret : org.users[who].token);
  return { baseUrl, org, other, orgIds: [org.id, other.id], slots, days, token, owner, as: (who) => caller(baseUrl, token(who)) };
}

// ---------------------------------------------------------------------------------------------
// What "changed nothing" means: every row of the organizations' tables, counted and checksummed.

export interface TableState {
  rows: number;
  checksum: string;
}

let orgScopedTables: Promise<string[]> | undefined;

/** Tables with an organization_id column, found in the schema so new tables are covered too. */
// The outbox and the event log are written by booking workflows in the background (a message sent, then
// its event), after the request that caused them has answered, so their rows keep arriving while other
// cells run; a refused request changes no booking, and so sends and publishes nothing, which the
// bookings' own tables already show.
function tablesWithOrganizationId(db: Knex): Promise<string[]> {
  orgScopedTables ??= db('information_schema.columns')
    .where({ table_schema: db.raw('current_schema()'), column_name: 'organization_id' })
    .whereNotIn('table_name', ['notifications', 'domain_events'])
    .orderBy('table_name')
    .pluck('table_name');
  return orgScopedTables;
}

/**
 * Row counts and a checksum of every organization-scoped table, restricted to `orgIds` (other test
 * files share the database): any insert, update or (soft) delete shows. The checksum sums each row's
 * `xmin` (the transaction that last wrote it), so it reads no row contents and needs no sorting.
 * `api_keys` is summed over its contents instead, without `last_used_at`: using a key stamps it.
 */
export async function snapshot(db: Knex, orgIds: readonly string[]): Promise<Record<string, TableState>> {
  const tables = await tablesWithOrganizationId(db);
  const select = (table: string, column: string) => {
    const rowSum = table === 'api_keys' ? `hashtext((to_jsonb(x) - 'last_used_at')::text)::bigint` : 'x.xmin::text::bigint';
    return `SELECT '${table}' AS t, count(*)::int AS n, coalesce(sum(${rowSum}), 0)::text AS h FROM "${table}" x WHERE x.${column} = ANY(:ids)`;
  };
  const sql = [select('organizations', 'id'), ...tables.map((table) => select(table, 'organization_id'))].join(' UNION ALL ');
  const result = await db.raw(sql, { ids: [...orgIds] });
  return Object.fromEntries((result.rows as { t: string; n: number; h: string }[]).map((r) => [r.t, { rows: r.n, checksum: r.h }]));
}
