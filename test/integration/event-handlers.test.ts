import { addMember, addTemplate, bookAt, type Clinic, inHours, setUpAroundTheClock } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('event handlers: conditions decide, the dry run tells in advance, the run log shows what happened', () => {
  let app: TestApp;
  let clinic: Clinic;
  let admin: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpAroundTheClock(app.baseUrl, {});
    admin = apiClient(app.baseUrl, clinic.owner.token);
  });
  afterAll(() => app.stop());

  it('only the handler whose condition holds fires, exactly as the dry run said', async () => {
    const groups = await admin.post(`/organizations/${clinic.orgId}/event-handlers`, {
      trigger: { event: 'booking.cancelled', conditions: [{ field: 'booking.participantCount', operator: 'greater_than', value: 1 }] },
      actions: [{ type: 'notify_admin', config: { subject: 'Group booking {{booking.id}} cancelled', text: 'It had {{booking.participantCount}} people.' } }],
    });
    expect(groups.status).toBe(201);
    const soon = await admin.post(`/organizations/${clinic.orgId}/event-handlers`, {
      trigger: { event: 'booking.cancelled', conditions: [{ field: 'booking.startTime', operator: 'within_hours', value: 48 }] },
      actions: [{ type: 'send_email', config: { to: 'participants', subject: 'Sorry about {{booking.id}}', text: 'Your booking at {{booking.startTime}} is off.' } }],
      priority: 1,
    });
    const client = await addMember(app.baseUrl, clinic, 'client', 'Hana Handled');
    const booking = await bookAt(apiClient(app.baseUrl, client.token), clinic, inHours(5));

    const dryRun = await admin.post(`/organizations/${clinic.orgId}/event-handlers/dry-run`, { type: 'booking.cancelled', bookingId: booking.id });
    expect(dryRun.body.handlers.map((h: { key: string; fires: boolean; why: string }) => [h.key, h.fires, h.why])).toEqual([
      [groups.body.id, false, 'conditions'],
      [soon.body.id, true, 'fires'],
    ]);
    expect(dryRun.body.handlers[0].conditions[0]).toMatchObject({ holds: false, actual: 1, expected: 1 });

    await admin.delete(`/bookings/${booking.id}`, { reason: 'handler test' });
    const mail = await app.mailbox.waitFor((m) => m.subject === `Sorry about ${booking.id}`);
    expect(mail.text).toContain('is off.');
    const runs = await eventually(() => admin.get(`/organizations/${clinic.orgId}/handler-runs?bookingId=${booking.id}`), (r) => r.body.data?.[0]?.status === 'completed');
    expect(runs.body.data.map((r: { handlerKey: string; status: string; results: unknown[] }) => [r.handlerKey, r.status, r.results])).toEqual([[soon.body.id, 'completed', [{ index: 0, type: 'send_email', outcome: '1 email message(s)' }]]]);
    expect(app.mailbox.messages.some((m) => m.subject.startsWith('Group booking'))).toBe(false);
  });

  it('a template’s own handler acts on its bookings: too-short-notice bookings are cancelled by the system', async () => {
    const templateId = await addTemplate(app.baseUrl, clinic, {
      workflows: {
        eventHandlers: [{ id: 'no-rush', trigger: { event: 'booking.created', conditions: [{ field: 'booking.startTime', operator: 'within_hours', value: 2 }] }, actions: [{ type: 'update_booking', config: { status: 'cancelled', reason: 'needs two hours notice' } }] }],
      },
    });
    const rushed = await bookAt(admin, clinic, inHours(1), templateId);
    const planned = await bookAt(admin, clinic, inHours(30), templateId);
    const cancelled = await eventually(() => admin.get(`/bookings/${rushed.id}`), (r) => r.body.status === 'cancelled');
    expect(cancelled.body.cancellation).toMatchObject({ cancelledBy: `automation:${templateId}@v1#no-rush`, reason: 'needs two hours notice', refund: { basis: 'cancelled_by_business' } });
    expect((await admin.get(`/bookings/${planned.id}`)).body.status).toBe('confirmed');
  });

  it('refuses handlers that name unknown events or actions not available yet', async () => {
    const bad = await admin.post(`/organizations/${clinic.orgId}/event-handlers`, { trigger: { event: 'booking.teleported' }, actions: [{ type: 'generate_invoice' }, { type: 'update_booking', config: { status: 'confirmed' } }] });
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path)).toEqual(['trigger.event', 'actions.0.type', 'actions.1.config.status']);
  });
});

describe('automation rules run from Temporal Schedules (the spec’s two examples)', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('the 24-hour reminder at 09:00 local reaches only bookings in the next 24 hours; the Schedule is in Temporal with its cron and zone', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { lifecycle: { confirmation: { sendConfirmationEmail: false } } });
    const admin = apiClient(app.baseUrl, clinic.owner.token);
    const client = await addMember(app.baseUrl, clinic, 'client', 'Tim Tomorrow');
    const tomorrow = await bookAt(apiClient(app.baseUrl, client.token), clinic, inHours(20));
    const later = await bookAt(apiClient(app.baseUrl, client.token), clinic, inHours(72));

    const rule = await admin.post(`/organizations/${clinic.orgId}/automation-rules`, {
      name: 'Send 24-hour reminder',
      cron: '0 9 * * *',
      timezone: 'Europe/Berlin',
      conditions: [{ field: 'booking.startTime', operator: 'within_hours', value: 24 }],
      actions: [{ type: 'send_email', config: { template: 'booking_reminder', to: 'participants' } }],
    });
    expect(rule.status).toBe(201);
    const schedule = await app.temporal.client.schedule.getHandle(rule.body.scheduleId).describe();
    expect(schedule.spec).toMatchObject({ timezone: 'Europe/Berlin' });
    expect(JSON.stringify(schedule.spec)).toContain('"hour":[{"start":9');

    expect((await admin.post(`/automation-rules/${rule.body.id}/trigger`, {})).status).toBe(202);
    const reminder = await app.mailbox.waitFor((m) => m.subject.startsWith('Reminder') && m.text.includes(tomorrow.id));
    expect(reminder.text).toContain('Hello Tim Tomorrow,');
    const runs = await eventually(() => admin.get(`/automation-rules/${rule.body.id}`), (r) => r.body.runs?.[0]?.status === 'completed');
    expect(runs.body.runs.map((r: { bookingId: string }) => r.bookingId)).toEqual([tomorrow.id]);
    expect(app.mailbox.messages.some((m) => m.text.includes(later.id))).toBe(false);

    // Paused, the Schedule says so; deleted, it is gone from Temporal.
    await admin.patch(`/automation-rules/${rule.body.id}`, { enabled: false });
    expect((await app.temporal.client.schedule.getHandle(rule.body.scheduleId).describe()).state.paused).toBe(true);
    expect((await admin.delete(`/automation-rules/${rule.body.id}`)).status).toBe(204);
    await expect(app.temporal.client.schedule.getHandle(rule.body.scheduleId).describe()).rejects.toThrow();
  });

  it('auto-cancels under-booked classes at noon: fewer participants than the template’s minimum', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, { type: 'class', capacity: { type: 'group', group: { minParticipants: 3, maxParticipants: 10 } } });
    const admin = apiClient(app.baseUrl, clinic.owner.token);
    const thin = await bookAt(admin, clinic, inHours(26));
    const full = await bookAt(admin, clinic, inHours(50));
    for (const email of ['a@example.com', 'b@example.com']) await admin.post(`/bookings/${full.id}/participants`, { email, role: 'guest' });

    expect((await admin.post(`/organizations/${clinic.orgId}/automation-rules`, { name: 'No zone', cron: '0 12 * * *', actions: [{ type: 'notify_admin' }] })).body.error.details.fields).toEqual([expect.objectContaining({ path: 'timezone' })]);
    await admin.patch(`/organizations/${clinic.orgId}`, { defaultConfig: { timezone: 'Europe/Berlin' } });
    const rule = await admin.post(`/organizations/${clinic.orgId}/automation-rules`, {
      name: 'Auto-cancel underbooked class',
      cron: '0 12 * * *',
      conditions: [{ field: 'booking.participantCount', operator: 'less_than', value: '{{booking.serviceTemplate.minParticipants}}' }],
      actions: [{ type: 'update_booking', config: { status: 'cancelled', reason: 'underbooked' } }],
    });
    expect(rule.body.timezone).toBe('Europe/Berlin');
    await app.temporal.client.schedule.getHandle(rule.body.scheduleId).trigger();
    const cancelled = await eventually(() => admin.get(`/bookings/${thin.id}`), (r) => r.body.status === 'cancelled');
    expect(cancelled.body.cancellation).toMatchObject({ reason: 'underbooked', cancelledBy: `automation:${rule.body.id}` });
    expect((await admin.get(`/bookings/${full.id}`)).body.status).toBe('confirmed');
  });
});
