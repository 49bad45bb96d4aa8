import { addMember, addTemplate, bookAt, mondayAt, setUpAroundTheClock, setUpClinic, type Clinic } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('participants of a booking', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('the booker adds an observer and a guest, who are told by email; the observer sees the booking, leaves, and checks in nobody twice', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const booker = await addMember(app.baseUrl, clinic, 'client', 'Bea Booker');
    const observer = await addMember(app.baseUrl, clinic, 'client', 'Olga Observer');
    const asBooker = apiClient(app.baseUrl, booker.token);
    const asObserver = apiClient(app.baseUrl, observer.token);
    const booking = await bookAt(asBooker, clinic, mondayAt('10:00'));
    expect((await asObserver.get(`/bookings/${booking.id}`)).status).toBe(404);

    const added = await asBooker.post(`/bookings/${booking.id}/participants`, { userId: observer.userId, role: 'observer' });
    expect(added.status).toBe(201);
    const guest = await asBooker.post(`/bookings/${booking.id}/participants`, { email: 'Grace.Guest@example.com', name: 'Grace Guest', role: 'guest' });
    expect(guest.body.participants.map((p: { role: string; status: string }) => [p.role, p.status])).toEqual([
      ['primary', 'active'],
      ['observer', 'active'],
      ['guest', 'active'],
    ]);
    await app.mailbox.waitFor((m) => m.to.includes('Grace.Guest@example.com') && m.subject.startsWith('You have been added to a booking'));

    // Nobody takes part twice; the refusal changes nothing.
    const twice = await asBooker.post(`/bookings/${booking.id}/participants`, { email: 'grace.guest@EXAMPLE.com' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('ALREADY_EXISTS');
    expect(await app.db('booking_participants').where({ bookingId: booking.id })).toHaveLength(3);
    const unknownUser = await asBooker.post(`/bookings/${booking.id}/participants`, { userId: 'usr_notamemberofthisorg0000' });
    expect(unknownUser.body.error).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'userId' }] } });

    // The observer sees the booking as their own, in the list too.
    expect((await asObserver.get(`/bookings/${booking.id}`)).body.participants).toHaveLength(3);
    const listed = await asObserver.get(`/organizations/${clinic.orgId}/bookings`);
    expect(listed.body.data.map((b: { id: string }) => b.id)).toEqual([booking.id]);

    // Staff check the guest in: the first arrival checks the booking in.
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const guestId = guest.body.participants[2].id;
    const checkedIn = await owner.post(`/bookings/${booking.id}/participants/${guestId}/check-in`, { method: 'qr_code' });
    expect(checkedIn.body.status).toBe('checked_in');
    expect(checkedIn.body.participants[2]).toMatchObject({ id: guestId, checkInMethod: 'qr_code', checkedInAt: expect.any(String) });
    expect((await owner.post(`/bookings/${booking.id}/participants/${guestId}/check-in`, {})).body.error.code).toBe('INVALID_TRANSITION');

    // The observer leaves by themselves; the primary cannot be removed (they cancel instead).
    const observerId = added.body.participants[1].id;
    const left = await asObserver.delete(`/bookings/${booking.id}/participants/${observerId}`, { reason: 'cannot make it' });
    expect(left.status).toBe(200);
    expect((await asObserver.get(`/bookings/${booking.id}`)).status).toBe(404);
    const primaryId = added.body.participants[0].id;
    expect((await asBooker.delete(`/bookings/${booking.id}/participants/${primaryId}`)).body.error.code).toBe('INVALID_TRANSITION');

    const trail = (await owner.get(`/bookings/${booking.id}/audit-trail`)).body.data.map((e: { event: string }) => e.event);
    expect(trail).toEqual(['participant_added', 'participant_added', 'participant_checked_in', 'check_in', 'participant_removed']);
  });
});

describe('when the primary participant cancels (template rule whenPrimaryCancels)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  async function bookedWithObserver(clinic: Clinic, templateId: string, startsAt: string) {
    const booker = await addMember(app.baseUrl, clinic, 'client', 'Pia Primary');
    const observer = await addMember(app.baseUrl, clinic, 'client', 'Otto Observer');
    const asBooker = apiClient(app.baseUrl, booker.token);
    const booking = await bookAt(asBooker, clinic, startsAt, templateId);
    const added = await asBooker.post(`/bookings/${booking.id}/participants`, { userId: observer.userId, role: 'observer' });
    return { booking, asBooker, asObserver: apiClient(app.baseUrl, observer.token), observer, observerId: added.body.participants[1].id as string };
  }

  it('cancel_all cancels the booking for everyone; transfer_to_observer hands it to the observer', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const all = await bookedWithObserver(clinic, await addTemplate(app.baseUrl, clinic, { cancellation: { whenPrimaryCancels: 'cancel_all' } }), mondayAt('10:00'));
    expect((await all.asBooker.delete(`/bookings/${all.booking.id}`, { reason: 'sick' })).body.status).toBe('cancelled');
    expect(await app.db('allocations').where({ bookingId: all.booking.id })).toHaveLength(0);

    const handed = await bookedWithObserver(clinic, await addTemplate(app.baseUrl, clinic, { cancellation: { whenPrimaryCancels: 'transfer_to_observer' } }), mondayAt('11:00'));
    const after = await handed.asBooker.delete(`/bookings/${handed.booking.id}`, { reason: 'travelling' });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ status: 'confirmed', bookerUserId: handed.observer.userId, cancellation: null });
    const seen = await handed.asObserver.get(`/bookings/${handed.booking.id}`);
    expect(seen.body.participants.map((p: { id: string; role: string; status: string }) => [p.role, p.status])).toEqual([
      ['primary', 'active'],
      ['primary', 'cancelled'],
    ]);
    expect(seen.body.participants[0].id).toBe(handed.observerId);
    // The one who left no longer sees it; the slot is still taken.
    expect((await handed.asBooker.get(`/bookings/${handed.booking.id}`)).status).toBe(404);
    expect(await app.db('allocations').where({ bookingId: handed.booking.id })).toHaveLength(1);
    expect(seen.body.auditTrail.at(-1)).toMatchObject({ event: 'primary_transferred', reason: 'travelling' });
  });

  it('require_new_primary keeps the booking for the others until someone takes over, and the system cancels it at its start if nobody does', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { cancellation: { whenPrimaryCancels: 'require_new_primary' } });
    const owner = apiClient(app.baseUrl, clinic.owner.token);

    const rescued = await bookedWithObserver(clinic, clinic.templateId, new Date(Date.now() + 3_600_000).toISOString());
    const waiting = await rescued.asBooker.delete(`/bookings/${rescued.booking.id}`, {});
    expect(waiting.body).toMatchObject({ status: 'confirmed', bookerUserId: null });
    expect((await owner.get(`/bookings/${rescued.booking.id}`)).body.live).toMatchObject({ awaitingNewPrimary: true });
    const takenOver = await owner.post(`/bookings/${rescued.booking.id}/participants`, { email: 'new.primary@example.com', role: 'primary' });
    expect(takenOver.status).toBe(201);
    expect((await owner.get(`/bookings/${rescued.booking.id}`)).body.live).toMatchObject({ status: 'confirmed', awaitingNewPrimary: false });

    // Far enough ahead that a loaded machine still books it before it starts, near enough to wait for.
    const abandoned = await bookedWithObserver(clinic, clinic.templateId, new Date(Date.now() + 12_000).toISOString());
    await abandoned.asBooker.delete(`/bookings/${abandoned.booking.id}`, {});
    const cancelled = await eventually(() => owner.get(`/bookings/${abandoned.booking.id}`), (r) => r.body.status === 'cancelled', 30_000);
    expect(cancelled.body.cancellation).toMatchObject({ cancelledBy: 'system', reason: 'Nobody took over as the primary participant.', refund: { basis: 'cancelled_by_business' } });
    expect(await app.db('allocations').where({ bookingId: abandoned.booking.id })).toHaveLength(0);
  });
});
