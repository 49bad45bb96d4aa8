import { addMemberTo, create, expectStatus, inBatches, newCaller, readAllPages, refusedAt, validationOutcome, weekdayHours, type Caller } from '../support/configuration-builders';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Configurations of real customers, built and read back through the API alone: a solo consultant,
 * a hospital chain with inherited settings, a film studio with a hundred bookables of four kinds.
 */
describe('configuration scenarios', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  describe('a solo consultant', () => {
    let owner: Caller;
    let orgId: string;
    let activeId: string;

    it('sets up an individual organization, a virtual location, a provider and a 45-minute service, and reads them back', async () => {
      owner = await newCaller(app.baseUrl, 'Sam Solo');
      const org = await create(owner.api, '/organizations', { name: 'Sam Solo Coaching', type: 'individual' });
      orgId = org.id;
      expect(org).toMatchObject({ name: 'Sam Solo Coaching', type: 'individual', role: 'owner' });
      const location = await create(owner.api, `/organizations/${orgId}/locations`, { name: 'Online', type: 'virtual', timezone: 'Europe/Lisbon' });
      const hours = [{ start: '10:00', end: '18:00' }];
      const provider = await create(owner.api, `/organizations/${orgId}/bookables/providers`, { name: 'Sam Solo', locationId: location.id, weeklySchedule: { tuesday: hours, thursday: hours } });
      const template = await create(owner.api, `/organizations/${orgId}/service-templates`, { name: 'Coaching session', type: 'virtual', duration: { type: 'fixed', fixedMinutes: 45 } });
      activeId = template.id;

      expect((await owner.api.get(`/organizations/${orgId}`)).body).toMatchObject({ id: orgId, type: 'individual', role: 'owner' });
      expect((await owner.api.get(`/locations/${location.id}`)).body).toMatchObject({ id: location.id, organizationId: orgId, type: 'virtual', timezone: 'Europe/Lisbon', parentLocationId: null });
      const shownProvider = (await owner.api.get(`/bookables/${provider.id}`)).body;
      expect(shownProvider).toMatchObject({ id: provider.id, type: 'provider', locationId: location.id, status: 'active', calendar: { timezone: 'Europe/Lisbon' } });
      expect(shownProvider.calendar.weeklySchedule).toEqual({ tuesday: [{ start: '10:00', end: '18:00', type: 'available' }], thursday: [{ start: '10:00', end: '18:00', type: 'available' }] });
      expect((await owner.api.get(`/service-templates/${activeId}`)).body).toMatchObject({ id: activeId, version: 1, status: 'active', type: 'virtual', duration: { type: 'fixed', fixedMinutes: 45 } });
      expect((await owner.api.get(`/organizations/${orgId}/service-templates`)).body.data.map((t: { id: string }) => t.id)).toEqual([activeId]);
      expect((await owner.api.get(`/organizations/${orgId}/bookables`)).body.data.map((b: { id: string }) => b.id)).toEqual([provider.id]);

      // Tuesday 5 March 2030, Lisbon on UTC: 10:00–18:00 holds ten 45-minute sessions, the last at 16:45.
      const slots = await owner.api.get(`/bookables/${provider.id}/availability?serviceTemplateId=${activeId}&from=2030-03-05T00:00:00Z&to=2030-03-06T00:00:00Z`);
      expect(slots.status).toBe(200);
      expect(slots.body.slots.map((s: { local: { startsAt: string } }) => s.local.startsAt.slice(11, 16))).toEqual(['10:00', '10:45', '11:30', '12:15', '13:00', '13:45', '14:30', '15:15', '16:00', '16:45']);
      expect(slots.body.slots[0]).toMatchObject({ startsAt: '2030-03-05T10:00:00.000Z', endsAt: '2030-03-05T10:45:00.000Z' });
    });

    it('shows a client the active service but not a draft, which only the owner sees', async () => {
      const draft = await create(owner.api, `/organizations/${orgId}/service-templates`, { name: 'Group workshop (coming soon)', status: 'draft', duration: { type: 'fixed', fixedMinutes: 90 } });
      expect(draft).toMatchObject({ status: 'draft', version: 1 });
      const client = await addMemberTo(app.baseUrl, owner, orgId, 'client');

      expect((await client.api.get(`/service-templates/${activeId}`)).body).toMatchObject({ id: activeId, status: 'active' });
      const hidden = await client.api.get(`/service-templates/${draft.id}`);
      expect({ status: hidden.status, code: hidden.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      expect((await client.api.get(`/organizations/${orgId}/service-templates`)).body.data.map((t: { id: string }) => t.id)).toEqual([activeId]);
      expect((await client.api.get(`/organizations/${orgId}/service-templates?status=draft`)).status).toBe(403);

      expect((await owner.api.get(`/service-templates/${draft.id}`)).body).toMatchObject({ id: draft.id, status: 'draft' });
      expect((await owner.api.get(`/organizations/${orgId}/service-templates`)).body.data.map((t: { id: string }) => t.id).sort()).toEqual([activeId, draft.id].sort());
      expect((await owner.api.get(`/organizations/${orgId}/service-templates?status=draft`)).body.data.map((t: { id: string }) => t.id)).toEqual([draft.id]);
    });
  });

  describe('a hospital chain with inherited settings', () => {
    const defaultConfig = { currency: 'EUR', booking: { holdDurationSeconds: 900, maxAdvanceDays: 90 }, reminders: { hoursBefore: [24] } };
    let owner: Caller;
    let orgId: string;
    let region: { id: string };
    let general: { id: string };
    let childrens: { id: string };
    let ward: { id: string };
    const effective = async (id: string) => expectStatus(await owner.api.get(`/locations/${id}/effective-config`), 200, 'effective config').body;

    beforeAll(async () => {
      owner = await newCaller(app.baseUrl, 'Helena Hospital');
      const org = await create(owner.api, '/organizations', { name: 'St. Mary Hospitals', type: 'enterprise', defaultConfig });
      orgId = org.id;
      expect(org).toMatchObject({ type: 'enterprise', defaultConfig });
      const locations = `/organizations/${orgId}/locations`;
      region = await create(owner.api, locations, { name: 'North region', timezone: 'Europe/Berlin', config: { booking: { maxAdvanceDays: 30 } } });
      [general, childrens] = await Promise.all([
        create(owner.api, locations, { name: 'North General', timezone: 'Europe/Berlin', parentLocationId: region.id }),
        create(owner.api, locations, { name: 'North Children’s', timezone: 'Europe/Berlin', parentLocationId: region.id, config: { reminders: { hoursBefore: [48, 2] } } }),
      ]);
      ward = await create(owner.api, locations, { name: 'Ward 3', timezone: 'Europe/Berlin', parentLocationId: general.id });
    });

    it('merges organization, region and hospital settings and names the origin of every value', async () => {
      expect(await effective(general.id)).toEqual({
        locationId: general.id,
        lineage: [region.id, general.id],
        values: { currency: 'EUR', booking: { holdDurationSeconds: 900, maxAdvanceDays: 30 }, reminders: { hoursBefore: [24] } },
        sources: { currency: 'organization', 'booking.holdDurationSeconds': 'organization', 'booking.maxAdvanceDays': `location:${region.id}`, 'reminders.hoursBefore': 'organization' },
      });
      expect(await effective(childrens.id)).toEqual({
        locationId: childrens.id,
        lineage: [region.id, childrens.id],
        values: { currency: 'EUR', booking: { holdDurationSeconds: 900, maxAdvanceDays: 30 }, reminders: { hoursBefore: [48, 2] } },
        sources: { currency: 'organization', 'booking.holdDurationSeconds': 'organization', 'booking.maxAdvanceDays': `location:${region.id}`, 'reminders.hoursBefore': `location:${childrens.id}` },
      });
      expect((await effective(ward.id)).lineage).toEqual([region.id, general.id, ward.id]);
    });

    it('passes a change of the region or of the organization down to every hospital', async () => {
      const patched = await owner.api.patch(`/locations/${region.id}`, { config: { booking: { maxAdvanceDays: 14, minAdvanceMinutes: 60 } } });
      expect(patched.status).toBe(200);
      for (const child of [general, childrens]) {
        const config = await effective(child.id);
        expect(config.values.booking).toEqual({ holdDurationSeconds: 900, maxAdvanceDays: 14, minAdvanceMinutes: 60 });
        expect(config.sources).toMatchObject({ 'booking.maxAdvanceDays': `location:${region.id}`, 'booking.minAdvanceMinutes': `location:${region.id}`, 'booking.holdDurationSeconds': 'organization' });
      }
      // An organization PATCH replaces settings key by key: the currency changes, the booking defaults stay.
      expect((await owner.api.patch(`/organizations/${orgId}`, { defaultConfig: { currency: 'CHF' } })).status).toBe(200);
      const config = await effective(childrens.id);
      expect(config.values).toMatchObject({ currency: 'CHF', booking: { holdDurationSeconds: 900 }, reminders: { hoursBefore: [48, 2] } });
      expect(config.sources.currency).toBe('organization');
    });

    it('refuses to put a location inside itself or inside its own descendant', async () => {
      const attempts = [
        { id: general.id, parentLocationId: general.id },
        { id: general.id, parentLocationId: ward.id },
        { id: region.id, parentLocationId: childrens.id },
        { id: region.id, parentLocationId: ward.id },
      ];
      for (const { id, parentLocationId } of attempts) {
        const response = await owner.api.patch(`/locations/${id}`, { parentLocationId });
        expect({ id, parentLocationId, ...validationOutcome(response) }).toEqual({ id, parentLocationId, ...refusedAt('parentLocationId') });
      }
      expect((await owner.api.get(`/locations/${general.id}`)).body.parentLocationId).toBe(region.id);
      expect((await owner.api.get(`/locations/${region.id}`)).body.parentLocationId).toBeNull();
      expect((await effective(ward.id)).lineage).toEqual([region.id, general.id, ward.id]);
    });
  });

  describe('a film studio with over a hundred bookables of four kinds', () => {
    let studio: Caller;
    let orgId: string;
    let lotId: string;
    const ids = { batteries: [] as string[], lenses: [] as string[], cameras: [] as string[], lights: [] as string[], stages: [] as string[], sets: [] as string[], licences: [] as string[], crew: [] as string[] };
    const allAssets = () => [...ids.batteries, ...ids.lenses, ...ids.cameras, ...ids.lights];
    const post = (kind: string, body: Record<string, unknown>) => create(studio.api, `/organizations/${orgId}/bookables/${kind}`, { locationId: lotId, ...body }).then((b) => b.id as string);
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    // Crew certifications, by index modulo 6, as seen on 2030-06-01.
    const steadicam = (i: number) =>
      [
        [{ name: 'Steadicam', issuedOn: '2028-01-10', expiresOn: '2031-12-31', verified: true }], // valid
        [{ name: 'Steadicam', issuedOn: '2027-01-10', expiresOn: '2030-05-31', verified: true }], // expired the day before
        [{ name: 'Steadicam', issuedOn: '2028-01-10', expiresOn: '2031-12-31', verified: false }], // not verified
        [{ name: 'Steadicam', issuedOn: '2030-06-02', expiresOn: '2033-06-01', verified: true }], // valid only from the next day
        [{ name: 'Steadicam', issuedOn: '2027-06-01', expiresOn: '2030-06-01', verified: true }], // last valid day
        [{ name: 'Drone pilot', issuedOn: '2028-01-10', verified: true }], // another certification only
      ][i % 6];

    beforeAll(async () => {
      studio = await newCaller(app.baseUrl, 'Fiona Film');
      orgId = (await create(studio.api, '/organizations', { name: 'Northlight Studios' })).id;
      lotId = (await create(studio.api, `/organizations/${orgId}/locations`, { name: 'Studio lot', timezone: 'America/Los_Angeles' })).id;
      const equipment = (name: string, tags: string[], more: Record<string, unknown> = {}) => post('assets', { name, assetType: 'equipment', tags, ...more });
      ids.batteries = await inBatches(range(8), 10, (i) => equipment(`V-mount battery ${i + 1}`, ['battery'], { identifiers: { serialNumber: `VB-${i}` } }));
      ids.lenses = await inBatches(range(7), 10, (i) => equipment(`Prime lens ${i + 1}`, ['lens']));
      ids.cameras = await inBatches(range(20), 10, (i) =>
        equipment(`Camera ${i + 1}`, ['camera', i % 2 === 0 ? '4k' : 'hd'], { requiredAssetIds: [ids.batteries[i % 8]], compatibleAssetIds: [ids.lenses[i % 7], ids.lenses[(i + 1) % 7]] }),
      );
      ids.lights = await inBatches(range(10), 10, (i) => equipment(`LED panel ${i + 1}`, ['light'], { requiredAssetIds: [ids.batteries[(i + 3) % 8]] }));
      ids.stages = await inBatches(range(3), 10, (i) => post('venues', { name: `Stage ${i + 1}`, capacity: { max: 200 }, layout: 'open', tags: ['stage'] }));
      ids.sets = await inBatches(range(9), 10, (i) => post('venues', { name: `Set ${i + 1}`, parentVenueId: ids.stages[i % 3], capacity: { min: 1, max: 20, optimal: 10 }, simultaneousBookings: 1 }));
      ids.licences = await inBatches(range(10), 10, (i) =>
        post('virtual-resources', { name: `Editing suite licence ${i + 1}`, kind: 'software_license', provider: 'license_server', licensePool: { size: 10 + i, concurrentLimit: 5 }, tags: ['software'] }),
      );
      ids.crew = await inBatches(range(42), 10, (i) =>
        post('providers', {
          name: `Crew member ${i + 1}`,
          weeklySchedule: weekdayHours('07:00', '19:00'),
          tags: ['crew'],
          certifications: steadicam(i),
          ...(i % 6 === 0 ? { requiresBookables: [ids.cameras[i % 20]] } : {}),
        }),
      );
    });

    it('holds all of them: 45 assets, 12 venues, 10 licences and 42 crew', async () => {
      const all = await readAllPages(studio.api, `/organizations/${orgId}/bookables?limit=100`);
      expect(all.ids).toHaveLength(109);
      expect(new Set(all.ids).size).toBe(109);
      for (const [type, expected] of [['asset', allAssets()], ['venue', [...ids.stages, ...ids.sets]], ['virtual_resource', ids.licences], ['provider', ids.crew]] as const) {
        expect((await readAllPages(studio.api, `/organizations/${orgId}/bookables?type=${type}&limit=100`)).ids.sort()).toEqual([...expected].sort());
      }
    });

    it('pages through every asset 25 at a time, without repeats or gaps', async () => {
      const { ids: paged, pageSizes } = await readAllPages(studio.api, `/organizations/${orgId}/bookables?type=asset&limit=25`);
      expect(pageSizes).toEqual([25, 20]);
      expect(new Set(paged).size).toBe(paged.length);
      expect([...paged].sort()).toEqual(allAssets().sort());
    });

    it('filters by all of the tags asked for', async () => {
      const tagged = async (tags: string) => (await readAllPages(studio.api, `/organizations/${orgId}/bookables?type=asset&tags=${tags}&limit=100`)).ids.sort();
      expect(await tagged('camera,4k')).toEqual(ids.cameras.filter((_, i) => i % 2 === 0).sort());
      expect(await tagged('camera')).toEqual([...ids.cameras].sort());
      expect(await tagged('camera,light')).toEqual([]);
    });

    it('shows each kind’s own fields', async () => {
      const set = (await studio.api.get(`/bookables/${ids.sets[4]}`)).body;
      expect(set).toMatchObject({ type: 'venue', venue: { parentVenueId: ids.stages[1], capacity: { min: 1, max: 20, optimal: 10 }, simultaneousBookings: 1 } });
      const camera = (await studio.api.get(`/bookables/${ids.cameras[3]}`)).body;
      expect(camera).toMatchObject({ type: 'asset', tags: ['camera', 'hd'], asset: { assetType: 'equipment', requiredAssetIds: [ids.batteries[3]], compatibleAssetIds: [ids.lenses[3], ids.lenses[4]] } });
      const licence = (await studio.api.get(`/bookables/${ids.licences[2]}`)).body;
      expect(licence).toMatchObject({ type: 'virtual_resource', virtualResource: { kind: 'software_license', provider: 'license_server', licensePool: { size: 12, concurrentLimit: 5 } } });
      const operator = (await studio.api.get(`/bookables/${ids.crew[6]}`)).body;
      expect(operator).toMatchObject({ type: 'provider', requiresBookables: [ids.cameras[6]], provider: { certifications: [{ name: 'Steadicam', verified: true, expiresOn: '2031-12-31' }] } });
    });

    it('refuses dependencies on another organization’s bookables, or on the wrong kind, and stores nothing', async () => {
      const rivalOrg = (await create(studio.api, '/organizations', { name: 'Rival Pictures' })).id;
      const rivalLot = (await create(studio.api, `/organizations/${rivalOrg}/locations`, { name: 'Rival lot', timezone: 'America/Los_Angeles' })).id;
      const rivalCamera = await create(studio.api, `/organizations/${rivalOrg}/bookables/assets`, { name: 'Their camera', assetType: 'equipment', locationId: rivalLot });
      const rivalStage = await create(studio.api, `/organizations/${rivalOrg}/bookables/venues`, { name: 'Their stage', locationId: rivalLot, capacity: { max: 50 } });
      const before = (await readAllPages(studio.api, `/organizations/${orgId}/bookables?limit=100`)).ids.length;

      const assets = `/organizations/${orgId}/bookables/assets`;
      const cases: Array<[string, string, Record<string, unknown>, string]> = [
        ['required asset of another organization', assets, { name: 'Rig', assetType: 'equipment', requiredAssetIds: [rivalCamera.id] }, 'requiredAssetIds.0'],
        ['compatible asset of another organization', assets, { name: 'Rig', assetType: 'equipment', compatibleAssetIds: [ids.lenses[0], rivalCamera.id] }, 'compatibleAssetIds.1'],
        ['a venue where an asset is required', assets, { name: 'Rig', assetType: 'equipment', requiredAssetIds: [ids.stages[0]] }, 'requiredAssetIds.0'],
        ['required bookable of another organization', `/organizations/${orgId}/bookables/providers`, { name: 'Grip', weeklySchedule: {}, requiresBookables: [ids.cameras[0], rivalCamera.id] }, 'requiresBookables.1'],
        ['parent venue of another organization', `/organizations/${orgId}/bookables/venues`, { name: 'Annex', capacity: { max: 5 }, parentVenueId: rivalStage.id }, 'parentVenueId'],
      ];
      for (const [what, path, body, at] of cases) {
        expect({ what, ...validationOutcome(await studio.api.post(path, { locationId: lotId, ...body })) }).toEqual({ what, ...refusedAt(at) });
      }
      const patched = await studio.api.patch(`/bookables/${ids.cameras[0]}`, { requiredAssetIds: [rivalCamera.id] });
      expect(validationOutcome(patched)).toEqual(refusedAt('requiredAssetIds.0'));
      expect((await studio.api.get(`/bookables/${ids.cameras[0]}`)).body.asset.requiredAssetIds).toEqual([ids.batteries[0]]);
      expect((await readAllPages(studio.api, `/organizations/${orgId}/bookables?limit=100`)).ids).toHaveLength(before);
    });

    it('finds only crew with a verified certification valid on the day asked', async () => {
      const search = async (on: string) => {
        const response = await studio.api.get(`/search/bookables?organizationId=${orgId}&type=provider&certifications=Steadicam&on=${on}&limit=100`);
        expect(response.status).toBe(200);
        expect(response.body.on).toBe(on);
        return response.body.data.map((b: { id: string }) => b.id).sort();
      };
      expect(await search('2030-06-01')).toEqual(ids.crew.filter((_, i) => i % 6 === 0 || i % 6 === 4).sort());
      expect(await search('2030-06-02')).toEqual(ids.crew.filter((_, i) => i % 6 === 0 || i % 6 === 3).sort());
      expect(await search('2030-05-31')).toEqual(ids.crew.filter((_, i) => i % 6 === 0 || i % 6 === 1 || i % 6 === 4).sort());
    });

    it('retires a bookable with a reason: it is gone from reads, lists and search', async () => {
      const retired = ids.lights[0]!;
      const deleted = await studio.api.delete(`/bookables/${retired}`, { reason: 'Sold to a rental house' });
      expect(deleted.status).toBe(204);
      const read = await studio.api.get(`/bookables/${retired}`);
      expect({ status: read.status, code: read.body.error?.code }).toEqual({ status: 404, code: 'NOT_FOUND' });
      const assets = (await readAllPages(studio.api, `/organizations/${orgId}/bookables?type=asset&limit=25`)).ids;
      expect(assets).toHaveLength(44);
      expect(assets).not.toContain(retired);
      const lights = await studio.api.get(`/search/bookables?organizationId=${orgId}&type=asset&tags=light&limit=100`);
      expect(lights.body.data.map((b: { id: string }) => b.id).sort()).toEqual(ids.lights.slice(1).sort());
      expect((await studio.api.delete(`/bookables/${retired}`, { reason: 'again' })).status).toBe(404);
    });
  });
});
