import { addMember, mondayAt, reservationBody, setUpClinic, type Clinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the first booking, end to end through the API, Temporal and PostgreSQL', () => {
  let app: TestApp;
  let clinic: Clinic;
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
  });
  afterAll(() => app.stop());

  it('offers the provider’s working hours as slots in the location’s zone', async () => {
    const response = await client.get(
      `/bookables/${clinic.providerId}/availability?serviceTemplateId=${clinic.templateId}&from=2030-03-04T00:00:00Z&to=2030-03-05T00:00:00Z`,
    );
    expect(response.status).toBe(200);
    expect(response.body.slots).toHaveLength(16);
    expect(response.body.slots[0]).toMatchObject({
      startsAt: '2030-03-04T08:00:00.000Z',
      endsAt: '2030-03-04T08:30:00.000Z',
      local: { startsAt: '2030-03-04T09:00:00.000+01:00' },
    });
  });

  it('holds a slot, confirms it into a booking workflow, shows it, and cancelling frees the slot', async () => {
    const hold = await client.post('/reservations', reservationBody(clinic, mondayAt('10:00')), { 'Idempotency-Key': 'first-hold' });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ status: 'held', startsAt: '2030-03-04T09:00:00.000Z', workflowId: `reservation:${hold.body.id}` });
    const holdSeconds = (Date.parse(hold.body.expiresAt) - Date.now()) / 1000;
    expect(holdSeconds).toBeGreaterThan(590);
    expect(holdSeconds).toBeLessThanOrEqual(600);

    const taken = await client.post('/reservations', reservationBody(clinic, mondayAt('10:15')));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('SLOT_UNAVAILABLE');

    const slots = await client.get(`/bookables/${clinic.providerId}/availability?serviceTemplateId=${clinic.templateId}&from=2030-03-04T09:00:00Z&to=2030-03-04T10:00:00Z`);
    expect(slots.body.slots.map((s: { startsAt: string }) => s.startsAt)).toEqual(['2030-03-04T09:30:00.000Z']);

    const confirmed = await client.patch(`/reservations/${hold.body.id}/confirm`);
    expect(confirmed.status).toBe(201);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', reservationId: hold.body.id, bookableIds: [clinic.providerId] });
    const bookingId = confirmed.body.id;

    const shown = await client.get(`/bookings/${bookingId}`);
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ status: 'confirmed', workflowId: `booking:${bookingId}`, live: { status: 'confirmed' } });

    const described = await app.temporal.client.workflow.getHandle(`booking:${bookingId}`).describe();
    expect(described.status.name).toBe('RUNNING');

    const reservation = await client.get(`/reservations/${hold.body.id}`);
    expect(reservation.body).toMatchObject({ status: 'confirmed', bookingId });

    const listed = await client.get(`/organizations/${clinic.orgId}/bookings`);
    expect(listed.body.data.map((b: { id: string }) => b.id)).toEqual([bookingId]);

    const cancelled = await client.delete(`/bookings/${bookingId}`, { reason: 'feeling better' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'feeling better' } });
    expect((await client.get(`/bookings/${bookingId}`)).body.live).toMatchObject({ status: 'cancelled' });

    const again = await client.delete(`/bookings/${bookingId}`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('INVALID_TRANSITION');

    const rebooked = await client.post('/reservations', reservationBody(clinic, mondayAt('10:00')));
    expect(rebooked.status).toBe(201);
  });

  it('books in one step: the hold and its confirmation at once; a retry with the same key is the same booking, a second booker gets 409', async () => {
    const first = await client.post('/bookings', reservationBody(clinic, mondayAt('15:00')), { 'Idempotency-Key': 'one-step' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'confirmed', reservationId: expect.stringMatching(/^rs_/), local: { startsAt: '2030-03-04T15:00:00.000+01:00' } });
    expect(first.headers.get('location')).toBe(`/api/v1/bookings/${first.body.id}`);
    const retry = await client.post('/bookings', reservationBody(clinic, mondayAt('15:00')), { 'Idempotency-Key': 'one-step' });
    expect(retry.body.id).toBe(first.body.id);
    expect(await app.db('bookings').where({ reservationId: first.body.reservationId })).toHaveLength(1);
    const taken = await apiClient(app.baseUrl, clinic.owner.token).post('/bookings', reservationBody(clinic, mondayAt('15:00')));
    expect(taken.status).toBe(409);
    expect(taken.body.error.code).toBe('SLOT_UNAVAILABLE');
  });

  it('releases a hold on request, after which it can no longer be confirmed', async () => {
    const hold = await client.post('/reservations', reservationBody(clinic, mondayAt('14:00')));
    expect(hold.status).toBe(201);
    const released = await client.delete(`/reservations/${hold.body.id}`);
    expect(released.status).toBe(200);
    expect(released.body.status).toBe('released');
    const confirm = await client.patch(`/reservations/${hold.body.id}/confirm`);
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.code).toBe('RESERVATION_NOT_HELD');
    expect((await client.post('/reservations', reservationBody(clinic, mondayAt('14:00')))).status).toBe(201);
  });

  it('refuses slots outside working hours and in the past with their own codes', async () => {
    const sunday = await client.post('/reservations', reservationBody(clinic, '2030-03-03T10:00:00+01:00'));
    expect(sunday.status).toBe(422);
    expect(sunday.body.error.code).toBe('SLOT_OUTSIDE_AVAILABILITY');
    const lateEvening = await client.post('/reservations', reservationBody(clinic, mondayAt('16:45')));
    expect(lateEvening.body.error.code).toBe('SLOT_OUTSIDE_AVAILABILITY');
    const past = await client.post('/reservations', reservationBody(clinic, '2020-03-02T10:00:00+01:00'));
    expect(past.status).toBe(422);
    expect(past.body.error.code).toBe('SLOT_IN_THE_PAST');
  });
});
