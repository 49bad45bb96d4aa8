import { addMember, inHours, mondayAt, reservationBody, setUpAroundTheClock, setUpClinic, type Clinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('the booking lifecycle through its workflow', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;
  let client: ReturnType<typeof apiClient>;

  const book = async (api: ReturnType<typeof apiClient>, wall: string, body = {}) => {
    const hold = await api.post('/reservations', { ...reservationBody(clinic, mondayAt(wall)), ...body });
    expect(hold.status).toBe(201);
    const confirmed = await api.patch(`/reservations/${hold.body.id}/confirm`);
    expect(confirmed.status).toBe(201);
    return confirmed.body.id as string;
  };

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    owner = apiClient(app.baseUrl, clinic.owner.token);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
  });
  afterAll(() => app.stop());

  it('check-in, completion and review, each in the audit trail with its actor', async () => {
    const id = await book(client, '09:00');
    const checkedIn = await owner.post(`/bookings/${id}/check-in`, { method: 'qr_code' });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body).toMatchObject({ status: 'checked_in', checkInMethod: 'qr_code' });
    expect(checkedIn.body.checkedInAt).toEqual(expect.any(String));

    const early = await owner.post(`/bookings/${id}/review`, { rating: 5 });
    expect(early.status).toBe(403); // the owner did not book it

    const notYet = await client.post(`/bookings/${id}/review`, { rating: 5 });
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('INVALID_TRANSITION');

    expect((await owner.post(`/bookings/${id}/complete`, { reason: 'all done' })).body).toMatchObject({ status: 'completed' });
    const reviewed = await client.post(`/bookings/${id}/review`, { rating: 4, comment: 'Kind and on time' });
    expect(reviewed.body).toMatchObject({ status: 'reviewed', review: { rating: 4, comment: 'Kind and on time' } });

    const shown = await owner.get(`/bookings/${id}`);
    expect(shown.body.live).toMatchObject({ status: 'reviewed' });
    expect(shown.body.auditTrail.map((e: { event: string; fromStatus: string; toStatus: string }) => [e.event, e.fromStatus, e.toStatus])).toEqual([
      ['check_in', 'confirmed', 'checked_in'],
      ['complete', 'checked_in', 'completed'],
      ['review', 'completed', 'reviewed'],
    ]);
    const trail = await client.get(`/bookings/${id}/audit-trail`);
    expect(trail.body.data[0].actor).toBe(`user:${clinic.owner.userId}`);
    expect(trail.body.data[1].reason).toBe('all done');
    // The workflow has ended: nothing can change any more.
    expect((await owner.delete(`/bookings/${id}`)).body.error.code).toBe('INVALID_TRANSITION');
  });

  it('refuses impossible moves with INVALID_TRANSITION and changes nothing', async () => {
    const id = await book(owner, '10:00');
    const completed = await owner.post(`/bookings/${id}/complete`, {});
    expect(completed.status).toBe(409);
    expect(completed.body.error.code).toBe('INVALID_TRANSITION');
    expect((await owner.get(`/bookings/${id}`)).body).toMatchObject({ status: 'confirmed', auditTrail: [] });
  });

  it('a no-show frees the slot for someone else', async () => {
    const id = await book(owner, '11:00');
    expect((await owner.post(`/bookings/${id}/no-show`, { reason: 'did not answer the phone' })).body).toMatchObject({ status: 'no_show' });
    expect(await app.db('allocations').where({ bookingId: id })).toHaveLength(0);
    expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('11:00')))).status).toBe(201);
  });

  it('reschedules by claiming the new time and releasing the old one; a taken time keeps the booking where it was', async () => {
    const id = await book(client, '13:00');
    await book(owner, '14:00');

    const intoTaken = await client.patch(`/bookings/${id}`, { startsAt: mondayAt('14:00') });
    expect(intoTaken.status).toBe(409);
    expect(intoTaken.body.error.code).toBe('SLOT_UNAVAILABLE');
    expect((await owner.get(`/bookings/${id}`)).body).toMatchObject({ startsAt: '2030-03-04T12:00:00.000Z', live: { startsAt: '2030-03-04T12:00:00.000Z' } });
    expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('13:00')))).status).toBe(409);

    const moved = await client.patch(`/bookings/${id}`, { startsAt: mondayAt('15:00') });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ startsAt: '2030-03-04T14:00:00.000Z', endsAt: '2030-03-04T14:30:00.000Z', status: 'confirmed' });
    const allocations = await app.db('allocations').where({ bookingId: id });
    expect(allocations).toHaveLength(1);
    expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('13:00')))).status).toBe(201);
    expect((await owner.post('/reservations', reservationBody(clinic, mondayAt('15:00')))).status).toBe(409);
    const trail = (await owner.get(`/bookings/${id}/audit-trail`)).body.data;
    expect(trail).toEqual([expect.objectContaining({ event: 'reschedule', fromStatus: 'confirmed', toStatus: 'confirmed' })]);

    const outside = await client.patch(`/bookings/${id}`, { startsAt: '2030-03-03T10:00:00+01:00' });
    expect(outside.status).toBe(422);
    expect(outside.body.error.code).toBe('SLOT_OUTSIDE_AVAILABILITY');
  });

  it('two reschedules racing into one free slot: exactly one wins', async () => {
    const [first, second] = await Promise.all([book(owner, '09:30'), book(owner, '10:30')]);
    const results = await Promise.all([owner.patch(`/bookings/${first}`, { startsAt: mondayAt('16:00') }), owner.patch(`/bookings/${second}`, { startsAt: mondayAt('16:00') })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const atFour = await app.db('bookings').whereIn('id', [first, second]).where('starts_at', new Date('2030-03-04T15:00:00Z'));
    expect(atFour).toHaveLength(1);
  });

  it('follows the template: a check-in window that has not opened, and a service that cannot be rescheduled', async () => {
    const strict = await owner.post(`/organizations/${clinic.orgId}/service-templates`, {
      name: 'Strict consultation',
      duration: { type: 'fixed', fixedMinutes: 30 },
      lifecycle: { checkIn: { enabled: true, openMinutesBefore: 30, closeMinutesAfter: 10 } },
      cancellation: { allowReschedule: false },
    });
    expect(strict.status).toBe(201);
    const id = await book(owner, '12:00', { serviceTemplateId: strict.body.id });
    const checkIn = await owner.post(`/bookings/${id}/check-in`, {});
    expect(checkIn.status).toBe(422);
    expect(checkIn.body.error.code).toBe('CHECK_IN_NOT_OPEN');
    expect(checkIn.body.error.details.opensAt).toBe('2030-03-04T10:30:00.000Z');
    const reschedule = await owner.patch(`/bookings/${id}`, { startsAt: mondayAt('12:30') });
    expect(reschedule.status).toBe(422);
    expect(reschedule.body.error.code).toBe('RESCHEDULE_NOT_ALLOWED');
    expect((await owner.get(`/bookings/${id}`)).body).toMatchObject({ status: 'confirmed', startsAt: '2030-03-04T11:00:00.000Z' });
  });
});

describe('cancellation records its refund decision with the booking', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('applies the tier for the hours left, the late window, and a full refund when the business cancels', async () => {
    const clinic2 = await setUpAroundTheClock(app.baseUrl, {
      cancellation: {
        refundTiers: [
          { minHoursBefore: 48, refundBps: 10_000 },
          { minHoursBefore: 4, maxHoursBefore: 48, refundBps: 5_000, offerStoreCredit: true, storeCreditBonusBps: 1_000 },
        ],
        lateCancellation: { windowHours: 2, refundBps: 0 },
      },
    });
    const api = apiClient(app.baseUrl, clinic2.owner.token);
    const clientApi = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic2, 'client')).token);
    const bookAt = async (api2: ReturnType<typeof apiClient>, hours: number) => {
      const hold = await api2.post('/reservations', { serviceTemplateId: clinic2.templateId, bookableId: clinic2.providerId, startsAt: inHours(hours) });
      expect(hold.status).toBe(201);
      return (await api2.patch(`/reservations/${hold.body.id}/confirm`)).body.id as string;
    };

    const cases: Array<[number, ReturnType<typeof apiClient>, Record<string, unknown>]> = [
      [72, clientApi, { basis: 'refund_tier', tierIndex: 0 }],
      [10, clientApi, { basis: 'refund_tier', tierIndex: 1, storeCredit: { offered: true, bonusBps: 1_000 } }],
      [1, clientApi, { basis: 'late_cancellation' }],
      [1.5, api, { basis: 'cancelled_by_business' }],
    ];
    for (const [hours, canceller, expected] of cases) {
      const id = await bookAt(clientApi, hours);
      const cancelled = await canceller.delete(`/bookings/${id}`, { reason: `${hours} h before` });
      expect(cancelled.status).toBe(200);
      expect({ hours, refund: cancelled.body.cancellation.refund }).toMatchObject({ hours, refund: { paidAmount: 0, refundAmount: 0, ...expected } });
      const trail = (await api.get(`/bookings/${id}/audit-trail`)).body.data;
      expect(trail).toEqual([expect.objectContaining({ event: 'cancel', toStatus: 'cancelled', reason: `${hours} h before`, details: { refund: expect.objectContaining(expected) } })]);
    }
  });
});

describe('listing bookings by bookable and participant', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('filters by the bookable used and by the person booked, combined with status and dates', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const secondProvider = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, {
      name: 'Dr. Grace Hopper',
      locationId: clinic.locationId,
      weeklySchedule: { monday: [{ start: '09:00', end: '17:00' }] },
    });
    const client = await addMember(app.baseUrl, clinic, 'client');
    const clientApi = apiClient(app.baseUrl, client.token);
    const book = async (api: ReturnType<typeof apiClient>, bookableId: string, wall: string) => {
      const hold = await api.post('/reservations', { ...reservationBody(clinic, mondayAt(wall)), bookableId });
      return (await api.patch(`/reservations/${hold.body.id}/confirm`)).body.id as string;
    };
    const withAda = await book(clientApi, clinic.providerId, '09:00');
    const withGrace = await book(owner, secondProvider.body.id, '10:00');
    const ids = async (query: string) => (await owner.get(`/organizations/${clinic.orgId}/bookings?${query}`)).body.data.map((b: { id: string }) => b.id);

    expect(await ids(`bookableId=${clinic.providerId}`)).toEqual([withAda]);
    expect(await ids(`bookableId=${secondProvider.body.id}`)).toEqual([withGrace]);
    expect(await ids(`participantUserId=${client.userId}`)).toEqual([withAda]);
    expect(await ids(`participantUserId=${client.userId}&status=cancelled`)).toEqual([]);
    expect(await ids(`bookableId=${secondProvider.body.id}&from=2030-03-04T09:15:00Z&to=2030-03-04T09:20:00Z`)).toEqual([withGrace]);
    expect(await ids(`bookableId=${secondProvider.body.id}&from=2030-03-04T09:30:00Z`)).toEqual([]);
  });
});
