import { eventually } from '../support/eventually';
import { mondayAt, reservationBody, setUpClinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('holds expire on their durable timer', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
  });
  afterAll(() => app.stop());

  it('an unconfirmed hold expires after the template’s hold time and frees the slot', async () => {
    const worker = await app.startWorker();
    try {
      const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 2 });
      const owner = apiClient(app.baseUrl, clinic.owner.token);
      const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('09:00')));
      expect(hold.status).toBe(201);

      const expired = await eventually(() => owner.get(`/reservations/${hold.body.id}`), (r) => r.body.status === 'expired');
      expect(expired.body).toMatchObject({ status: 'expired', live: { status: 'expired' } });
      expect(await app.db('allocations').where({ reservationId: hold.body.id })).toHaveLength(0);

      const confirm = await owner.patch(`/reservations/${hold.body.id}/confirm`);
      expect(confirm.status).toBe(409);
      expect(confirm.body.error.code).toBe('RESERVATION_NOT_HELD');
      expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('09:00')))).status).toBe(201);
    } finally {
      await worker.stop();
    }
  });

  it('a hold still expires when its worker died before the timer fired and a new worker starts later', async () => {
    const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 3 });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const first = await app.startWorker();
    const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('12:00')));
    expect(hold.status).toBe(201);
    await first.stop();

    await sleep(4_000);
    // No worker ran while the timer fired: the projection still says held.
    expect((await app.db('reservations').where({ id: hold.body.id }).first()).status).toBe('held');

    const second = await app.startWorker();
    try {
      const expired = await eventually(() => app.db('reservations').where({ id: hold.body.id }).first(), (row) => row.status === 'expired');
      expect(expired.status).toBe('expired');
      expect(await app.db('allocations').where({ reservationId: hold.body.id })).toHaveLength(0);
      expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('12:00')))).status).toBe(201);
    } finally {
      await second.stop();
    }
  });

  it('a new customer gets a slot whose hold has lapsed even before the expiry timer has run', async () => {
    const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 1 });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const first = await app.startWorker();
    const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('15:00')));
    expect(hold.status).toBe(201);
    await first.stop();
    await sleep(1_500);

    const second = await app.startWorker();
    try {
      const next = await owner.post('/reservations', reservationBody(clinic, mondayAt('15:00')));
      expect(next.status).toBe(201);
      expect(await app.db('allocations').where({ bookableId: clinic.providerId })).toHaveLength(1);
    } finally {
      await second.stop();
    }
  });
});

describe('a hold while the API is down', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('still expires on time and frees its slot: the timer lives in Temporal, not in the API process', async () => {
    const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 2 });
    const hold = await apiClient(app.baseUrl, clinic.owner.token).post('/reservations', reservationBody(clinic, mondayAt('14:00')));
    expect(hold.status).toBe(201);
    await app.stopApi();
    await expect(fetch(`${app.baseUrl}/health`)).rejects.toThrow();

    const expired = await eventually(() => app.db('reservations').where({ id: hold.body.id }).first(), (row) => row.status === 'expired', 15_000);
    expect(expired.status).toBe('expired');
    expect(new Date(expired.updatedAt).getTime()).toBeGreaterThanOrEqual(new Date(hold.body.expiresAt).getTime());
    expect(await app.db('allocations').where({ reservationId: hold.body.id })).toHaveLength(0);
  });
});

describe('extending a hold', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('pushes the expiry back up to the template’s limit, and the hold then expires at its new time', async () => {
    const clinic = await setUpClinic(app.baseUrl, { holdDurationSeconds: 3 });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const extendable = await owner.post(`/organizations/${clinic.orgId}/service-templates`, {
      name: 'Extendable',
      duration: { type: 'fixed', fixedMinutes: 30 },
      lifecycle: { reservation: { holdDurationSeconds: 3, allowExtension: true, maxExtensions: 1, extensionDurationSeconds: 4 } },
    });
    const hold = await owner.post('/reservations', { ...reservationBody(clinic, mondayAt('09:00')), serviceTemplateId: extendable.body.id });
    const extended = await owner.post(`/reservations/${hold.body.id}/extend`, {});
    expect(extended.status).toBe(200);
    expect(Date.parse(extended.body.expiresAt) - Date.parse(hold.body.expiresAt)).toBe(4_000);
    const again = await owner.post(`/reservations/${hold.body.id}/extend`, {});
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED', details: { extensions: 1, max: 1 } });

    // Past the original expiry the hold is still held; past the extended one it is gone.
    await sleep(Math.max(0, Date.parse(hold.body.expiresAt) - Date.now()) + 500);
    expect((await owner.get(`/reservations/${hold.body.id}`)).body).toMatchObject({ status: 'held', live: { status: 'held', extensions: 1 } });
    const expired = await eventually(() => owner.get(`/reservations/${hold.body.id}`), (r) => r.body.status === 'expired');
    expect(expired.body.status).toBe('expired');
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(extended.body.expiresAt));

    const fixed = await owner.post('/reservations', reservationBody(clinic, mondayAt('10:00')));
    const refused = await owner.post(`/reservations/${fixed.body.id}/extend`, {});
    expect(refused.body.error).toMatchObject({ code: 'EXTENSION_NOT_ALLOWED', details: { max: 0 } });
  });
});
