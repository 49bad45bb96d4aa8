import { create, fieldPaths, newCaller, refusedAt, rowCounts, validationOutcome, weekdayHours, type Caller } from '../support/configuration-builders';
import type { ApiResponse } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

/**
 * Invalid configuration is refused with 400 VALIDATION_FAILED naming exactly the fields at fault,
 * and writes nothing: row counts of the organization's tables stay as they were.
 */
describe('invalid configuration is refused precisely and changes nothing', () => {
  let app: TestApp;
  let owner: Caller;
  let orgId: string;
  let locationId: string;
  let venueId: string;
  let providerId: string;
  let calendarId: string;
  let templateId: string;
  let templateSlug: string;
  const orgSlug = `strict-studios-${Date.now().toString(36)}`;
  const defaultConfig = { currency: 'EUR', booking: { holdDurationSeconds: 600 } };

  beforeAll(async () => {
    app = await startTestApp();
    owner = await newCaller(app.baseUrl, 'Vera Validation');
    orgId = (await create(owner.api, '/organizations', { name: 'Strict Studios', slug: orgSlug, defaultConfig })).id;
    locationId = (await create(owner.api, `/organizations/${orgId}/locations`, { name: 'Main', timezone: 'Europe/Berlin', config: { currency: 'EUR' } })).id;
    venueId = (await create(owner.api, `/organizations/${orgId}/bookables/venues`, { name: 'Hall', locationId, capacity: { min: 2, max: 10 }, simultaneousBookings: 5 })).id;
    const provider = await create(owner.api, `/organizations/${orgId}/bookables/providers`, { name: 'Dr. Strict', locationId, weeklySchedule: weekdayHours() });
    providerId = provider.id;
    calendarId = provider.calendar.id;
    const template = await create(owner.api, `/organizations/${orgId}/service-templates`, {
      name: 'Paid session',
      duration: { type: 'fixed', fixedMinutes: 60 },
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 8_000 } },
      cancellation: { refundTiers: [{ minHoursBefore: 24, refundAmount: 8_000 }, { minHoursBefore: 2, maxHoursBefore: 24, refundAmount: 4_000 }] },
    });
    templateId = template.id;
    templateSlug = template.slug;
  });
  afterAll(() => app.stop());

  const counts = () => rowCounts(app.db, [orgId], owner.userId);

  /** Sends each request, expects 400 VALIDATION_FAILED at exactly the given paths, and that no row appeared or vanished. */
  async function expectRefused(cases: Array<[string, () => Promise<ApiResponse>, string[]]>): Promise<void> {
    const before = await counts();
    const outcomes = [];
    for (const [what, send] of cases) outcomes.push({ what, ...validationOutcome(await send()) });
    // All cases at once, so a failure lists every request that was not refused as expected.
    expect(outcomes).toEqual(cases.map(([what, , paths]) => ({ what, ...refusedAt(...paths) })));
    expect(await counts()).toEqual(before);
  }

  it('organizations: a bad currency, unknown keys and an unknown type', async () => {
    const post = (body: Record<string, unknown>) => () => owner.api.post('/organizations', { name: 'Broken Org', ...body });
    const patch = (body: Record<string, unknown>) => () => owner.api.patch(`/organizations/${orgId}`, body);
    await expectRefused([
      ['lowercase currency', post({ defaultConfig: { currency: 'euro' } }), ['defaultConfig.currency']],
      ['unknown settings key', post({ defaultConfig: { currency: 'EUR', colour: 'red' } }), ['defaultConfig.colour']],
      ['unknown nested key', post({ defaultConfig: { booking: { holdMinutes: 15 } } }), ['defaultConfig.booking.holdMinutes']],
      ['hold of zero seconds', post({ defaultConfig: { booking: { holdDurationSeconds: 0 } } }), ['defaultConfig.booking.holdDurationSeconds']],
      ['unknown organization type', post({ type: 'conglomerate' }), ['type']],
      ['PATCH with a bad currency', patch({ defaultConfig: { currency: 'eur' } }), ['defaultConfig.currency']],
      ['PATCH with a bad reminder', patch({ defaultConfig: { reminders: { hoursBefore: [0] } } }), ['defaultConfig.reminders.hoursBefore.0']],
      ['empty PATCH', patch({}), ['(body)']],
    ]);
    expect((await owner.api.get(`/organizations/${orgId}`)).body.defaultConfig).toEqual(defaultConfig);
  });

  it('locations: a mobile location without a service area, coordinates off the globe, a bad config', async () => {
    const post = (body: Record<string, unknown>) => () => owner.api.post(`/organizations/${orgId}/locations`, { name: 'Broken', timezone: 'Europe/Berlin', ...body });
    const address = { street: 'Unter den Linden 1', city: 'Berlin', zip: '10117', country: 'DE' };
    await expectRefused([
      ['mobile without service area', post({ type: 'mobile' }), ['serviceArea']],
      ['latitude above 90', post({ address: { ...address, coordinates: { lat: 91, lng: 13.4 } } }), ['address.coordinates.lat']],
      ['service area centre off the globe', post({ type: 'mobile', serviceArea: { type: 'radius', center: { lat: 52.5, lng: 200 }, radiusKm: 10 } }), ['serviceArea.center.lng']],
      ['polygon of two points', post({ type: 'mobile', serviceArea: { type: 'polygon', coordinates: [{ lat: 52.5, lng: 13.4 }, { lat: 52.6, lng: 13.5 }] } }), ['serviceArea.coordinates']],
      ['unknown config key', post({ config: { booking: { maxAdvanceDays: 0 }, surcharge: 5 } }), ['config.booking.maxAdvanceDays', 'config.surcharge']],
      ['PATCH with a bad currency', () => owner.api.patch(`/locations/${locationId}`, { config: { currency: 'euros' } }), ['config.currency']],
    ]);
    expect((await owner.api.get(`/locations/${locationId}`)).body).toMatchObject({ type: 'physical', config: { currency: 'EUR' }, serviceArea: null });
  });

  it('venues: capacity out of order, and more simultaneous bookings than capacity, on create and against the stored venue', async () => {
    const post = (body: Record<string, unknown>) => () => owner.api.post(`/organizations/${orgId}/bookables/venues`, { name: 'Broken venue', locationId, ...body });
    const patch = (body: Record<string, unknown>) => () => owner.api.patch(`/bookables/${venueId}`, body);
    await expectRefused([
      ['min above max', post({ capacity: { min: 10, max: 5 } }), ['capacity.max']],
      ['optimal above max', post({ capacity: { min: 2, max: 10, optimal: 20 } }), ['capacity.optimal']],
      ['optimal below min', post({ capacity: { min: 5, max: 10, optimal: 3 } }), ['capacity.optimal']],
      ['simultaneous above capacity', post({ capacity: { max: 10 }, simultaneousBookings: 20 }), ['simultaneousBookings']],
      ['PATCH simultaneous above the stored capacity', patch({ simultaneousBookings: 12 }), ['simultaneousBookings']],
      ['PATCH capacity below the stored simultaneous bookings', patch({ capacity: { max: 3 } }), ['simultaneousBookings']],
      ['PATCH both out of line', patch({ capacity: { max: 4 }, simultaneousBookings: 6 }), ['simultaneousBookings']],
      ['PATCH min above the new max', patch({ capacity: { min: 8, max: 6 } }), ['capacity.max']],
    ]);
    expect((await owner.api.get(`/bookables/${venueId}`)).body.venue).toMatchObject({ capacity: { min: 2, max: 10 }, simultaneousBookings: 5 });
  });

  it('providers, assets and virtual resources: dates out of order, a licence pool larger than itself', async () => {
    const kind = (path: string, body: Record<string, unknown>) => () => owner.api.post(`/organizations/${orgId}/bookables/${path}`, { locationId, ...body });
    const provider = (body: Record<string, unknown>) => kind('providers', { name: 'Broken provider', weeklySchedule: weekdayHours(), ...body });
    const badCertificate = { name: 'BLS', issuedOn: '2030-01-01', expiresOn: '2029-12-31', verified: true };
    await expectRefused([
      ['certification expiring before it is issued', provider({ certifications: [{ name: 'ACLS', verified: true }, badCertificate] }), ['certifications.1.expiresOn']],
      ['background check expiring before it was made', provider({ backgroundCheck: { status: 'passed', checkedOn: '2030-02-01', expiresOn: '2030-01-01' } }), ['backgroundCheck.expiresOn']],
      ['PATCH with a certification out of order', () => owner.api.patch(`/bookables/${providerId}`, { certifications: [badCertificate] }), ['certifications.0.expiresOn']],
      ['service due before last service', kind('assets', { name: 'Crane', assetType: 'equipment', maintenance: { condition: 'good', lastServicedOn: '2030-05-01', nextServiceDueOn: '2030-04-01' } }), ['maintenance.nextServiceDueOn']],
      ['licence limit above the pool', kind('virtual-resources', { name: 'CAD seats', kind: 'software_license', licensePool: { size: 5, concurrentLimit: 10 } }), ['licensePool.concurrentLimit']],
      ['auto-recording without recording', kind('virtual-resources', { name: 'Room', kind: 'video_conference', recording: { enabled: false, autoRecord: true } }), ['recording.autoRecord']],
    ]);
    expect((await owner.api.get(`/bookables/${providerId}`)).body.provider.certifications).toEqual([]);
  });

  it('calendars: a closed day with hours, a block ending before it starts, a pattern whose window closes before it opens', async () => {
    const override = (body: Record<string, unknown>) => () => owner.api.post(`/calendars/${calendarId}/overrides`, { date: '2030-03-04', ...body });
    const block = (body: Record<string, unknown>) => () => owner.api.post(`/calendars/${calendarId}/blocks`, { type: 'meeting', ...body });
    const pattern = (body: Record<string, unknown>) => () => owner.api.patch(`/calendars/${calendarId}`, { pattern: body });
    expect((await owner.api.patch(`/calendars/${calendarId}`, { pattern: { minAdvanceMinutes: 2_880 } })).status).toBe(200);
    await expectRefused([
      ['closed day with ranges', override({ kind: 'closed', ranges: [{ start: '09:00', end: '12:00' }] }), ['ranges']],
      ['changed hours without ranges', override({ kind: 'modified_hours' }), ['ranges']],
      ['holiday pricing without a multiplier', override({ kind: 'holiday_pricing' }), ['pricingMultiplierBps']],
      ['ranges that overlap', override({ kind: 'special_hours', ranges: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }] }), ['ranges.1']],
      ['block ending before it starts', block({ startsAt: '2030-03-04T12:00:00+01:00', endsAt: '2030-03-04T10:00:00+01:00' }), ['endsAt']],
      ['empty block', block({ startsAt: '2030-03-04T12:00:00+01:00', endsAt: '2030-03-04T11:00:00Z' }), ['endsAt']],
      ['paid time off that is a meeting', block({ startsAt: '2030-03-04T10:00:00+01:00', endsAt: '2030-03-04T11:00:00+01:00', paidTimeOff: true }), ['paidTimeOff']],
      ['window closing before it opens', pattern({ minAdvanceMinutes: 1_440, maxAdvanceDays: 1 }), ['pattern.maxAdvanceDays']],
      ['maxAdvanceDays against the stored minAdvanceMinutes', pattern({ maxAdvanceDays: 1 }), ['pattern.maxAdvanceDays']],
    ]);
    const calendar = (await owner.api.get(`/calendars/${calendarId}`)).body;
    expect(calendar.pattern).toMatchObject({ minAdvanceMinutes: 2_880 });
    expect(calendar.pattern.maxAdvanceDays).toBeUndefined();
    expect({ overrides: calendar.overrides, blocks: calendar.blocks }).toEqual({ overrides: [], blocks: [] });
  });

  it('service templates: broken blocks on create, and a PATCH that breaks a rule against the stored template', async () => {
    const post = (body: Record<string, unknown>) => () => owner.api.post(`/organizations/${orgId}/service-templates`, { name: 'Broken service', duration: { type: 'fixed', fixedMinutes: 30 }, ...body });
    const patch = (body: Record<string, unknown>) => () => owner.api.patch(`/service-templates/${templateId}`, body);
    await expectRefused([
      ['fixed without minutes', post({ duration: { type: 'fixed' } }), ['duration.fixedMinutes']],
      ['overlapping refund tiers', post({ cancellation: { refundTiers: [{ minHoursBefore: 24, refundBps: 10_000 }, { minHoursBefore: 12, maxHoursBefore: 48, refundBps: 5_000 }] } }), ['cancellation.refundTiers.1']],
      ['requirement naming no bookable', post({ bookables: { required: [{ bookableType: 'provider' }] } }), ['bookables.required.0']],
      ['requirement naming both', post({ bookables: { required: [{ bookableType: 'provider', specificBookableId: providerId, criteria: { tags: ['senior'] } }] } }), ['bookables.required.0']],
      ['group minimum above maximum', post({ capacity: { type: 'group', group: { minParticipants: 10, maxParticipants: 5 } } }), ['capacity.group.maxParticipants']],
      ['amounts without a currency', post({ pricing: { model: 'free' }, cancellation: { refundTiers: [{ minHoursBefore: 24, refundAmount: 500 }] } }), ['pricing.currency']],
      // The stored template refunds fixed amounts in EUR: pricing without a currency leaves them without one.
      ['PATCH pricing against the stored refund amounts', patch({ pricing: { model: 'free' } }), ['pricing.currency']],
      ['PATCH duration inside a valid body', patch({ duration: { type: 'variable', minMinutes: 60, maxMinutes: 30 } }), ['duration.maxMinutes']],
    ]);
    const stored = (await owner.api.get(`/service-templates/${templateId}`)).body;
    expect(stored).toMatchObject({ version: 1, pricing: { model: 'fixed', currency: 'EUR' }, duration: { type: 'fixed', fixedMinutes: 60 } });
    expect((await owner.api.get(`/service-templates/${templateId}/versions`)).body.data.map((v: { version: number }) => v.version)).toEqual([1]);
  });

  it('references to rows that do not exist are field errors, and nothing is stored', async () => {
    const nowhere = 'loc_000000000000000000000000';
    await expectRefused([
      ['location under an unknown parent', () => owner.api.post(`/organizations/${orgId}/locations`, { name: 'Orphan', timezone: 'Europe/Berlin', parentLocationId: nowhere }), ['parentLocationId']],
      ['location moved under an unknown parent', () => owner.api.patch(`/locations/${locationId}`, { parentLocationId: nowhere }), ['parentLocationId']],
      ['provider in an unknown category', () => owner.api.post(`/organizations/${orgId}/bookables/providers`, { name: 'Uncategorised', locationId, weeklySchedule: {}, categoryId: 'cat_000000000000000000000000' }), ['categoryId']],
      ['template at an unknown location', () => owner.api.post(`/organizations/${orgId}/service-templates`, { name: 'Nowhere', locationId: nowhere, duration: { type: 'fixed', fixedMinutes: 30 } }), ['locationId']],
    ]);
    expect((await owner.api.get(`/locations/${locationId}`)).body.parentLocationId).toBeNull();
  });

  it('a slug already taken is 409 ALREADY_EXISTS at path slug, and nothing is stored', async () => {
    const before = await counts();
    const taken = [
      ['organization slug', await owner.api.post('/organizations', { name: 'Copycat', slug: orgSlug })],
      ['template slug', await owner.api.post(`/organizations/${orgId}/service-templates`, { name: 'Copycat', slug: templateSlug, duration: { type: 'fixed', fixedMinutes: 30 } })],
    ] as const;
    const outcome = ([what, response]: (typeof taken)[number]) => ({ what, status: response.status, code: response.body.error?.code, paths: fieldPaths(response) });
    expect(taken.map(outcome)).toEqual(taken.map(([what]) => ({ what, status: 409, code: 'ALREADY_EXISTS', paths: ['slug'] })));
    expect(await counts()).toEqual(before);
  });
});
