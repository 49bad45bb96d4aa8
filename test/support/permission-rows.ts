/**
 * Builders over the public API for the rows the permission matrix's cells use: organizations, bookables,
 * templates, holds and bookings at each stage, calendar changes, webhooks and automation.
 */
import { ok, unique, type Bookable, type Caller, type User } from './permission-fixtures';
import type { ApiResponse } from './http-client';
import { sendStripeEvent } from './stripe-events';

const weekday = [{ start: '09:00', end: '17:00' }];
const weekdays = { monday: weekday, tuesday: weekday, wednesday: weekday, thursday: weekday, friday: weekday };

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

export async function createTemplate(api: Caller, orgId: string, opts: { status?: 'draft' | 'active'; name?: string; duration?: Record<string, unknown> } = {}): Promise<{ id: string; name: string }> {
  const body = ok(
    await api.post(`/organizations/${orgId}/service-templates`, {
      name: opts.name ?? unique('Consultation'),
      status: opts.status ?? 'active',
      duration: opts.duration ?? { type: 'fixed', fixedMinutes: 30 },
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

/**
 * A set-up call the booking engine answers: with an Idempotency-Key, and retried with the same key when
 * it answers 503 WORKFLOW_UNAVAILABLE (as the API asks clients to), so a loaded machine cannot leave a fixture missing.
 */
async function engineCall(send: (headers: Record<string, string>) => Promise<ApiResponse>): Promise<ApiResponse> {
  const headers = { 'Idempotency-Key': unique('fixture').replace(/[^!-~]/g, '-') };
  let response = await send(headers);
  for (let attempt = 1; attempt < 4 && response.status === 503; attempt++) response = await send(headers);
  return response;
}

export async function hold(api: Caller, templateId: string, bookableId: string, startsAt: string): Promise<string> {
  return ok(await engineCall((headers) => api.post('/reservations', { serviceTemplateId: templateId, bookableId, startsAt }, headers)), 'hold a slot').id;
}

export async function book(api: Caller, templateId: string, bookableId: string, startsAt: string): Promise<string> {
  const reservationId = await hold(api, templateId, bookableId, startsAt);
  return ok(await engineCall((headers) => api.patch(`/reservations/${reservationId}/confirm`, undefined, headers)), 'confirm a hold').id;
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

/** A template whose provider has two backups (created once per organization, with the backups). */
const backupTemplates = new Map<string, Promise<string>>();
export function backupTemplate(api: Caller, orgId: string, locationIds: readonly string[]): Promise<string> {
  if (!backupTemplates.has(orgId)) {
    const create = async () => {
      const backups = await Promise.all(locationIds.map((locationId) => createProvider(api, orgId, locationId, unique('Backup'))));
      const bookables = { required: [{ id: 'clinician', bookableType: 'provider', criteria: { tags: ['clinician'] } }], backups: [{ primaryRequirementId: 'clinician', backupBookableIds: backups.map((b) => b.id) }] };
      return ok(await api.post(`/organizations/${orgId}/service-templates`, { name: unique('Backed up'), duration: { type: 'fixed', fixedMinutes: 30 }, bookables }), 'backup template').id;
    };
    backupTemplates.set(orgId, create());
  }
  return backupTemplates.get(orgId)!;
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

/** A template that holds a security deposit around each booking and takes no payment first (created once per organization). */
const securityDepositTemplates = new Map<string, Promise<string>>();
export function securityDepositTemplate(api: Caller, orgId: string): Promise<string> {
  if (!securityDepositTemplates.has(orgId)) {
    const pricing = { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, securityDeposit: { amount: 5_000 } };
    securityDepositTemplates.set(orgId, api.post(`/organizations/${orgId}/service-templates`, { name: unique('Security deposit'), duration: { type: 'fixed', fixedMinutes: 30 }, pricing }).then((r) => ok(r, 'security deposit template').id));
  }
  return securityDepositTemplates.get(orgId)!;
}

/** A template that takes a deposit first (saving the card) and holds a security deposit on that card (created once per organization). */
const cardDepositTemplates = new Map<string, Promise<string>>();
function cardDepositTemplate(api: Caller, orgId: string): Promise<string> {
  if (!cardDepositTemplates.has(orgId)) {
    const pricing = { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 }, deposit: { type: 'fixed', amount: 1_000 }, securityDeposit: { amount: 5_000 } };
    cardDepositTemplates.set(orgId, api.post(`/organizations/${orgId}/service-templates`, { name: unique('Card deposit'), duration: { type: 'fixed', fixedMinutes: 30 }, pricing }).then((r) => ok(r, 'card deposit template').id));
  }
  return cardDepositTemplates.get(orgId)!;
}

/**
 * A booking whose security deposit is held on the booker's card: a provider working around the clock at
 * `locationId`, a slot two hours ahead (so the deposit is held at confirmation), its hold paid through a
 * signed Stripe event that saves the card, confirmed, and returned once the deposit is held (nothing
 * more is written until it is released, two days after the booking).
 */
export async function bookWithHeldDeposit(owner: Caller, booker: Caller, stripe: { baseUrl: string; stripeWebhookSecret: string }, orgId: string, locationId: string): Promise<string> {
  const allDay = [{ start: '00:00', end: '24:00' }];
  const weeklySchedule = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((day) => [day, allDay]));
  const provider = ok(await owner.post(`/organizations/${orgId}/bookables/providers`, { name: unique('Dr. Deposit'), locationId, weeklySchedule }), 'create a provider working around the clock');
  const startsAt = new Date(Math.ceil((Date.now() + 2 * 3_600_000) / 60_000) * 60_000).toISOString();
  const reservationId = await hold(booker, await cardDepositTemplate(owner, orgId), provider.id, startsAt);
  const intent = ok(await engineCall((headers) => booker.post(`/reservations/${reservationId}/payment`, {}, headers)), 'ask for the hold payment');
  ok(await sendStripeEvent(stripe, { id: `evt_${reservationId}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId, customer: 'cus_matrix', payment_method: 'pm_card_visa' } }), 'pay the hold');
  let confirmed = await engineCall((headers) => booker.patch(`/reservations/${reservationId}/confirm`, undefined, headers));
  for (let i = 0; i < 40 && confirmed.status === 402; i++) {
    await new Promise((r) => setTimeout(r, 250));
    confirmed = await engineCall((headers) => booker.patch(`/reservations/${reservationId}/confirm`, undefined, headers));
  }
  const bookingId = ok(confirmed, 'confirm the paid hold').id as string;
  await waitForDeposit(owner, bookingId, 'held');
  return bookingId;
}

/** Waits until a booking's security deposit is in `status` (its workflow writes it a moment after confirmation). */
export async function waitForDeposit(api: Caller, bookingId: string, status: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    if ((await api.get(`/bookings/${bookingId}/security-deposit`)).body.status === status) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`fixture: the security deposit of ${bookingId} never became ${status}`);
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
