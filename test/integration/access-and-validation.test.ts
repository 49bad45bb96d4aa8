import { addMember, mondayAt, reservationBody, setUpClinic, type Clinic } from '../support/builders';
import { apiClient, request } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

const tables = ['organizations', 'organization_memberships', 'locations', 'bookables', 'calendars', 'service_templates', 'reservations', 'bookings', 'allocations'];

describe('bad input, other tenants and missing permissions change nothing', () => {
  let app: TestApp;
  let clinic: Clinic;
  let rival: Clinic;
  let bookingId: string;
  let client: ReturnType<typeof apiClient>;

  // Other test files share the database, so count only this file's two organizations' rows.
  async function rowCounts(): Promise<Record<string, number>> {
    const orgIds = [clinic.orgId, rival.orgId];
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const column = table === 'organizations' ? 'id' : 'organization_id';
      counts[table] = Number((await app.db(table).whereIn(column, orgIds).count('* as n').first())!.n);
    }
    counts.organizationsCreatedByOwner = Number((await app.db('organizations').where('created_by', clinic.owner.userId).count('* as n').first())!.n);
    return counts;
  }

  beforeAll(async () => {
    app = await startTestApp();
    [clinic, rival] = await Promise.all([setUpClinic(app.baseUrl), setUpClinic(app.baseUrl)]);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const rivalOwner = apiClient(app.baseUrl, rival.owner.token);
    const hold = await rivalOwner.post('/reservations', reservationBody(rival, mondayAt('09:00')));
    bookingId = (await rivalOwner.patch(`/reservations/${hold.body.id}/confirm`)).body.id;
  });
  afterAll(() => app.stop());

  it('answers bad bodies with 400 VALIDATION_FAILED naming each field, and writes nothing', async () => {
    const before = await rowCounts();
    const owner = apiClient(app.baseUrl, clinic.owner.token);

    const location = await owner.post(`/organizations/${clinic.orgId}/locations`, { name: '', timezone: 'Mars/Olympus' });
    expect(location.status).toBe(400);
    expect(location.body.error.code).toBe('VALIDATION_FAILED');
    expect(location.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['name', 'timezone']);
    expect(location.body.error.requestId).toEqual(expect.any(String));

    const provider = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, {
      name: 'Dr. X',
      locationId: clinic.locationId,
      weeklySchedule: { monday: [{ start: '17:00', end: '09:00' }], funday: [] },
    });
    expect(provider.status).toBe(400);
    expect(provider.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['weeklySchedule.monday.0.end', 'weeklySchedule.funday']));

    const template = await owner.post(`/organizations/${clinic.orgId}/service-templates`, { name: 'X', duration: { type: 'fixed', fixedMinutes: 0 }, surprise: true });
    expect(template.status).toBe(400);
    expect(template.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['duration.fixedMinutes', 'surprise']));

    const hold = await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: '2030-03-04 10:00' });
    expect(hold.status).toBe(400);
    expect(hold.body.error.details.fields[0].path).toBe('startsAt');

    const malformed = await request(app.baseUrl, 'POST', '/api/v1/reservations', { token: clinic.owner.token, rawBody: '{"serviceTemplateId":' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('MALFORMED_JSON');

    expect(await rowCounts()).toEqual(before);
  });

  it('answers unknown ids with 404 NOT_FOUND', async () => {
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    for (const path of ['/bookings/bk_000000000000000000000000', '/reservations/rs_000000000000000000000000', '/bookables/bkb_000000000000000000000000', '/organizations/org_000000000000000000000000']) {
      const response = await owner.get(path);
      expect({ path, status: response.status, code: response.body.error.code }).toEqual({ path, status: 404, code: 'NOT_FOUND' });
    }
    expect((await owner.get('/no-such-route')).body.error.code).toBe('ROUTE_NOT_FOUND');
  });

  it('hides another organization’s rows behind 404, for reads and writes alike', async () => {
    const before = await rowCounts();
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    expect((await owner.get(`/bookings/${bookingId}`)).status).toBe(404);
    expect((await owner.delete(`/bookings/${bookingId}`)).status).toBe(404);
    expect((await owner.get(`/organizations/${rival.orgId}`)).status).toBe(404);
    expect((await owner.get(`/organizations/${rival.orgId}/bookings`)).status).toBe(404);
    expect((await owner.post(`/organizations/${rival.orgId}/locations`, { name: 'Mine now', timezone: 'Europe/Berlin' })).status).toBe(404);
    expect((await owner.post('/reservations', reservationBody(rival, mondayAt('11:00')))).status).toBe(404);
    // Our template with their provider: the provider decides the organization, and the template is not theirs.
    const mixed = await owner.post('/reservations', { ...reservationBody(clinic, mondayAt('11:00')), bookableId: rival.providerId });
    expect(mixed.status).toBe(404);
    // A location id of another organization is refused as unknown, not attached across tenants.
    const crossLocation = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, { name: 'Sneaky', locationId: rival.locationId, weeklySchedule: {} });
    expect(crossLocation.status).toBe(400);
    expect(crossLocation.body.error.details.fields[0].path).toBe('locationId');
    expect((await apiClient(app.baseUrl, rival.owner.token).get(`/bookings/${bookingId}`)).body.status).toBe('confirmed');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses a client creating a bookable or a template with 403 FORBIDDEN', async () => {
    const before = await rowCounts();
    const provider = await client.post(`/organizations/${clinic.orgId}/bookables/providers`, { name: 'Me', locationId: clinic.locationId, weeklySchedule: {} });
    expect(provider.status).toBe(403);
    expect(provider.body.error.code).toBe('FORBIDDEN');
    expect((await client.post(`/organizations/${clinic.orgId}/service-templates`, { name: 'Free', duration: { type: 'fixed', fixedMinutes: 5 } })).status).toBe(403);
    expect((await client.post(`/organizations/${clinic.orgId}/members`, { email: 'x@example.com', role: 'owner' })).status).toBe(403);
    expect(await rowCounts()).toEqual(before);
  });

  it('shows a client only their own bookings', async () => {
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const ownersHold = await owner.post('/reservations', reservationBody(clinic, mondayAt('13:00')));
    const ownersBooking = (await owner.patch(`/reservations/${ownersHold.body.id}/confirm`)).body.id;
    const clientsHold = await client.post('/reservations', reservationBody(clinic, mondayAt('14:00')));
    const clientsBooking = (await client.patch(`/reservations/${clientsHold.body.id}/confirm`)).body.id;

    expect((await client.get(`/organizations/${clinic.orgId}/bookings`)).body.data.map((b: { id: string }) => b.id)).toEqual([clientsBooking]);
    expect((await client.get(`/bookings/${ownersBooking}`)).status).toBe(404);
    expect((await client.delete(`/bookings/${ownersBooking}`)).status).toBe(404);
    expect((await owner.get(`/organizations/${clinic.orgId}/bookings`)).body.data.map((b: { id: string }) => b.id).sort()).toEqual([ownersBooking, clientsBooking].sort());
  });

  it('asks anonymous callers to sign in', async () => {
    const anonymous = await apiClient(app.baseUrl).get(`/organizations/${clinic.orgId}`);
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');
    expect((await apiClient(app.baseUrl, 'not-a-session').get('/organizations')).status).toBe(401);
  });
});
