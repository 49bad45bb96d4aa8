import { mondayAt, setUpClinic, type Clinic } from '../support/builders';
import { create, expectStatus, type Api } from '../support/configuration-builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Configuration that bookings depend on, through the API with real workflows: template versions
 * (a booking keeps the rules it was made under) and calendars (closed days, changed hours, blocked time).
 */
describe('configuration scenarios with bookings', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  const minutesBetween = (body: { startsAt: string; endsAt: string }) => (Date.parse(body.endsAt) - Date.parse(body.startsAt)) / 60_000;
  const errorOf = (response: { status: number; body: any }) => ({ status: response.status, code: response.body?.error?.code });

  async function book(owner: Api, serviceTemplateId: string, bookableId: string, startsAt: string) {
    const hold = expectStatus(await owner.post('/reservations', { serviceTemplateId, bookableId, startsAt }), 201, `hold at ${startsAt}`);
    return { hold: hold.body, booking: expectStatus(await owner.patch(`/reservations/${hold.body.id}/confirm`), 201, 'confirm').body };
  }

  describe('service template versions', () => {
    let clinic: Clinic;
    let owner: Api;
    let templates: string;
    beforeAll(async () => {
      clinic = await setUpClinic(app.baseUrl);
      owner = apiClient(app.baseUrl, clinic.owner.token);
      templates = `/organizations/${clinic.orgId}/service-templates`;
    });

    it('keeps a booking on the version it was made with while new bookings use the new version', async () => {
      const template = await create(owner, templates, {
        name: 'Physiotherapy',
        duration: { type: 'fixed', fixedMinutes: 30 },
        lifecycle: { reservation: { holdDurationSeconds: 600 } },
        cancellation: { refundTiers: [{ minHoursBefore: 24, refundBps: 10_000 }] },
      });
      expect(template).toMatchObject({ version: 1, status: 'active' });
      const first = await book(owner, template.id, clinic.providerId, mondayAt('10:00'));
      expect(first.hold).toMatchObject({ serviceTemplateVersion: 1 });
      const heldFor = (Date.parse(first.hold.expiresAt) - Date.now()) / 1000;
      expect(heldFor).toBeGreaterThan(590);
      expect(heldFor).toBeLessThanOrEqual(600);
      expect(minutesBetween(first.booking)).toBe(30);

      const revised = await owner.patch(`/service-templates/${template.id}`, {
        duration: { type: 'fixed', fixedMinutes: 60 },
        cancellation: { refundTiers: [{ minHoursBefore: 48, refundBps: 5_000 }] },
      });
      expect(revised.status).toBe(200);
      expect(revised.body).toMatchObject({ version: 2, duration: { fixedMinutes: 60 }, cancellation: { refundTiers: [{ minHoursBefore: 48, refundBps: 5_000 }] } });

      const firstShown = (await owner.get(`/bookings/${first.booking.id}`)).body;
      expect(firstShown).toMatchObject({ serviceTemplateVersion: 1, serviceTemplate: { id: template.id, version: 1, duration: { type: 'fixed', fixedMinutes: 30 } } });
      expect(firstShown.serviceTemplate.cancellation.refundTiers).toEqual([expect.objectContaining({ minHoursBefore: 24, refundBps: 10_000 })]);
      expect(minutesBetween(firstShown)).toBe(30);

      expect((await owner.get(`/service-templates/${template.id}`)).body).toMatchObject({ version: 2, duration: { fixedMinutes: 60 } });
      expect((await owner.get(`/service-templates/${template.id}/versions`)).body.data.map((v: { version: number }) => v.version)).toEqual([1, 2]);
      expect((await owner.get(`/service-templates/${template.id}/versions/1`)).body).toMatchObject({ version: 1, duration: { fixedMinutes: 30 } });
      expect((await owner.get(`/service-templates/${template.id}/versions/2`)).body).toMatchObject({ version: 2, duration: { fixedMinutes: 60 } });

      const second = await book(owner, template.id, clinic.providerId, mondayAt('13:00'));
      expect(second.hold.serviceTemplateVersion).toBe(2);
      expect(second.booking).toMatchObject({ serviceTemplateVersion: 2, startsAt: '2030-03-04T12:00:00.000Z', endsAt: '2030-03-04T13:00:00.000Z' });
      expect((await owner.get(`/bookings/${second.booking.id}`)).body.serviceTemplate).toMatchObject({ version: 2, duration: { fixedMinutes: 60 } });
    });

    it('edits a draft in place, as version 1', async () => {
      const draft = await create(owner, templates, { name: 'Hydrotherapy', status: 'draft', duration: { type: 'fixed', fixedMinutes: 30 } });
      expect((await owner.patch(`/service-templates/${draft.id}`, { name: 'Hydrotherapy (pool)' })).body).toMatchObject({ version: 1, status: 'draft' });
      expect((await owner.patch(`/service-templates/${draft.id}`, { duration: { type: 'fixed', fixedMinutes: 50 } })).body).toMatchObject({ version: 1, name: 'Hydrotherapy (pool)', duration: { fixedMinutes: 50 } });
      expect((await owner.get(`/service-templates/${draft.id}/versions`)).body.data.map((v: { version: number }) => v.version)).toEqual([1]);
      expect((await owner.get(`/service-templates/${draft.id}/versions/1`)).body).toMatchObject({ name: 'Hydrotherapy (pool)', duration: { fixedMinutes: 50 } });
      expect(errorOf(await owner.post('/reservations', { serviceTemplateId: draft.id, bookableId: clinic.providerId, startsAt: mondayAt('15:00') }))).toEqual({ status: 422, code: 'TEMPLATE_NOT_BOOKABLE' });
    });

    it('moves a template draft → active ⇄ paused → archived and refuses every other move and any edit once archived', async () => {
      const template = await create(owner, templates, { name: 'Massage', status: 'draft', duration: { type: 'fixed', fixedMinutes: 30 } });
      const move = (status: string) => owner.patch(`/service-templates/${template.id}`, { status });
      const refused = { status: 409, code: 'INVALID_TRANSITION' };
      expect(errorOf(await move('paused'))).toEqual(refused);
      expect((await move('active')).body.status).toBe('active');
      expect(errorOf(await move('draft'))).toEqual(refused);
      expect((await move('paused')).body.status).toBe('paused');
      expect(errorOf(await move('draft'))).toEqual(refused);
      expect((await move('active')).body.status).toBe('active');
      expect((await move('paused')).body.status).toBe('paused');
      expect((await move('archived')).body.status).toBe('archived');
      expect(errorOf(await move('active'))).toEqual(refused);
      expect(errorOf(await owner.patch(`/service-templates/${template.id}`, { name: 'Deep tissue massage' }))).toEqual(refused);
      expect(errorOf(await owner.patch(`/service-templates/${template.id}`, { duration: { type: 'fixed', fixedMinutes: 45 } }))).toEqual(refused);
      expect((await owner.get(`/service-templates/${template.id}`)).body).toMatchObject({ status: 'archived', name: 'Massage', duration: { fixedMinutes: 30 } });
      expect(errorOf(await owner.post('/reservations', { serviceTemplateId: template.id, bookableId: clinic.providerId, startsAt: mondayAt('16:00') }))).toEqual({ status: 422, code: 'TEMPLATE_NOT_BOOKABLE' });
    });

    it('makes no new version for a status move or an edit that changes nothing', async () => {
      const template = await create(owner, templates, { name: 'Sports massage', duration: { type: 'fixed', fixedMinutes: 30 } });
      const patch = (body: Record<string, unknown>) => owner.patch(`/service-templates/${template.id}`, body);
      expect((await patch({ status: 'paused' })).body).toMatchObject({ status: 'paused', version: 1 });
      expect((await patch({ status: 'active' })).body).toMatchObject({ status: 'active', version: 1 });
      expect((await patch({ name: 'Sports massage' })).body).toMatchObject({ version: 1 });
      expect((await owner.get(`/service-templates/${template.id}/versions`)).body.data.map((v: { version: number }) => v.version)).toEqual([1]);
    });
  });

  describe('calendars: closed days, changed hours and blocked time', () => {
    let clinic: Clinic;
    let owner: Api;
    let calendarId: string;
    let blockId: string;
    // Local start times (Berlin) of the free 30-minute slots on a day of March 2030 (UTC+1).
    const slotsOn = async (day: string) => {
      const from = encodeURIComponent(`${day}T00:00:00+01:00`);
      const to = encodeURIComponent(`${day}T23:59:00+01:00`);
      const response = expectStatus(await owner.get(`/bookables/${clinic.providerId}/availability?serviceTemplateId=${clinic.templateId}&from=${from}&to=${to}`), 200, 'availability');
      return response.body.slots.map((s: { local: { startsAt: string } }) => s.local.startsAt.slice(11, 16));
    };
    const allDay = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '12:00', '12:30', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00', '16:30'];
    const hold = (startsAt: string) => owner.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt });

    beforeAll(async () => {
      clinic = await setUpClinic(app.baseUrl);
      owner = apiClient(app.baseUrl, clinic.owner.token);
      calendarId = (await owner.get(`/bookables/${clinic.providerId}`)).body.calendar.id;
    });

    it('closes a day: no slots, and a reservation there is outside availability', async () => {
      expect(await slotsOn('2030-03-04')).toEqual(allDay);
      const override = await create(owner, `/calendars/${calendarId}/overrides`, { date: '2030-03-04', kind: 'closed', reason: 'Staff training' });
      expect(override).toMatchObject({ date: '2030-03-04', kind: 'closed' });
      expect(await slotsOn('2030-03-04')).toEqual([]);
      expect(errorOf(await hold(mondayAt('10:00')))).toEqual({ status: 422, code: 'SLOT_OUTSIDE_AVAILABILITY' });
      expect(await slotsOn('2030-03-11')).toEqual(allDay);
    });

    it('changes one day’s hours to 14:00–16:00', async () => {
      await create(owner, `/calendars/${calendarId}/overrides`, { date: '2030-03-05', kind: 'modified_hours', ranges: [{ start: '14:00', end: '16:00' }] });
      expect(await slotsOn('2030-03-05')).toEqual(['14:00', '14:30', '15:00', '15:30']);
      expect(errorOf(await hold('2030-03-05T10:00:00+01:00'))).toEqual({ status: 422, code: 'SLOT_OUTSIDE_AVAILABILITY' });
      const inside = await hold('2030-03-05T14:30:00+01:00');
      expect(inside.status).toBe(201);
      expect((await owner.delete(`/reservations/${inside.body.id}`)).status).toBe(200);
      const calendar = (await owner.get(`/calendars/${calendarId}`)).body;
      expect(calendar.overrides.map((o: { date: string; kind: string }) => [o.date, o.kind])).toEqual([['2030-03-04', 'closed'], ['2030-03-05', 'modified_hours']]);
    });

    it('blocks 10:00–12:00: a reservation inside the block is refused, one next to it is not', async () => {
      const block = await create(owner, `/calendars/${calendarId}/blocks`, { startsAt: '2030-03-06T10:00:00+01:00', endsAt: '2030-03-06T12:00:00+01:00', type: 'meeting', reason: 'Team meeting' });
      blockId = block.id;
      expect((await owner.get(`/calendars/${calendarId}`)).body.blocks.map((b: { id: string }) => b.id)).toEqual([blockId]);
      expect(errorOf(await hold('2030-03-06T10:30:00+01:00'))).toEqual({ status: 409, code: 'SLOT_UNAVAILABLE' });
      expect(errorOf(await hold('2030-03-06T11:45:00+01:00'))).toEqual({ status: 409, code: 'SLOT_UNAVAILABLE' });
      const after = await hold('2030-03-06T12:00:00+01:00');
      expect(after.status).toBe(201);
      expect((await owner.delete(`/reservations/${after.body.id}`)).status).toBe(200);
    });

    it('leaves the blocked time out of the free slots', async () => {
      expect(blockId).toEqual(expect.any(String));
      expect(await slotsOn('2030-03-06')).toEqual(allDay.filter((t) => t < '10:00' || t >= '12:00'));
    });

    it('refuses a block over a confirmed booking and stores nothing', async () => {
      const { booking } = await book(owner, clinic.templateId, clinic.providerId, '2030-03-07T10:00:00+01:00');
      const blocks = async () => (await owner.get(`/calendars/${calendarId}`)).body.blocks.map((b: { id: string }) => b.id);
      const before = await blocks();
      const clash = await owner.post(`/calendars/${calendarId}/blocks`, { startsAt: '2030-03-07T09:45:00+01:00', endsAt: '2030-03-07T10:15:00+01:00', type: 'time_off', paidTimeOff: true });
      expect(errorOf(clash)).toEqual({ status: 409, code: 'SLOT_UNAVAILABLE' });
      expect(await blocks()).toEqual(before);
      expect((await owner.get(`/bookings/${booking.id}`)).body.status).toBe('confirmed');
    });

    it('frees the time again when the block is deleted', async () => {
      expect((await owner.delete(`/calendars/${calendarId}/blocks/${blockId}`)).status).toBe(204);
      expect((await owner.get(`/calendars/${calendarId}`)).body.blocks).toEqual([]);
      expect(await slotsOn('2030-03-06')).toEqual(allDay);
      const freed = await hold('2030-03-06T10:30:00+01:00');
      expect(freed.status).toBe(201);
      expect((await owner.delete(`/calendars/${calendarId}/blocks/${blockId}`)).status).toBe(404);
    });
  });
});
