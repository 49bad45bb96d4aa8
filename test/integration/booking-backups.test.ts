import { addMember, addTemplate, aroundTheClock, bookAt, type Clinic, inHours, setUpAroundTheClock } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient, signUp } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

// Backup providers stand by for a booking's provider and take over when it falls through.
describe('backup bookables', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;
  let client: ReturnType<typeof apiClient>;
  const backups: Array<{ id: string; email: string }> = [];

  const backupTemplate = (backup: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    addTemplate(app.baseUrl, clinic, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 } },
      bookables: {
        required: [{ id: 'clinician', bookableType: 'provider', specificBookableId: clinic.providerId, compensation: { type: 'flat', amount: 5_000 } }],
        backups: [{ primaryRequirementId: 'clinician', backupBookableIds: backups.map((b) => b.id), ...backup }],
      },
      ...extra,
    });
  const backupsOf = async (bookingId: string) => (await owner.get(`/bookings/${bookingId}/backups`)).body.data as Array<Record<string, unknown>>;
  const standbyOf = (bookingId: string) => eventually(() => backupsOf(bookingId), (rows) => rows.length > 0);
  const ledger = async (providerId: string) => {
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const to = encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString());
    return (await owner.get(`/providers/${providerId}/compensation?from=${from}&to=${to}`)).body.data as Array<{ bookingId: string; reason: string; amount: number }>;
  };

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpAroundTheClock(app.baseUrl, {});
    owner = apiClient(app.baseUrl, clinic.owner.token);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    for (const name of ['Backup One', 'Backup Two']) {
      const email = `${name.toLowerCase().replace(' ', '-')}@clinic.example`;
      const created = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, { name, locationId: clinic.locationId, weeklySchedule: aroundTheClock, email });
      expect(created.status).toBe(201);
      backups.push({ id: created.body.id, email });
    }
  });
  afterAll(() => app.stop());

  it('a primary reported unavailable is replaced by its standby: the slot moves to the backup, the primary is free, the backup is told and paid', async () => {
    const templateId = await backupTemplate({ notifyBeforeHours: 48, compensation: { ifNotUsed: 'partial', ifUsed: 'premium', amounts: { standbyFeeAmount: 1_500, usageFeeAmount: 6_000 } } });
    const startsAt = inHours(30);
    const booking = await bookAt(client, clinic, startsAt, templateId);

    // On standby: the first free candidate, told at once (the start is nearer than notifyBeforeHours).
    expect(await standbyOf(booking.id)).toEqual([expect.objectContaining({ backupBookableId: backups[0]!.id, primaryBookableId: clinic.providerId, status: 'standby', strategy: 'availability' })]);
    const notice = await app.mailbox.waitFor((m) => m.to.includes(backups[0]!.email) && m.subject.startsWith('You are on standby'));
    expect(notice.text).toContain(booking.id);

    const activated = await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'Dr. Lovelace is ill' }, { 'Idempotency-Key': 'activate-1' });
    expect(activated.status).toBe(200);
    expect(activated.body.data).toEqual([expect.objectContaining({ backupBookableId: backups[0]!.id, status: 'activated', trigger: 'primary_unavailable', reason: 'Dr. Lovelace is ill' })]);
    // A retry with the same key changes nothing more.
    expect((await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'Dr. Lovelace is ill' }, { 'Idempotency-Key': 'activate-1' })).status).toBe(200);

    const after = await owner.get(`/bookings/${booking.id}`);
    expect(after.body.bookableIds).toEqual([backups[0]!.id]);
    expect(after.body.status).toBe('confirmed');
    // The slot now belongs to the backup; the primary is free for someone else.
    expect((await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: backups[0]!.id, startsAt })).status).toBe(409);
    expect((await bookAt(client, clinic, startsAt)).status).toBe('confirmed');

    const taken = await app.mailbox.waitFor((m) => m.to.includes(backups[0]!.email) && m.subject.startsWith('You are taking over'));
    expect(taken.text).toContain('Reason: Dr. Lovelace is ill');
    const events = await app.db('domain_events').where({ bookingId: booking.id, type: 'backup.activated' });
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ booking: { bookableIds: [backups[0]!.id] }, backup: { primaryBookableId: clinic.providerId, backupBookableId: backups[0]!.id, trigger: 'primary_unavailable' } });
    expect((await owner.get(`/bookings/${booking.id}/audit-trail`)).body.data.map((e: { event: string }) => e.event)).toEqual(expect.arrayContaining(['backup_standby', 'backup_activated']));

    // Once the booking is completed the backup earns its usage fee, premium (125 %), once.
    await owner.post(`/bookings/${booking.id}/check-in`, {});
    await owner.post(`/bookings/${booking.id}/complete`, {});
    const paid = await eventually(() => ledger(backups[0]!.id), (rows) => rows.some((r) => r.bookingId === booking.id));
    expect(paid.filter((r) => r.bookingId === booking.id).map((r) => [r.reason, r.amount])).toEqual([['backup_used', 7_500]]);
    expect(await backupsOf(booking.id)).toEqual([expect.objectContaining({ status: 'activated', feeAmount: 7_500, currency: 'EUR' })]);
  });

  it('when every backup is busy the booking keeps its provider: 409 BACKUP_UNAVAILABLE and nothing changes', async () => {
    const templateId = await backupTemplate({});
    const startsAt = inHours(40);
    for (const backup of backups) await bookAt(client, { templateId: clinic.templateId, providerId: backup.id }, startsAt);
    const booking = await bookAt(client, clinic, startsAt, templateId);
    // Nobody could stand by (the audit trail says so); the swap is still tried against the database.
    const trail = () => owner.get(`/bookings/${booking.id}/audit-trail`).then((r) => r.body.data.map((e: { event: string }) => e.event) as string[]);
    await eventually(trail, (events) => events.includes('backup_unassigned'));
    const refused = await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'ill' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('BACKUP_UNAVAILABLE');
    expect((await owner.get(`/bookings/${booking.id}`)).body.bookableIds).toEqual([clinic.providerId]);
    expect(await backupsOf(booking.id)).toEqual([]);
    expect(await app.db('allocations').where({ bookingId: booking.id }).pluck('bookable_id')).toEqual([clinic.providerId]);
    expect(await app.db('domain_events').where({ bookingId: booking.id, type: 'backup.activated' })).toEqual([]);

    // A no-show report is not covered by a backup configured for cancellations only.
    const cancellationsOnly = await backupTemplate({ trigger: { when: 'primary_cancelled' } });
    const other = await bookAt(client, clinic, inHours(41), cancellationsOnly);
    const uncovered = await owner.post(`/bookings/${other.id}/backups/activate`, { trigger: 'primary_no_show' });
    expect(uncovered.status).toBe(422);
    expect(uncovered.body.error.code).toBe('BACKUP_NOT_CONFIGURED');
  });

  it('a requirement named by criteria is backed up for whichever provider was booked', async () => {
    const templateId = await addTemplate(app.baseUrl, clinic, {
      bookables: { required: [{ id: 'anyone', bookableType: 'provider', criteria: { tags: ['clinician'] } }], backups: [{ primaryRequirementId: 'anyone', backupBookableIds: backups.map((b) => b.id), autoAssignStrategy: 'least_recently_used' }] },
    });
    const booking = await bookAt(client, clinic, inHours(60), templateId);
    expect((await standbyOf(booking.id))[0]).toMatchObject({ primaryBookableId: clinic.providerId, status: 'standby' });
    const activated = await owner.post(`/bookings/${booking.id}/backups/activate`, { trigger: 'primary_no_show', primaryBookableId: clinic.providerId });
    expect(activated.status).toBe(200);
    expect(activated.body.data[0]).toMatchObject({ status: 'activated', trigger: 'primary_no_show' });
  });

  it('round robin rotates the standbys; a provider cancelling is replaced automatically; an unused standby earns its standby fee', async () => {
    const templateId = await backupTemplate({ trigger: { when: 'primary_cancelled' }, autoAssign: true, autoAssignStrategy: 'round_robin', compensation: { ifNotUsed: 'partial', amounts: { standbyFeeAmount: 1_500 } } });
    const first = await bookAt(client, clinic, inHours(50), templateId);
    expect((await standbyOf(first.id))[0]!.backupBookableId).toBe(backups[0]!.id);
    const second = await bookAt(client, clinic, inHours(51), templateId);
    expect((await standbyOf(second.id))[0]!.backupBookableId).toBe(backups[1]!.id);
    const third = await bookAt(client, clinic, inHours(52), templateId);
    expect((await standbyOf(third.id))[0]!.backupBookableId).toBe(backups[0]!.id);

    const member = await signUp(app.baseUrl, 'Primary Provider');
    await owner.post(`/organizations/${clinic.orgId}/members`, { email: member.email, role: 'provider', providerId: clinic.providerId });
    const provider = apiClient(app.baseUrl, member.token);
    const cancelled = await provider.post(`/bookings/${first.id}/cancel`, { reason: 'double-booked elsewhere' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'confirmed', bookableIds: [backups[0]!.id] });
    expect(await backupsOf(first.id)).toEqual([expect.objectContaining({ status: 'activated', trigger: 'primary_cancelled' })]);

    await owner.post(`/bookings/${second.id}/check-in`, {});
    await owner.post(`/bookings/${second.id}/complete`, {});
    const paid = await eventually(() => ledger(backups[1]!.id), (rows) => rows.some((r) => r.bookingId === second.id));
    expect(paid.filter((r) => r.bookingId === second.id).map((r) => [r.reason, r.amount])).toEqual([['backup_standby', 1_500]]);
    expect(await backupsOf(second.id)).toEqual([expect.objectContaining({ status: 'released', feeAmount: 1_500 })]);
  });

  it('a backup named by criteria stands by with a provider meeting them on the booking\'s day, never one that does not', async () => {
    const cover = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, { name: 'Cover Nurse', locationId: clinic.locationId, weeklySchedule: aroundTheClock, tags: ['cover'], email: 'cover@clinic.example' });
    expect(cover.status).toBe(201);
    const templateId = await addTemplate(app.baseUrl, clinic, {
      bookables: {
        required: [{ id: 'clinician', bookableType: 'provider', specificBookableId: clinic.providerId }],
        backups: [{ primaryRequirementId: 'clinician', criteria: { tags: ['cover'] }, autoAssignStrategy: 'least_recently_used' }],
      },
    });
    const booking = await bookAt(client, clinic, inHours(64), templateId);
    expect(await standbyOf(booking.id)).toEqual([expect.objectContaining({ backupBookableId: cover.body.id, primaryBookableId: clinic.providerId, status: 'standby', strategy: 'least_recently_used' })]);
    const activated = await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'running late' });
    expect(activated.status).toBe(200);
    expect((await owner.get(`/bookings/${booking.id}`)).body.bookableIds).toEqual([cover.body.id]);
  });

  it('a booking moved to a time its standby is busy gets the next free backup on standby, told of the new time; nobody free leaves none', async () => {
    const templateId = await backupTemplate({ notifyBeforeHours: 200 });
    const booking = await bookAt(client, clinic, inHours(80), templateId);
    expect((await standbyOf(booking.id))[0]).toMatchObject({ backupBookableId: backups[0]!.id, status: 'standby' });

    // Backup One is booked at 84 h; the booking moves there.
    await bookAt(client, { templateId: clinic.templateId, providerId: backups[0]!.id }, inHours(84));
    expect((await owner.patch(`/bookings/${booking.id}`, { startsAt: inHours(84) })).status).toBe(200);
    const replaced = await eventually(() => backupsOf(booking.id), (rows) => rows[0]?.backupBookableId === backups[1]!.id);
    expect(replaced).toEqual([expect.objectContaining({ backupBookableId: backups[1]!.id, primaryBookableId: clinic.providerId, status: 'standby' })]);
    const notice = await app.mailbox.waitFor((m) => m.to.includes(backups[1]!.email) && m.subject.startsWith('You are on standby'));
    expect(notice.to).toEqual([backups[1]!.email]);
    const trail = async () => (await owner.get(`/bookings/${booking.id}/audit-trail`)).body.data as Array<{ event: string; details: Record<string, unknown> | null }>;
    expect((await trail()).filter((e) => e.event === 'backup_standby').map((e) => e.details)).toEqual([
      expect.objectContaining({ backupBookableId: backups[0]!.id }),
      expect.objectContaining({ backupBookableId: backups[1]!.id, replacedBookableId: backups[0]!.id }),
    ]);

    // Both backups are busy at 88 h: after the move nobody stands by, and the trail says so.
    for (const backup of backups) await bookAt(client, { templateId: clinic.templateId, providerId: backup.id }, inHours(88));
    expect((await owner.patch(`/bookings/${booking.id}`, { startsAt: inHours(88) })).status).toBe(200);
    expect(await eventually(() => backupsOf(booking.id), (rows) => rows.length === 0)).toEqual([]);
    expect((await eventually(trail, (events) => events.some((e) => e.event === 'backup_unassigned'))).map((e) => e.event)).toContain('backup_unassigned');
    const refused = await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'ill' });
    expect(refused.status).toBe(409);
    expect((await owner.get(`/bookings/${booking.id}`)).body.bookableIds).toEqual([clinic.providerId]);
  });

  it('a backup that needs more notice than is left does not take over: 409 and the booking keeps its provider', async () => {
    const templateId = await backupTemplate({ id: 'needs-two-days', trigger: { when: 'primary_unavailable', noticeHours: 48 } });
    const booking = await bookAt(client, clinic, inHours(44), templateId);
    await standbyOf(booking.id);
    const refused = await owner.post(`/bookings/${booking.id}/backups/activate`, { reason: 'ill' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'BACKUP_UNAVAILABLE', details: { tried: [], tooLate: ['needs-two-days'] } });
    expect((await owner.get(`/bookings/${booking.id}`)).body.bookableIds).toEqual([clinic.providerId]);
  });
});

