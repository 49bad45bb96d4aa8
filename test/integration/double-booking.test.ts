import { addMember, mondayAt, reservationBody, setUpClinic, type Clinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('no double booking under load', () => {
  let app: TestApp;
  let clinic: Clinic;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
  });
  afterAll(() => app.stop());

  it('50 concurrent reservations of one slot: exactly one hold, 49 × 409 SLOT_UNAVAILABLE, one allocation row', async () => {
    const clients = await Promise.all(Array.from({ length: 5 }, (_, i) => addMember(app.baseUrl, clinic, 'client', `Client ${i}`)));
    const attempts = Array.from({ length: 50 }, (_, i) =>
      apiClient(app.baseUrl, clients[i % clients.length]!.token).post('/reservations', reservationBody(clinic, mondayAt('11:00')), { 'Idempotency-Key': `rush-${i}` }),
    );
    const responses = await Promise.all(attempts);

    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(new Set(responses.filter((r) => r.status === 409).map((r) => r.body.error.code))).toEqual(new Set(['SLOT_UNAVAILABLE']));

    const allocations = await app.db('allocations').where({ bookableId: clinic.providerId });
    expect(allocations).toHaveLength(1);
    const reservations = await app.db('reservations').where({ organizationId: clinic.orgId });
    expect(reservations).toHaveLength(1);
  });

  it('a slot overlapping another’s buffer is refused, an adjacent one is not', async () => {
    const buffered = await setUpClinic(app.baseUrl, { postBufferMinutes: 15 });
    const owner = apiClient(app.baseUrl, buffered.owner.token);
    expect((await owner.post('/reservations', reservationBody(buffered, mondayAt('09:00')))).status).toBe(201);
    // 09:00–09:30 plus a 15-minute clean-up blocks until 09:45.
    const inBuffer = await owner.post('/reservations', reservationBody(buffered, mondayAt('09:30')));
    expect(inBuffer.status).toBe(409);
    expect(inBuffer.body.error.code).toBe('SLOT_UNAVAILABLE');
    expect((await owner.post('/reservations', reservationBody(buffered, mondayAt('09:45')))).status).toBe(201);
  });
});
