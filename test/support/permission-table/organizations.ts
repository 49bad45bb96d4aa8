import { unique } from '../permission-fixtures';
import { ALL, F, N, type Variant, Y, coOwner, doomedOrganization, ids, newcomer, otherOrg, spareKey } from '../permission-variants';

/** The matrix rows of organizations, their members, API keys and locations. */
export const organizationsRows: Record<string, Variant[]> = {
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
};
