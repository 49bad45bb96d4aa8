import { mondayAt, reservationBody, setUpClinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('requests made while no worker runs finish when one comes back', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp({ worker: false });
  });
  afterAll(() => app.stop());

  it('a confirmation and a reschedule sent during a worker outage complete once a worker starts, exactly once', async () => {
    const first = await app.startWorker();
    const clinic = await setUpClinic(app.baseUrl);
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const hold = await owner.post('/reservations', reservationBody(clinic, mondayAt('09:00')));
    expect(hold.status).toBe(201);
    await first.stop();

    // The update is durable in Temporal: the request waits for a worker instead of failing.
    const confirming = owner.patch(`/reservations/${hold.body.id}/confirm`, undefined, { 'Idempotency-Key': 'outage-confirm' });
    await sleep(2_000);
    const second = await app.startWorker();
    const confirmed = await confirming;
    expect(confirmed.status).toBe(201);
    expect(confirmed.body.status).toBe('confirmed');
    await second.stop();

    const rescheduling = owner.patch(`/bookings/${confirmed.body.id}`, { startsAt: mondayAt('11:00') }, { 'Idempotency-Key': 'outage-move' });
    await sleep(2_000);
    const third = await app.startWorker();
    try {
      const moved = await rescheduling;
      expect(moved.status).toBe(200);
      expect(moved.body.startsAt).toBe('2030-03-04T10:00:00.000Z');
      // Retrying with the same key replays the answer; the booking moved once and holds one claim.
      const retry = await owner.patch(`/bookings/${confirmed.body.id}`, { startsAt: mondayAt('11:00') }, { 'Idempotency-Key': 'outage-move' });
      expect(retry.headers.get('idempotent-replayed')).toBe('true');
      expect(await app.db('allocations').where({ bookingId: confirmed.body.id })).toHaveLength(1);
      expect(await app.db('booking_events').where({ bookingId: confirmed.body.id, event: 'reschedule' })).toHaveLength(1);
    } finally {
      await third.stop();
    }
  });
});
