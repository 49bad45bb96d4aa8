import { blockBody, unique, type World } from './permission-fixtures';
import {
  ALL, F, N, type Variant, Y, adminsOnly, payingHoldActions, automationRuleBody, eventHandlerBody, onAutomationRule, onDelivery, onEventHandler, onSubscription, clientsCancellationRequestAtA, ownersCancellationRequestAtB, participantCheckIns, participantRemovals, assetAtB, assetBody, availabilityQuery, blockAtA, blockAtB, bookableCreation, bookingCancellations, clientsBookingAtA, clientsCheckedInAtA, clientsCompletedAtA, clientsPendingAtA, coOwner, doomedOrganization, holdActions, ids, lifecycle, managesTemplates, newcomer, otherOrg, overrideAtA, overrideAtB, ownersBookingAtB, ownersCheckedInAtB, ownersCompletedAtB, ownersPendingAtB, providerAtA, providerBody, providerToMove, reschedules, reservationAt, spareKey, templateBody, templateToDelete, templateToRevise, venueBody, virtualBody } from './permission-variants';

/** The period provider ledgers are read for. */
const period = { from: '2030-01-01T00:00:00Z', to: '2030-03-01T00:00:00Z' };

/** The matrix: `METHOD /path` exactly as the OpenAPI registry spells it → its targets and outcomes. */
export const TABLE: Record<string, Variant[]> = {
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
  'POST /api/v1/quotes': [
    { target: 'slot with provider at A', outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }), checkAllowed: (response) => expect(response.body).toMatchObject({ totalAmount: 0, lines: [{ kind: 'base', code: 'free' }] }) },
    { target: 'slot with provider at B', outcomes: [Y, Y, Y, F, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerB.id) }) },
    otherOrg((w) => ({ body: { serviceTemplateId: w.other.template.id, bookableId: w.other.provider.id, startsAt: w.slots.next(w.other.provider.id) } })),
  ],
  'POST /api/v1/bookings': [
    { target: 'free slot with provider at A', outcomes: [Y, F, F, Y, Y, Y, Y, Y], request: (w) => ({ body: reservationAt(w, w.org.providerA.id) }), checkAllowed: (response) => expect(response.body.status).toBe('confirmed') },
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
  'POST /api/v1/reservations/{id}/payment': payingHoldActions,
  'POST /api/v1/reservations/{id}/extend': holdActions,

  // ── Bookings ───────────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/bookings': [
    {
      target: 'own organization',
      outcomes: [Y, Y, Y, Y, Y, Y, Y, Y],
      request: (w) => ({ params: { orgId: w.org.id }, query: { limit: '100' } }),
      checkAllowed: (response, w, who) => {
        const seen = response.body.data as { id: string; bookerUserId: string | null; locationId: string }[];
        expect(seen.map((b) => b.id)).toContain(w.org.clientBookingA);
        if (who === 'client') expect(seen.filter((b) => b.bookerUserId !== w.org.users.client.userId)).toEqual([]);
        else if (who === 'location_manager') expect(seen.filter((b) => b.locationId !== w.org.locA.id)).toEqual([]);
        else if (who === 'provider') expect(seen.map((b) => b.id)).not.toContain(w.org.ownerBookingB);
        else expect(seen.map((b) => b.id)).toContain(w.org.ownerBookingB);
      },
    },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookings/{id}': [
    { target: "client's own booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'DELETE /api/v1/bookings/{id}': bookingCancellations,
  'POST /api/v1/bookings/{id}/cancel': bookingCancellations,
  // ── Booking lifecycle ──────────────────────────────────────────────────────────────────────
  'POST /api/v1/bookings/{id}/approve': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/reject': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsPendingAtA, ownersPendingAtB),
  'POST /api/v1/bookings/{id}/check-in': lifecycle([F, Y, Y, Y, Y, Y, Y, Y], [F, Y, N, N, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { method: 'manual' }),
  'POST /api/v1/bookings/{id}/no-show': lifecycle([F, F, Y, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB),
  'POST /api/v1/bookings/{id}/complete': lifecycle([F, F, Y, Y, Y, Y, Y, Y], [F, F, N, F, Y, Y, Y, Y], clientsCheckedInAtA, ownersCheckedInAtB),
  // Only the booker reviews: the owner may open the client's booking but is not its booker.
  'POST /api/v1/bookings/{id}/review': lifecycle([Y, F, F, F, F, F, F, F], [N, F, F, F, F, F, Y, F], clientsCompletedAtA, ownersCompletedAtB, { rating: 5, comment: 'matrix' }),
  'PATCH /api/v1/bookings/{id}': reschedules,
  'GET /api/v1/bookings/{id}/payments': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'GET /api/v1/bookings/{id}/audit-trail': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'POST /api/v1/bookings/{id}/cancellation-request/approve': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsCancellationRequestAtA, ownersCancellationRequestAtB),
  'POST /api/v1/bookings/{id}/cancellation-request/decline': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsCancellationRequestAtA, ownersCancellationRequestAtB),
  // ── Participants ───────────────────────────────────────────────────────────────────────────
  'GET /api/v1/bookings/{id}/participants': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  'POST /api/v1/bookings/{id}/participants': lifecycle([Y, F, F, Y, Y, Y, Y, Y], [N, F, F, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { email: 'matrix-guest@example.com', role: 'guest' }),
  'DELETE /api/v1/bookings/{id}/participants/{participantId}': participantRemovals,
  'POST /api/v1/bookings/{id}/participants/{participantId}/check-in': participantCheckIns([F, Y, Y, Y, Y, Y, Y, Y], [F, Y, N, N, Y, Y, Y, Y]),
  // ── Notifications ──────────────────────────────────────────────────────────────────────────
  'GET /api/v1/organizations/{orgId}/notifications': [
    { target: 'own organization', outcomes: [F, F, F, F, Y, Y, Y, Y], request: (w) => ({ params: { orgId: w.org.id } }) },
    otherOrg((w) => ({ params: { orgId: w.other.id } })),
  ],
  'GET /api/v1/bookings/{id}/notifications': [
    { target: "client's booking at A", outcomes: [Y, Y, Y, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.clientBookingA } }) },
    { target: "owner's booking at B", outcomes: [N, Y, N, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.ownerBookingB } }) },
    otherOrg((w) => ({ params: { id: w.other.bookingId } })),
  ],
  // ── Webhooks ───────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/webhooks': adminsOnly((orgId) => ({ params: { orgId }, body: { url: 'http://127.0.0.1:9/matrix', events: ['webhook.test'] } })),
  'GET /api/v1/organizations/{orgId}/webhooks': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/webhooks/{id}': onSubscription(),
  'PATCH /api/v1/webhooks/{id}': onSubscription({ description: 'matrix' }, true),
  'DELETE /api/v1/webhooks/{id}': onSubscription(undefined, true),
  'POST /api/v1/webhooks/{id}/rotate-secret': onSubscription({ overlapSeconds: 60 }, true),
  'POST /api/v1/webhooks/{id}/test': onSubscription({}, true),
  'GET /api/v1/webhooks/{id}/deliveries': onSubscription(),
  'GET /api/v1/webhooks/{id}/deliveries/{deliveryId}': onDelivery(),
  'POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/redeliver': onDelivery(true),
  // ── Automation ─────────────────────────────────────────────────────────────────────────────
  'POST /api/v1/organizations/{orgId}/event-handlers': adminsOnly((orgId) => ({ params: { orgId }, body: eventHandlerBody() })),
  'GET /api/v1/organizations/{orgId}/event-handlers': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/event-handlers/{id}': onEventHandler(),
  'PUT /api/v1/event-handlers/{id}': onEventHandler(eventHandlerBody(), true),
  'DELETE /api/v1/event-handlers/{id}': onEventHandler(undefined, true),
  'POST /api/v1/organizations/{orgId}/event-handlers/dry-run': adminsOnly((orgId) => ({ params: { orgId }, body: { type: 'booking.cancelled', data: { booking: { id: 'bk_sample' } } } })),
  'GET /api/v1/organizations/{orgId}/handler-runs': adminsOnly((orgId) => ({ params: { orgId } })),
  'POST /api/v1/organizations/{orgId}/automation-rules': adminsOnly((orgId) => ({ params: { orgId }, body: automationRuleBody() })),
  'GET /api/v1/organizations/{orgId}/automation-rules': adminsOnly((orgId) => ({ params: { orgId } })),
  'GET /api/v1/automation-rules/{id}': onAutomationRule(),
  'PATCH /api/v1/automation-rules/{id}': onAutomationRule({ enabled: false }, true),
  'DELETE /api/v1/automation-rules/{id}': onAutomationRule(undefined, true),
  'POST /api/v1/automation-rules/{id}/trigger': onAutomationRule({}, true),
  // ── Provider ledgers ───────────────────────────────────────────────────────────────────────
  ...Object.fromEntries(
    ['timesheets', 'compensation'].map((ledger) => [
      `GET /api/v1/providers/{id}/${ledger}`,
      [
        { target: 'the provider at A (the provider member)', outcomes: [F, F, Y, Y, Y, Y, Y, Y], request: (w: World) => ({ params: { id: w.org.providerA.id }, query: period }) },
        { target: 'the provider at B', outcomes: [F, F, N, F, Y, Y, Y, Y], request: (w: World) => ({ params: { id: w.org.providerB.id }, query: period }) },
        otherOrg((w) => ({ params: { id: w.other.provider.id }, query: period })),
      ] satisfies Variant[],
    ]),
  ),
  'POST /api/v1/bookings/{id}/compensation': lifecycle([F, F, F, Y, Y, Y, Y, Y], [F, F, F, F, Y, Y, Y, Y], clientsBookingAtA, ownersBookingAtB, { amount: 100, note: 'matrix' }),
};
