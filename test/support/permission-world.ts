/** The world every permission-matrix cell works in: the matrix organization and another tenant, built through the API. */
import { signUp } from './http-client';
import { caller, DayCounter, ok, SlotClock, unique, type Bookable, type Caller, type Principal, type User } from './permission-fixtures';
import { addMembership, book, createApiKey, createAsset, createBlock, createEventHandlerRow, createAutomationRuleRow, createLocation, createOrganization, createOverride, createProvider, createTemplate, hold, subscriptionWithDeadDelivery } from './permission-rows';

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
  /** A service booked by the night (stays). */
  nightlyTemplate: { id: string; name: string };
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
  /** The secret the app checks Stripe's events with: cells that need a paid hold play Stripe. */
  stripeWebhookSecret: string;
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

export async function buildWorld(baseUrl: string, stripeWebhookSecret: string): Promise<World> {
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
    const [providerA, providerB, assetB, movedProvider, template, draftTemplate, nightlyTemplate, apiKey] = await Promise.all([
      createProvider(owner, id, locA.id),
      createProvider(owner, id, locB.id),
      createAsset(owner, id, locB.id),
      createProvider(owner, id, locA.id),
      createTemplate(owner, id),
      createTemplate(owner, id, { status: 'draft' }),
      createTemplate(owner, id, { duration: { type: 'fixed', fixedMinutes: 60, minNights: 1, maxNights: 3 } }),
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
      nightlyTemplate,
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
  return { baseUrl, stripeWebhookSecret, org, other, orgIds: [org.id, other.id], slots, days, token, owner, as: (who) => caller(baseUrl, token(who)) };
}
