import { randomUUID } from 'node:crypto';
import { claimHold } from '../../src/db/queries/hold.queries';
import { lockBookableTime } from '../../src/db/queries/allocation-units';
import { createKnex } from '../../src/db/knex';
import { addMember, mondayAt, reservationBody, setUpClinic, type Clinic } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { testServiceAddresses } from '../support/test-services';

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

  it('a claim racing another writer of the same time waits its turn and is refused, never deadlocked', async () => {
    const race = await setUpClinic(app.baseUrl);
    const at = (hhmm: string) => new Date(mondayAt(hhmm));
    // The claim runs on a pool of its own, named, so the test can see when it is waiting.
    const claimer = createKnex(`${testServiceAddresses().databaseUrl}${testServiceAddresses().databaseUrl.includes('?') ? '&' : '?'}application_name=claim-race`);
    try {
      // Another writer (a block, a reschedule…) is writing 13:00–13:30 and will write 13:30–14:00 in the same transaction.
      const writer = await app.db.transaction();
      await lockBookableTime(writer, [race.providerId]);
      const allocation = (from: string, until: string) => ({ organizationId: race.orgId, bookableId: race.providerId, kind: 'booking', bookingId: `bk_${randomUUID()}`, period: writer.raw("tstzrange(?, ?, '[)')", [at(from), at(until)]) });
      await writer('allocations').insert(allocation('13:00', '13:30'));

      const reservationId = `res_${randomUUID()}`;
      const claim = claimHold(claimer, {
        reservationId, organizationId: race.orgId, locationId: race.locationId, serviceTemplateId: race.templateId, serviceTemplateVersion: 1,
        bookableIds: [race.providerId], bookerUserId: race.owner.userId, createdBy: race.owner.userId,
        startsAt: at('13:00'), endsAt: at('14:00'), blockedFrom: at('13:00'), blockedUntil: at('14:00'), timezone: 'Europe/Berlin',
        expiresAt: new Date(Date.now() + 600_000), workflowId: `reservation-${reservationId}`,
      }).then(() => 'held', (error: { code?: string }) => error.code ?? String(error));
      await eventually(
        () => app.db.raw("select count(*)::int as n from pg_stat_activity where application_name = 'claim-race' and wait_event_type = 'Lock'"),
        (result) => result.rows[0].n === 1,
      );

      // Had the claim written its row before waiting, this second write would wait for it while it waits for the first: a deadlock.
      await writer('allocations').insert(allocation('13:30', '14:00'));
      await writer.commit();
      expect(await claim).toBe('SLOT_UNAVAILABLE');
      expect(await app.db('allocations').where({ bookableId: race.providerId }).count({ n: '*' }).first()).toEqual({ n: 2 });
    } finally {
      await claimer.destroy();
    }
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
