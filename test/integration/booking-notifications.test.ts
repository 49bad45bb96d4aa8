import { addMember, addTemplate, bookAt, mondayAt, reservationBody, setUpAroundTheClock, setUpClinic } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient, signUp } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

const secondsFromNow = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();

describe('what bookings tell people: email through the outbox', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('confirms a booking by email in the booking’s local time, and the outbox shows it sent', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const client = await addMember(app.baseUrl, clinic, 'client', 'Carla Client');
    const email = (await app.db('users').where({ id: client.userId }).first('email')).email as string;
    const booking = await bookAt(apiClient(app.baseUrl, client.token), clinic, mondayAt('10:00'));

    const mail = await app.mailbox.waitFor((m) => m.to.includes(email));
    expect(mail.subject).toBe('Booking confirmed: Consultation on Monday, 4 March 2030, 10:00 (Europe/Berlin)');
    expect(mail.text).toContain('Hello Carla Client,');
    expect(mail.text).toContain(`Booking: ${booking.id}`);

    const outbox = await eventually(() => apiClient(app.baseUrl, client.token).get(`/bookings/${booking.id}/notifications`), (r) => r.body.data?.[0]?.status === 'sent');
    expect(outbox.body.data).toEqual([expect.objectContaining({ kind: 'booking_confirmed', channel: 'email', recipient: email, status: 'sent', transport: 'smtp', attempts: 1 })]);
    const orgWide = await apiClient(app.baseUrl, clinic.owner.token).get(`/organizations/${clinic.orgId}/notifications?bookingId=${booking.id}`);
    expect(orgWide.body.data.map((n: { id: string }) => n.id)).toEqual(outbox.body.data.map((n: { id: string }) => n.id));
  });

  it('plans reminders again when the booking moves: the old time’s reminder never goes, the new one does, once', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { lifecycle: { reminders: [{ before: 'PT10S' }], confirmation: { sendConfirmationEmail: false } } });
    const client = await addMember(app.baseUrl, clinic, 'client', 'Rita Reminded');
    const api = apiClient(app.baseUrl, client.token);
    const booking = await bookAt(api, clinic, secondsFromNow(15)); // reminder due in ~5 s
    const moved = await api.patch(`/bookings/${booking.id}`, { startsAt: secondsFromNow(22) }); // now due in ~12 s
    expect(moved.status).toBe(200);

    await new Promise((r) => setTimeout(r, 8_000));
    expect(app.mailbox.messages.filter((m) => m.subject.startsWith('Reminder'))).toEqual([]);
    const reminder = await app.mailbox.waitFor((m) => m.subject.startsWith('Reminder'), 15_000);
    expect(reminder.text).toContain(`Booking: ${booking.id}`);
    // The sink has the message a moment before the outbox row says sent.
    const reminders = await eventually(() => app.db('notifications').where({ bookingId: booking.id, kind: 'booking_reminder' }), (rows) => rows[0]?.status === 'sent');
    expect(reminders).toEqual([expect.objectContaining({ status: 'sent' })]);
    expect(reminders[0].dedupeKey).toContain(moved.body.startsAt);
  });

  it('asks for a review after its delay once the booking is completed, and tells the client about a cancellation', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { lifecycle: { followUp: { sendReviewRequest: true, reviewRequestDelaySeconds: 2 } } });
    const client = await addMember(app.baseUrl, clinic, 'client', 'Rene Reviewer');
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const booking = await bookAt(apiClient(app.baseUrl, client.token), clinic, secondsFromNow(600));
    await owner.post(`/bookings/${booking.id}/check-in`, {});
    const completedAt = Date.now();
    await owner.post(`/bookings/${booking.id}/complete`, {});
    const request = await app.mailbox.waitFor((m) => m.subject === 'How was your Visit?');
    expect(Date.now() - completedAt).toBeGreaterThanOrEqual(1_900);
    expect(request.text).toContain('Hello Rene Reviewer,');

    const other = await bookAt(apiClient(app.baseUrl, client.token), clinic, secondsFromNow(3_600));
    await owner.delete(`/bookings/${other.id}`, { reason: 'provider ill' });
    const cancelled = await app.mailbox.waitFor((m) => m.subject.startsWith('Booking cancelled') && m.text.includes(other.id));
    expect(cancelled.text).toContain('Reason: provider ill');
  });

  it('a hold that expires unconfirmed tells the organization’s admins when the template says notify_admin, and frees the slot', async () => {
    const clinic = await setUpClinic(app.baseUrl);
    const admin = await signUp(app.baseUrl, 'Ada Admin');
    await apiClient(app.baseUrl, clinic.owner.token).post(`/organizations/${clinic.orgId}/members`, { email: admin.email, role: 'admin' });
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Watched hold', lifecycle: { reservation: { holdDurationSeconds: 1, onExpiry: 'notify_admin' } } });
    const hold = await apiClient(app.baseUrl, clinic.owner.token).post('/reservations', { ...reservationBody(clinic, mondayAt('11:00')), serviceTemplateId: templateId });
    expect(hold.status).toBe(201);

    const mail = await app.mailbox.waitFor((m) => m.subject.startsWith('Hold expired') && m.text.includes(hold.body.id));
    const owner = (await app.db('users').where({ id: clinic.owner.userId }).first('email')).email;
    const toAdmins = () => app.mailbox.messages.filter((m) => m.subject === mail.subject).flatMap((m) => m.to);
    await eventually(async () => toAdmins(), (to) => to.length >= 2);
    expect(toAdmins().sort()).toEqual([admin.email, owner].sort());
    expect(await app.db('allocations').where({ reservationId: hold.body.id })).toHaveLength(0);
  });
});
