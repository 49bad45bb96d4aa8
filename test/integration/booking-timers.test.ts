import { eventually } from '../support/eventually';
import { addMember, bookAt, inHours, setUpAroundTheClock } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('approval and timed transitions of the booking workflow', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('manual approval: pending until approved; a rejected one frees its time; an unapproved one expires at its deadline', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { lifecycle: { confirmation: { autoConfirm: false, approvalDeadlineSeconds: 3 } } });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);

    const approved = await bookAt(client, clinic, inHours(30));
    expect(approved.status).toBe('pending');
    expect((await client.post(`/bookings/${approved.id}/approve`, {})).status).toBe(403);
    expect((await owner.post(`/bookings/${approved.id}/approve`, { reason: 'looks fine' })).body.status).toBe('confirmed');

    const rejected = await bookAt(client, clinic, inHours(31));
    const rejection = await owner.post(`/bookings/${rejected.id}/reject`, { reason: 'provider on leave' });
    expect(rejection.body).toMatchObject({ status: 'cancelled', cancellation: { reason: 'provider on leave' } });
    expect(await app.db('allocations').where({ bookingId: rejected.id })).toHaveLength(0);

    const forgotten = await bookAt(client, clinic, inHours(32));
    // The projection is written by the timer's activity a moment before the workflow's own state moves on.
    const expired = await eventually(() => owner.get(`/bookings/${forgotten.id}`), (r) => r.body.status === 'expired' && r.body.live?.status === 'expired');
    expect(expired.body).toMatchObject({ status: 'expired', live: { status: 'expired' } });
    expect(expired.body.auditTrail).toEqual([expect.objectContaining({ event: 'expire', fromStatus: 'pending', toStatus: 'expired', actor: 'system' })]);
    expect(await app.db('allocations').where({ bookingId: forgotten.id })).toHaveLength(0);
    // The approved one was not touched by the deadline.
    expect((await owner.get(`/bookings/${approved.id}`)).body.status).toBe('confirmed');
  });

  it('marks a no-show by itself after the grace period, and bans a client with too many no-shows', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, {
      cancellation: { noShowPolicy: { gracePeriodMinutes: 0, autoMarkNoShow: true, markNoShowAfterMinutes: 0, trackNoShows: true, maxNoShowsBeforeBan: 1, banDurationDays: 30 } },
    });
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const owner = apiClient(app.baseUrl, clinic.owner.token);

    const soon = new Date(Date.now() + 4_000).toISOString();
    const booking = await bookAt(client, clinic, soon);
    const missed = await eventually(() => owner.get(`/bookings/${booking.id}`), (r) => r.body.status === 'no_show');
    expect(missed.body).toMatchObject({ status: 'no_show', noShowAt: expect.any(String) });
    expect(missed.body.auditTrail).toEqual([expect.objectContaining({ event: 'mark_no_show', actor: 'system' })]);

    const banned = await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(48) });
    expect(banned.status).toBe(403);
    expect(banned.body.error).toMatchObject({ code: 'CLIENT_BANNED', details: { noShows: 1 } });
    // The business can still book; the ban is the client's.
    expect((await owner.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(48) })).status).toBe(201);
  });

  it('a checked-in booking is not marked a no-show', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { cancellation: { noShowPolicy: { gracePeriodMinutes: 0, autoMarkNoShow: true, markNoShowAfterMinutes: 0 } } });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const booking = await bookAt(owner, clinic, new Date(Date.now() + 3_000).toISOString());
    expect((await owner.post(`/bookings/${booking.id}/check-in`, {})).body.status).toBe('checked_in');
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await owner.get(`/bookings/${booking.id}`)).body).toMatchObject({ status: 'checked_in', live: { status: 'checked_in' } });
  });
});
