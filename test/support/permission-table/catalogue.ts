import { unique } from '../permission-fixtures';
import { blockBody } from '../permission-rows';
import { ALL, F, N, type Variant, Y, assetAtB, assetBody, availabilityQuery, stayQuery, blockAtA, blockAtB, bookableCreation, ids, managesTemplates, otherOrg, overrideAtA, overrideAtB, providerAtA, providerBody, providerToMove, templateBody, templateToDelete, templateToRevise, venueBody, virtualBody } from '../permission-variants';

/** The matrix rows of what can be booked: bookables, availability, calendars and service templates. */
export const catalogueRows: Record<string, Variant[]> = {
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
  'GET /api/v1/bookables/{id}/stays': [
    { target: 'provider at A', outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.id }, query: stayQuery(w.org.nightlyTemplate.id) }) },
    { target: 'provider at B', outcomes: [Y, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.id }, query: stayQuery(w.org.nightlyTemplate.id) }) },
    otherOrg((w) => ({ params: { id: w.other.provider.id }, query: stayQuery(w.other.template.id) })),
  ],
  'GET /api/v1/calendars/{id}/slots': [
    { target: 'calendar of provider at A', outcomes: [Y, Y, F, Y, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerA.calendarId }, query: availabilityQuery(w.org.template.id) }) },
    { target: 'calendar of provider at B', outcomes: [Y, Y, F, F, Y, Y, Y, Y], request: (w) => ({ params: { id: w.org.providerB.calendarId }, query: availabilityQuery(w.org.template.id) }) },
    otherOrg((w) => ({ params: { id: w.other.provider.calendarId }, query: availabilityQuery(w.other.template.id) })),
  ],
  'GET /api/v1/search/availability': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ query: { organizationId: w.org.id, ...availabilityQuery(w.org.template.id) } }) },
    otherOrg((w) => ({ query: { organizationId: w.other.id, ...availabilityQuery(w.other.template.id) } })),
  ],
  'POST /api/v1/search/query': [
    { target: 'own organization', outcomes: ALL, request: (w) => ({ body: { organizationId: w.org.id, ...availabilityQuery(w.org.template.id), times: { earliestStart: '09:00' } } }) },
    otherOrg((w) => ({ body: { organizationId: w.other.id, ...availabilityQuery(w.other.template.id) } })),
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
};
