import { addMember, addTemplate, setUpClinic, type Clinic } from '../support/builders';
import { create } from '../support/configuration-builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { checkSlot, currentService } from '../../src/http/routes/slot-search';
import { findServiceTemplate } from '../../src/db/queries/service-template.queries';

/**
 * Availability through the API: slots that need a provider, a room and a piece of equipment at once,
 * capacity, round robin over bookings made without naming a provider, DST days rendered in their zone,
 * and holds seen by search at once.
 */
describe('availability and search over HTTP', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;
  let client: ReturnType<typeof apiClient>;
  const monday = (from: string, to: string) => [{ start: from, end: to }];
  // 2030-03-04 is a Monday; Berlin is UTC+1 then.
  const day = { from: '2030-03-04T00:00:00+01:00', to: '2030-03-05T00:00:00+01:00' };
  const qs = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;
  const starts = (body: { slots: Array<{ local: { startsAt: string } }> }) => body.slots.map((slot) => slot.local.startsAt.slice(11, 16));

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    owner = apiClient(app.baseUrl, clinic.owner.token);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
  });
  afterAll(() => app.stop());

  const bookables = (kind: string, body: Record<string, unknown>) => create(owner, `/organizations/${clinic.orgId}/bookables/${kind}`, { locationId: clinic.locationId, ...body });

  describe('a treatment needing a therapist, a room and a laser', () => {
    let therapist: string;
    let room: string;
    let laser: string;
    let templateId: string;

    beforeAll(async () => {
      therapist = (await bookables('providers', { name: 'Theo Therapist', tags: ['laser-certified'], weeklySchedule: { monday: monday('09:00', '13:00') } })).id;
      room = (await bookables('venues', { name: 'Room 1', capacity: { max: 2 }, tags: ['treatment'], weeklySchedule: { monday: monday('10:00', '17:00') } })).id;
      laser = (await bookables('assets', { name: 'Laser', assetType: 'equipment', tags: ['laser'], weeklySchedule: { monday: monday('08:00', '12:00') } })).id;
      templateId = await addTemplate(app.baseUrl, clinic, {
        name: 'Laser treatment',
        duration: { type: 'fixed', fixedMinutes: 60 },
        scheduling: { slotIntervalMinutes: 30 },
        bookables: {
          required: [
            { id: 'therapist', bookableType: 'provider', criteria: { tags: ['laser-certified'] } },
            { id: 'room', bookableType: 'venue', criteria: { tags: ['treatment'] } },
            { id: 'laser', bookableType: 'asset', criteria: { tags: ['laser'] } },
          ],
        },
      });
    });

    it('offers only the hours when all three are free, naming who serves each slot and why', async () => {
      const search = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, timezone: 'Europe/Berlin' }));
      expect(search.status).toBe(200);
      // Therapist 09–13, room 10–17, laser 08–12: starts 10:00, 10:30, 11:00 (ending by 12:00).
      expect(starts(search.body)).toEqual(['10:00', '10:30', '11:00']);
      expect(search.body.slots[0]).toMatchObject({
        startsAt: '2030-03-04T09:00:00.000Z',
        bookableIds: [therapist, room, laser],
        assignments: [
          { requirementKey: 'therapist', bookableIds: [therapist], candidates: 1, reason: expect.stringContaining('round robin') },
          { requirementKey: 'room', bookableIds: [room] },
          { requirementKey: 'laser', bookableIds: [laser] },
        ],
      });
      const viaProvider = await client.get(`/bookables/${therapist}/availability` + qs({ serviceTemplateId: templateId, ...day }));
      expect(starts(viaProvider.body)).toEqual(['10:00', '10:30', '11:00']);
    });

    it('holds all three without naming them, and search stops offering the overlapping slots at once', async () => {
      const hold = await client.post('/reservations', { serviceTemplateId: templateId, startsAt: '2030-03-04T10:00:00+01:00' });
      expect(hold.status).toBe(201);
      expect([...hold.body.bookableIds].sort()).toEqual([therapist, room, laser].sort());
      const search = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, timezone: 'Europe/Berlin' }));
      expect(starts(search.body)).toEqual(['11:00']);
      const taken = await client.post('/reservations', { serviceTemplateId: templateId, startsAt: '2030-03-04T10:30:00+01:00' });
      expect(taken.status).toBe(409);
      expect(taken.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'busy', requirementKey: 'therapist' } });
      const outside = await client.post('/reservations', { serviceTemplateId: templateId, startsAt: '2030-03-04T12:00:00+01:00' });
      expect(outside.status).toBe(422);
      expect(outside.body.error).toMatchObject({ code: 'SLOT_OUTSIDE_AVAILABILITY', details: { reason: 'outside_hours' } });
      expect((await client.delete(`/reservations/${hold.body.id}`)).status).toBe(200);
      const freed = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, timezone: 'Europe/Berlin' }));
      expect(starts(freed.body)).toEqual(['10:00', '10:30', '11:00']);
    });

    it('combines criteria and times of day in POST /search/query', async () => {
      const query = await client.post('/search/query', { organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, timezone: 'Europe/Berlin', times: { earliestStart: '10:15', daysOfWeek: ['monday'] } });
      expect(query.status).toBe(200);
      expect(starts(query.body)).toEqual(['10:30', '11:00']);
      const tuesdays = await client.post('/search/query', { organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, times: { daysOfWeek: ['tuesday'] } });
      expect(tuesdays.body.slots).toEqual([]);
      const unknownTag = await client.post('/search/query', { organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, bookables: { tags: ['nobody-has-this'] } });
      expect(unknownTag.body.slots).toEqual([]);
      const bad = await client.post('/search/query', { organizationId: clinic.orgId, serviceTemplateId: templateId, ...day, times: { earliestStart: '25:00' } });
      expect(bad.status).toBe(400);
      expect(bad.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('moves a booking with all three bookables only to a time each of them can take', async () => {
      const booked = await client.post('/bookings', { serviceTemplateId: templateId, startsAt: '2030-03-04T10:00:00+01:00' });
      expect(booked.status).toBe(201);
      const id = booked.body.id;
      // The laser closes at 12:00: the therapist and the room could take 12:00, the laser cannot.
      const pastLaser = await client.patch(`/bookings/${id}`, { startsAt: '2030-03-04T12:00:00+01:00' });
      expect(pastLaser.status).toBe(422);
      expect(pastLaser.body.error).toMatchObject({ code: 'SLOT_OUTSIDE_AVAILABILITY', details: { reason: 'outside_hours', requirementKey: laser } });
      // Half an hour later overlaps the booking's own time, which does not stand in the way.
      const later = await client.patch(`/bookings/${id}`, { startsAt: '2030-03-04T10:30:00+01:00' });
      expect(later.status).toBe(200);
      expect(later.body).toMatchObject({ startsAt: '2030-03-04T09:30:00.000Z', endsAt: '2030-03-04T10:30:00.000Z' });
      const rows = await app.db('allocations').where({ bookingId: id }).orderBy('bookable_id');
      expect(rows.map((row) => [row.bookableId, row.appointmentStartsAt.toISOString()])).toEqual([therapist, room, laser].sort().map((b) => [b, '2030-03-04T09:30:00.000Z']));
      expect((await client.post(`/bookings/${id}/cancel`, { reason: 'done testing' })).status).toBe(200);
    });
  });

  it('a licence pool takes as many overlapping bookings as its concurrent limit, then search and holds refuse', async () => {
    const licence = (await bookables('virtual-resources', { name: 'CAD licence', kind: 'software_license', provider: 'license_server', licensePool: { size: 2, concurrentLimit: 2 }, tags: ['cad'], weeklySchedule: { monday: monday('09:00', '17:00') } })).id;
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'CAD session', duration: { type: 'fixed', fixedMinutes: 120 }, bookables: { required: [{ id: 'licence', bookableType: 'virtual_resource', specificBookableId: licence }] } });
    const at = '2030-03-04T09:00:00+01:00';
    expect((await client.post('/reservations', { serviceTemplateId: templateId, startsAt: at })).status).toBe(201);
    expect((await client.post('/reservations', { serviceTemplateId: templateId, startsAt: '2030-03-04T10:00:00+01:00' })).status).toBe(201);
    const slots = await client.get(`/bookables/${licence}/availability` + qs({ serviceTemplateId: templateId, ...day }));
    // 09–11 and 10–12 are taken: both units are busy 10:00–11:00, so only starts from 11:00 fit.
    expect(starts(slots.body)).toEqual(['11:00', '13:00', '15:00']);
    const third = await client.post('/reservations', { serviceTemplateId: templateId, startsAt: '2030-03-04T09:00:00+01:00' });
    expect(third.status).toBe(409);
    const rows = await app.db('allocations').where({ bookableId: licence }).orderBy('unit').pluck('unit');
    expect(rows).toEqual([0, 1]);
  });

  it('round robin shares bookings made without naming a provider', async () => {
    const names = ['Ann', 'Ben'];
    const ids: string[] = [];
    for (const name of names) ids.push((await bookables('providers', { name, tags: ['rr'], weeklySchedule: { monday: monday('09:00', '17:00') } })).id);
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Intro call', duration: { type: 'fixed', fixedMinutes: 30 }, bookables: { required: [{ id: 'host', bookableType: 'provider', criteria: { tags: ['rr'] } }], assignment: { strategy: 'round_robin' } } });
    const served: Array<{ bookingId: string; hostId: string }> = [];
    const book = async (time: string) => {
      const booked = await client.post('/bookings', { serviceTemplateId: templateId, startsAt: `2030-03-04T${time}:00+01:00` });
      expect(booked.status).toBe(201);
      served.push({ bookingId: booked.body.id, hostId: booked.body.bookableIds[0] });
      return booked.body.bookableIds[0] as string;
    };
    for (const time of ['09:00', '09:30', '10:00', '10:30']) await book(time);
    expect(served.filter((s) => s.hostId === ids[0])).toHaveLength(2);
    expect(served.filter((s) => s.hostId === ids[1])).toHaveLength(2);
    expect(served[0]!.hostId).not.toBe(served[1]!.hostId);

    // A cancelled booking no longer counts: its host has fewer and serves the next one.
    const cancelled = served[0]!;
    expect((await client.post(`/bookings/${cancelled.bookingId}/cancel`, { reason: 'changed plans' })).status).toBe(200);
    const slots = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: templateId, from: '2030-03-04T11:00:00+01:00', to: '2030-03-04T11:30:00+01:00' }));
    expect(slots.body.slots[0].assignments[0]).toMatchObject({ bookableIds: [cancelled.hostId], reason: expect.stringContaining('round robin: 1 bookings in the period') });
    expect(await book('11:00')).toBe(cancelled.hostId);
  });

  it('a group class counts seats, not bookings: each seat is an allocation unit, and search shows the seats left', async () => {
    const coach = (await bookables('providers', { name: 'Yoga coach', weeklySchedule: { monday: monday('09:00', '12:00') } })).id;
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Morning yoga', type: 'class', duration: { type: 'fixed', fixedMinutes: 60 }, capacity: { type: 'group', group: { minParticipants: 1, maxParticipants: 5 } } });
    const at = '2030-03-04T09:00:00+01:00';
    const hold = (participants: number) => client.post('/reservations', { serviceTemplateId: templateId, bookableId: coach, startsAt: at, participants });
    const family = await hold(3);
    expect(family.status).toBe(201);
    const seatsLeft = async () => (await client.get(`/bookables/${coach}/availability` + qs({ serviceTemplateId: templateId, ...day }))).body.slots.find((slot: { startsAt: string }) => slot.startsAt === '2030-03-04T08:00:00.000Z')?.seatsLeft;
    expect(await seatsLeft()).toBe(1); // 5 seats − 3 held − the one asked for
    const tooMany = await hold(3);
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'full' } });
    expect((await hold(2)).status).toBe(201);
    expect(await seatsLeft()).toBeUndefined(); // full: the start is no longer offered
    const units = await app.db('allocations').where({ bookableId: coach }).orderBy('unit').pluck('unit');
    expect(units).toEqual([0, 1, 2, 3, 4]);
    // Released, the family's three seats are free again.
    expect((await client.delete(`/reservations/${family.body.id}`)).status).toBe(200);
    expect(await seatsLeft()).toBe(2);
  });

  it('a provider\'s minimum rest keeps bookings that far apart, not twice as far, and racing holds cannot break it', async () => {
    const rested = (await bookables('providers', { name: 'Rested', workingLimits: { minRestMinutesBetweenBookings: 30 }, weeklySchedule: { monday: monday('09:00', '17:00') } })).id;
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Rested consult', duration: { type: 'fixed', fixedMinutes: 60 }, scheduling: { slotIntervalMinutes: 30 } });
    const hold = (time: string) => client.post('/reservations', { serviceTemplateId: templateId, bookableId: rested, startsAt: `2030-03-04T${time}:00+01:00` });
    expect((await hold('10:00')).status).toBe(201);
    // The 10:00 hold blocks until 11:30: its hour and the rest after it.
    const [row] = await app.db('allocations').where({ bookableId: rested }).select(app.db.raw('lower(period) as from_at, upper(period) as until_at'));
    expect([row.fromAt.toISOString(), row.untilAt.toISOString()]).toEqual(['2030-03-04T09:00:00.000Z', '2030-03-04T10:30:00.000Z']);
    expect((await hold('11:00')).body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'busy' } });
    // 09:00–10:00 would rest until 10:30, into the 10:00 booking.
    expect((await hold('09:00')).body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'busy' } });
    // 11:30 starts 30 minutes after the end; 12:00 would too. Racing, they cannot both be held: one is in the other's rest.
    const racing = await Promise.all([hold('11:30'), hold('12:00')]);
    expect(racing.map((r) => r.status).sort()).toEqual([201, 409]);
    // A booking may end 30 minutes before the next one: 16:00 is held, then 14:30–15:30.
    expect((await hold('16:00')).status).toBe(201);
    expect((await hold('14:30')).status).toBe(201);
    expect(await app.db('allocations').where({ bookableId: rested })).toHaveLength(4);
  });

  it('a provider\'s daily limit holds under racing holds: of two holds at different times on the same day, one wins', async () => {
    const busyBee = (await bookables('providers', { name: 'One-a-day', workingLimits: { maxDailyBookings: 1 }, weeklySchedule: { monday: monday('09:00', '17:00') } })).id;
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Daily consult', duration: { type: 'fixed', fixedMinutes: 30 } });
    const hold = (time: string) => client.post('/reservations', { serviceTemplateId: templateId, bookableId: busyBee, startsAt: `2030-03-04T${time}:00+01:00` });
    const results = await Promise.all([hold('09:00'), hold('15:00')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    // Refused by the planner's count or, when both passed it, by the claim counting the day again: the same reason.
    expect(results.find((r) => r.status === 409)!.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'daily_limit' } });
    expect(await app.db('allocations').where({ bookableId: busyBee })).toHaveLength(1);
    // Asked again once the day is full, the planner names the reason.
    const again = await hold('12:00');
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SLOT_UNAVAILABLE', details: { reason: 'daily_limit' } });
    // The next day is another day.
    expect((await client.post('/reservations', { serviceTemplateId: templateId, bookableId: busyBee, startsAt: '2030-03-11T09:00:00+01:00' })).status).toBe(201);
  });

  it('renders the repeated hour of a fall-back day twice, at two instants, in the calendar zone', async () => {
    const night = (await bookables('providers', { name: 'Night shift NY', weeklySchedule: { sunday: monday('00:00', '04:00') } })).id;
    const calendarId = (await owner.get(`/bookables/${night}`)).body.calendar.id;
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Night call', duration: { type: 'fixed', fixedMinutes: 30 } });
    await owner.patch(`/calendars/${calendarId}`, { timezone: 'America/New_York' });
    const slots = await client.get(`/calendars/${calendarId}/slots` + qs({ serviceTemplateId: templateId, from: '2030-11-03T00:00:00-04:00', to: '2030-11-04T00:00:00-05:00' }));
    expect(slots.status).toBe(200);
    expect(slots.body.slots.map((slot: { local: { startsAt: string } }) => slot.local.startsAt)).toEqual([
      '2030-11-03T00:00:00.000-04:00',
      '2030-11-03T00:30:00.000-04:00',
      '2030-11-03T01:00:00.000-04:00',
      '2030-11-03T01:30:00.000-04:00',
      '2030-11-03T01:00:00.000-05:00',
      '2030-11-03T01:30:00.000-05:00',
      '2030-11-03T02:00:00.000-05:00',
      '2030-11-03T02:30:00.000-05:00',
      '2030-11-03T03:00:00.000-05:00',
      '2030-11-03T03:30:00.000-05:00',
    ]);
  });

  it('offers and holds multi-night stays at local check-in and check-out times across a DST change, keeping a cleaning night free', async () => {
    const everyDay = Object.fromEntries(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, monday('00:00', '24:00')]));
    const cabin = (await bookables('venues', { name: 'Lake cabin', capacity: { max: 4 }, weeklySchedule: everyDay })).id;
    const cabinCalendar = (await owner.get(`/bookables/${cabin}`)).body.calendar.id;
    expect((await owner.patch(`/calendars/${cabinCalendar}`, { timezone: 'Europe/London' })).status).toBe(200);
    const templateId = await addTemplate(app.baseUrl, clinic, { name: 'Cabin stay', type: 'multi_day', duration: { type: 'fixed', fixedMinutes: 60, minNights: 1, maxNights: 7, checkInTime: '15:00', checkOutTime: '11:00', gapNights: 1 } });
    // London springs forward in the night of 30 to 31 March 2030.
    const stays = await client.get(`/bookables/${cabin}/stays` + qs({ serviceTemplateId: templateId, fromDate: '2030-03-30', toDate: '2030-03-30', nights: '2' }));
    expect(stays.status).toBe(200);
    expect(stays.body.stays).toEqual([
      expect.objectContaining({ checkInDate: '2030-03-30', checkOutDate: '2030-04-01', nights: 2, startsAt: '2030-03-30T15:00:00.000Z', endsAt: '2030-04-01T10:00:00.000Z', local: { startsAt: '2030-03-30T15:00:00.000+00:00', endsAt: '2030-04-01T11:00:00.000+01:00' } }),
    ]);
    const hold = await client.post('/reservations', { serviceTemplateId: templateId, bookableId: cabin, startsAt: '2030-03-30T15:00:00Z', nights: 2 });
    expect(hold.status).toBe(201);
    expect(hold.body).toMatchObject({ startsAt: '2030-03-30T15:00:00.000Z', endsAt: '2030-04-01T10:00:00.000Z' });
    const after = await client.get(`/bookables/${cabin}/stays` + qs({ serviceTemplateId: templateId, fromDate: '2030-03-29', toDate: '2030-04-03', nights: '1' }));
    // Arrivals overlapping the stay or its cleaning night (29 March leaves on the 30th: no night between) are gone.
    expect(after.body.stays.map((stay: { checkInDate: string }) => stay.checkInDate)).toEqual(['2030-04-02', '2030-04-03']);
    const withoutNights = await client.post('/reservations', { serviceTemplateId: templateId, bookableId: cabin, startsAt: '2030-04-05T14:00:00Z' });
    expect(withoutNights.status).toBe(400);
    const clash = await client.post('/reservations', { serviceTemplateId: templateId, bookableId: cabin, startsAt: '2030-03-31T14:00:00Z', nights: 1 });
    expect(clash.status).toBe(409);
  });

  it('a retried hold does not count its own time as taken, everyone else\'s hold does', async () => {
    const hold = await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: '2030-03-04T14:00:00+01:00' });
    expect(hold.status).toBe(201);
    const template = (await findServiceTemplate(app.db, clinic.orgId, clinic.templateId))!;
    const request = { organizationId: clinic.orgId, template: currentService(template), now: new Date(), startsAt: new Date('2030-03-04T13:00:00Z'), anchorBookableId: clinic.providerId };
    expect(await checkSlot(app.db, request)).toEqual({ reason: 'busy', requirementKey: 'bookable' });
    expect(await checkSlot(app.db, { ...request, ownReservationId: hold.body.id })).toMatchObject({ bookableIds: [clinic.providerId] });
  });

  it('refuses a range over 31 days and a length a fixed service does not have', async () => {
    const long = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: clinic.templateId, from: '2030-03-01T00:00:00Z', to: '2030-04-15T00:00:00Z' }));
    expect(long.status).toBe(400);
    const length = await client.get('/search/availability' + qs({ organizationId: clinic.orgId, serviceTemplateId: clinic.templateId, ...day, durationMinutes: '45' }));
    expect(length.status).toBe(400);
    expect(length.body.error.details.fields).toEqual([expect.objectContaining({ path: 'durationMinutes' })]);
  });
});
