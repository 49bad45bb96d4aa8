import { mondayAt, reservationBody, setUpClinic, type Clinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('API keys for server-to-server clients', () => {
  let app: TestApp;
  let clinic: Clinic;
  let rival: Clinic;

  beforeAll(async () => {
    app = await startTestApp();
    [clinic, rival] = await Promise.all([setUpClinic(app.baseUrl), setUpClinic(app.baseUrl)]);
  });
  afterAll(() => app.stop());

  it('acts inside its own organization with its role, never another’s, and stops working when revoked', async () => {
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const created = await owner.post(`/organizations/${clinic.orgId}/api-keys`, { name: 'front desk kiosk', role: 'manager' });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^bzk_/);
    expect(JSON.stringify((await owner.get(`/organizations/${clinic.orgId}/api-keys`)).body)).not.toContain(created.body.secret);

    const kiosk = apiClient(app.baseUrl, created.body.secret);
    const hold = await kiosk.post('/reservations', reservationBody(clinic, mondayAt('09:00')));
    expect(hold.status).toBe(201);
    expect(hold.body.bookerUserId).toBeNull();
    expect((await kiosk.patch(`/reservations/${hold.body.id}/confirm`)).status).toBe(201);
    expect((await kiosk.get(`/organizations/${rival.orgId}/bookings`)).status).toBe(404);
    expect((await kiosk.post('/reservations', reservationBody(rival, mondayAt('09:00')))).status).toBe(404);
    expect((await kiosk.post(`/organizations/${clinic.orgId}/api-keys`, { name: 'escalate' })).status).toBe(403);
    expect((await kiosk.post('/organizations', { name: 'Shadow org' })).status).toBe(403);

    // A key with the client role has no bookings of its own, so it lists none (not everyone's).
    const clientKey = await owner.post(`/organizations/${clinic.orgId}/api-keys`, { name: 'widget', role: 'client' });
    const widget = apiClient(app.baseUrl, clientKey.body.secret);
    const listed = await widget.get(`/organizations/${clinic.orgId}/bookings`);
    expect(listed.status).toBe(200);
    expect(listed.body.data).toEqual([]);
    expect((await kiosk.get(`/organizations/${clinic.orgId}/bookings`)).body.data).toHaveLength(1);

    expect((await owner.delete(`/organizations/${clinic.orgId}/api-keys/${created.body.id}`)).status).toBe(204);
    const revoked = await kiosk.get(`/organizations/${clinic.orgId}/bookings`);
    expect(revoked.status).toBe(401);
    expect(revoked.body.error.code).toBe('UNAUTHENTICATED');
  });
});

describe('Idempotency-Key on mutations', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    owner = apiClient(app.baseUrl, clinic.owner.token);
  });
  afterAll(() => app.stop());

  it('replays the first response for the same key and body, without a second hold', async () => {
    const body = reservationBody(clinic, mondayAt('10:00'));
    const first = await owner.post('/reservations', body, { 'Idempotency-Key': 'retry-me' });
    const second = await owner.post('/reservations', body, { 'Idempotency-Key': 'retry-me' });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(await app.db('reservations').where({ organizationId: clinic.orgId })).toHaveLength(1);
  });

  it('refuses the same key with a different body with 422 IDEMPOTENCY_KEY_REUSED', async () => {
    await owner.post('/reservations', reservationBody(clinic, mondayAt('11:00')), { 'Idempotency-Key': 'one-key' });
    const reused = await owner.post('/reservations', reservationBody(clinic, mondayAt('12:00')), { 'Idempotency-Key': 'one-key' });
    expect(reused.status).toBe(422);
    expect(reused.body.error.code).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(await app.db('reservations').where({ organizationId: clinic.orgId, startsAt: new Date('2030-03-04T11:00:00Z') })).toHaveLength(0);
  });

  it('answers a retry that arrives while the first attempt still runs with 409, and the workflow is started once', async () => {
    const body = reservationBody(clinic, mondayAt('13:00'));
    const [a, b] = await Promise.all([
      owner.post('/reservations', body, { 'Idempotency-Key': 'racing' }),
      owner.post('/reservations', body, { 'Idempotency-Key': 'racing' }),
    ]);
    const statuses = [a.status, b.status].sort();
    expect(statuses[0]).toBe(201);
    // The second either waited its turn and was replayed, or found the first still running.
    if (statuses[1] === 409) expect([a, b].find((r) => r.status === 409)!.body.error.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    else expect(statuses[1]).toBe(201);
    expect(await app.db('reservations').where({ organizationId: clinic.orgId, startsAt: new Date('2030-03-04T12:00:00Z') })).toHaveLength(1);
  });

  it('remembers a refusal: the same key after the slot frees up still answers 409', async () => {
    const body = reservationBody(clinic, mondayAt('10:00'));
    const refused = await owner.post('/reservations', body, { 'Idempotency-Key': 'too-late' });
    expect(refused.status).toBe(409);
    const replay = await owner.post('/reservations', body, { 'Idempotency-Key': 'too-late' });
    expect(replay.status).toBe(409);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(replay.body.error.requestId).not.toBe(refused.body.error.requestId);
  });

  it('makes confirm and cancel safe to retry', async () => {
    const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('15:00')));
    const confirmA = await owner.patch(`/reservations/${hold.body.id}/confirm`, undefined, { 'Idempotency-Key': 'confirm-1' });
    const confirmB = await owner.patch(`/reservations/${hold.body.id}/confirm`, undefined, { 'Idempotency-Key': 'confirm-1' });
    expect(confirmA.status).toBe(201);
    expect(confirmB.body.id).toBe(confirmA.body.id);
    const cancelA = await owner.delete(`/bookings/${confirmA.body.id}`, undefined, { 'Idempotency-Key': 'cancel-1' });
    const cancelB = await owner.delete(`/bookings/${confirmA.body.id}`, undefined, { 'Idempotency-Key': 'cancel-1' });
    expect([cancelA.status, cancelB.status]).toEqual([200, 200]);
    expect(cancelB.body.status).toBe('cancelled');
  });
});
