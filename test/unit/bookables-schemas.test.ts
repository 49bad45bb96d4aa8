import { validationProblems } from '../support/validation-problems';
import type { z } from 'zod';
import { parseInput } from '../../src/http/validation';
import {
  bookableListQuerySchema,
  bookableSearchQuerySchema,
  createAssetSchema,
  createBookableSchemas,
  createProviderSchema,
  createVenueSchema,
  createVirtualResourceSchema,
  patchAssetSchema,
  patchBookableSchemas,
  patchProviderSchema,
  patchVenueSchema,
  patchVirtualResourceSchema,
  type CreateProviderInput,
} from '../../src/http/routes/bookables.schemas';

// Contract under test: the create/patch bodies of the four kinds of bookable and the two query strings,
// as the routes see them through parseInput (problems addressed by dotted path).

const problems = validationProblems;
const paths = (schema: z.ZodType, input: unknown) => problems(schema, input).map((p) => p.path);

const loc = 'loc_0123456789ab';
const loc2 = 'loc_abcdefghij01';
const week = { monday: [{ start: '09:00', end: '17:00' }] };
/** How the schedule comes back: every range typed, `available` by default. */
const typedWeek = { monday: [{ start: '09:00', end: '17:00', type: 'available' }] };
const base = { name: 'Thing', locationId: loc };
const baseDefaults = { tags: [], status: 'active' };

describe('create bodies: minimal input parses to the documented defaults', () => {
  it.each([
    ['provider', createProviderSchema, { ...base, weeklySchedule: week }, { ...base, weeklySchedule: typedWeek, ...baseDefaults, specialties: [], languages: [], certifications: [] }],
    ['asset', createAssetSchema, { ...base, assetType: 'vehicle' }, { ...base, assetType: 'vehicle', ...baseDefaults, identifiers: {}, specifications: {} }],
    [
      'venue',
      createVenueSchema,
      { ...base, capacity: { max: 20 } },
      { ...base, capacity: { min: 0, max: 20 }, ...baseDefaults, amenities: [], simultaneousBookings: 1, setupMinutes: 0, teardownMinutes: 0 },
    ],
    ['virtual resource', createVirtualResourceSchema, { ...base, kind: 'video_conference' }, { ...base, kind: 'video_conference', ...baseDefaults }],
  ])('%s', (_kind, schema, input, expected) => {
    expect(parseInput(schema, input)).toEqual(expected);
  });

  it('maps each type to its create and patch schema', () => {
    expect(Object.keys(createBookableSchemas)).toEqual(['provider', 'asset', 'venue', 'virtual_resource']);
    expect(createBookableSchemas.venue).toBe(createVenueSchema);
    expect(patchBookableSchemas.virtual_resource).toBe(patchVirtualResourceSchema);
  });
});

const common = {
  description: 'A thing',
  categoryId: 'cat_0123456789ab',
  tags: ['senior'],
  status: 'maintenance',
  images: [{ url: 'https://cdn.example.com/a.png', alt: 'front' }],
  requiresBookables: ['bkb_0123456789ab'],
  settings: { color: 'blue', nested: { ok: true } },
};

describe('create bodies: full input', () => {
  it('provider, with dates kept as YYYY-MM-DD and verifiedAt read as an instant', () => {
    const parsed = parseInput(createProviderSchema, {
      ...base,
      ...common,
      email: 'ada@example.com',
      phone: '+1 555 0100',
      bio: 'Hi',
      specialties: ['coloring'],
      userId: 'usr_0123456789ab',
      timezone: 'Europe/Berlin',
      weeklySchedule: week,
      languages: ['en', 'pt-BR'],
      certifications: [
        { name: 'BLS', issuer: 'AHA', number: 'X1', issuedOn: '2028-01-31', expiresOn: '2030-01-31', verified: true, verifiedAt: '2028-02-01T10:00:00+01:00' },
        { name: 'CPR' },
      ],
      backgroundCheck: { status: 'passed', checkedOn: '2028-01-01', expiresOn: '2029-01-01', provider: 'Checkr' },
      workingLimits: { maxDailyBookings: 8, maxWeeklyHours: 37.5, minRestMinutesBetweenBookings: 10, maxConsecutiveBookings: 4 },
      canWorkAtLocationIds: [loc, loc2],
      travelRadiusKm: 12.5,
      rating: 4.8,
    });
    expect(parsed.certifications).toEqual([
      { name: 'BLS', issuer: 'AHA', number: 'X1', issuedOn: '2028-01-31', expiresOn: '2030-01-31', verified: true, verifiedAt: new Date('2028-02-01T09:00:00Z') },
      { name: 'CPR', verified: false },
    ]);
    expect(parsed).toMatchObject({ status: 'maintenance', rating: 4.8, canWorkAtLocationIds: [loc, loc2], settings: { nested: { ok: true } } });
  });

  it('asset, with the VIN upper-cased and usage defaulted inside', () => {
    const parsed = parseInput(createAssetSchema, {
      ...base,
      ...common,
      assetType: 'vehicle',
      identifiers: { serialNumber: 'S1', assetTag: 'A-7', barcode: '0123', vin: '1hgcm82633a004352', licensePlate: 'B-AB 123' },
      specifications: { transmission: 'automatic', seats: 5, hybrid: true },
      dimensions: { lengthCm: 450, widthCm: 180, heightCm: 150, weightKg: 1400 },
      maintenance: { intervalDays: 180, lastServicedOn: '2030-01-01', nextServiceDueOn: '2030-07-01', condition: 'excellent' },
      usage: {},
      requiredAssetIds: ['bkb_aaaaaaaaaa01'],
      compatibleAssetIds: ['bkb_aaaaaaaaaa02'],
      timezone: 'America/New_York',
      weeklySchedule: week,
    });
    expect(parsed.identifiers.vin).toBe('1HGCM82633A004352');
    expect(parsed.usage).toEqual({ totalHours: 0, totalBookings: 0 });
    expect(parsed.specifications).toEqual({ transmission: 'automatic', seats: 5, hybrid: true });
  });

  it('venue', () => {
    const input = {
      ...base,
      ...common,
      capacity: { min: 2, optimal: 10, max: 12 },
      squareMeters: 80,
      layout: 'classroom',
      floorPlanUrl: 'https://cdn.example.com/plan.pdf',
      amenities: ['wifi'],
      parentVenueId: 'bkb_0123456789ab',
      simultaneousBookings: 2,
      setupMinutes: 15,
      teardownMinutes: 10,
      timezone: 'Europe/Berlin',
      weeklySchedule: week,
    };
    expect(parseInput(createVenueSchema, input)).toEqual({ ...input, weeklySchedule: typedWeek });
  });

  it('virtual resource', () => {
    const input = {
      ...base,
      ...common,
      kind: 'software_license',
      provider: 'license_server',
      connection: { joinUrl: 'https://zoom.example.com/j/1', meetingId: '1', passcode: 'p', dialInNumbers: ['+1 555 0100'], streamingKey: 'k' },
      licensePool: { size: 10, concurrentLimit: 10 },
      autoProvisioning: { enabled: true, leadTimeMinutes: 15, deleteAfterMinutes: 60 },
      recording: { enabled: true, retentionDays: 30 },
      timezone: 'Europe/Berlin',
      weeklySchedule: week,
    };
    expect(parseInput(createVirtualResourceSchema, input)).toEqual({ ...input, weeklySchedule: typedWeek, recording: { enabled: true, autoRecord: false, retentionDays: 30 } });
  });
});

describe('createProviderSchema accepts the first release’s bodies', () => {
  it('parses every old field, adds the new defaults and types the schedule ranges', () => {
    const input = { name: ' Ada ', locationId: loc, email: 'a@example.com', phone: '1', bio: 'b', specialties: ['x'], tags: ['t'], userId: 'u', timezone: 'Europe/Berlin', weeklySchedule: { monday: [{ start: '09:00', end: '17:00' }] } };
    expect(parseInput(createProviderSchema, input)).toEqual({
      ...input,
      name: 'Ada',
      weeklySchedule: { monday: [{ start: '09:00', end: '17:00', type: 'available' }] },
      status: 'active',
      languages: [],
      certifications: [],
    });
  });

  it.each([
    ['weeklySchedule still required', { name: 'Ada', locationId: loc }, ['weeklySchedule']],
    ['bad schedule still reported deep', { name: 'Ada', locationId: loc, weeklySchedule: { monday: [{ start: '10:00', end: '09:00' }] } }, ['weeklySchedule.monday.0.end']],
  ])('%s', (_name, input, expected) => {
    expect(paths(createProviderSchema, input)).toEqual(expected);
  });
});

const provider = { ...base, weeklySchedule: week };
const venue = { ...base, capacity: { max: 10 } };
const virtual = { ...base, kind: 'software_license' };

describe('cross-field rules: each reported at its own path', () => {
  it.each<[string, z.ZodType, unknown, string[]]>([
    ['certification issued after it expires', createProviderSchema, { ...provider, certifications: [{ name: 'A' }, { name: 'BLS', issuedOn: '2030-02-01', expiresOn: '2030-01-31' }] }, ['certifications.1.expiresOn']],
    ['background check expires before it was done', createProviderSchema, { ...provider, backgroundCheck: { status: 'passed', checkedOn: '2030-02-01', expiresOn: '2030-01-01' } }, ['backgroundCheck.expiresOn']],
    ['asset serviced after its next service is due', createAssetSchema, { ...base, assetType: 'tool', maintenance: { condition: 'good', lastServicedOn: '2030-02-01', nextServiceDueOn: '2030-01-01' } }, ['maintenance.nextServiceDueOn']],
    ['capacity max below min', createVenueSchema, { ...base, capacity: { min: 5, max: 4 } }, ['capacity.max']],
    ['capacity optimal below min', createVenueSchema, { ...base, capacity: { min: 5, optimal: 4, max: 10 } }, ['capacity.optimal']],
    ['capacity optimal above max', createVenueSchema, { ...base, capacity: { optimal: 11, max: 10 } }, ['capacity.optimal']],
    ['more simultaneous bookings than capacity.max', createVenueSchema, { ...venue, simultaneousBookings: 11 }, ['simultaneousBookings']],
    ['licence pool concurrent limit above size', createVirtualResourceSchema, { ...virtual, licensePool: { size: 5, concurrentLimit: 6 } }, ['licensePool.concurrentLimit']],
    ['auto-record with recording disabled', createVirtualResourceSchema, { ...virtual, recording: { enabled: false, autoRecord: true } }, ['recording.autoRecord']],
    ['the same id twice in requiresBookables', createAssetSchema, { ...base, assetType: 'tool', requiresBookables: ['bkb_0123456789ab', 'bkb_0123456789ab'] }, ['requiresBookables.1']],
    ['the same location twice', createProviderSchema, { ...provider, canWorkAtLocationIds: [loc, loc2, loc] }, ['canWorkAtLocationIds.2']],
  ])('%s', (_name, schema, input, expected) => {
    expect(paths(schema, input)).toEqual(expected);
  });

  it('equal dates and limits are allowed', () => {
    expect(() => parseInput(createProviderSchema, { ...provider, certifications: [{ name: 'A', issuedOn: '2030-01-31', expiresOn: '2030-01-31' }] })).not.toThrow();
    expect(() => parseInput(createVenueSchema, { ...base, capacity: { min: 10, optimal: 10, max: 10 }, simultaneousBookings: 10 })).not.toThrow();
    expect(() => parseInput(createVirtualResourceSchema, { ...virtual, licensePool: { size: 5, concurrentLimit: 5 } })).not.toThrow();
  });
});

describe('field checks', () => {
  it.each<[string, z.ZodType, unknown, string[]]>([
    ['unknown top-level field', createAssetSchema, { ...base, assetType: 'tool', colour: 'red' }, ['colour']],
    ['unknown nested field', createVenueSchema, { ...base, capacity: { max: 3, seats: 3 } }, ['capacity.seats']],
    ['impossible date', createProviderSchema, { ...provider, certifications: [{ name: 'A', expiresOn: '2031-02-29' }] }, ['certifications.0.expiresOn']],
    ['date with a time', createAssetSchema, { ...base, assetType: 'tool', maintenance: { condition: 'good', lastServicedOn: '2030-01-01T00:00:00Z' } }, ['maintenance.lastServicedOn']],
    ['verifiedAt without an offset', createProviderSchema, { ...provider, certifications: [{ name: 'A', verifiedAt: '2030-01-01T10:00:00' }] }, ['certifications.0.verifiedAt']],
    ['rating above 5', createProviderSchema, { ...provider, rating: 5.1 }, ['rating']],
    ['travel radius zero', createProviderSchema, { ...provider, travelRadiusKm: 0 }, ['travelRadiusKm']],
    ['bad language tag', createProviderSchema, { ...provider, languages: ['en', 'English'] }, ['languages.1']],
    ['status retired is not stored', createVenueSchema, { ...venue, status: 'retired' }, ['status']],
    ['image url with another scheme', createVenueSchema, { ...venue, images: [{ url: 'javascript:alert(1)' }] }, ['images.0.url']],
    ['VIN with an O', createAssetSchema, { ...base, assetType: 'vehicle', identifiers: { vin: '1HGCM82633O004352' } }, ['identifiers.vin']],
    ['specification that is an object', createAssetSchema, { ...base, assetType: 'tool', specifications: { a: { b: 1 } } }, ['specifications.a']],
    ['negative usage', createAssetSchema, { ...base, assetType: 'tool', usage: { totalHours: -1 } }, ['usage.totalHours']],
    ['maintenance without condition', createAssetSchema, { ...base, assetType: 'tool', maintenance: { intervalDays: 30 } }, ['maintenance.condition']],
    ['capacity max zero (and not again against simultaneousBookings)', createVenueSchema, { ...base, capacity: { max: 0 } }, ['capacity.max']],
    ['fractional simultaneous bookings', createVenueSchema, { ...venue, simultaneousBookings: 1.5 }, ['simultaneousBookings']],
    // A bad field is reported once: cross-field rules run only on otherwise valid input.
    ['licence pool of zero', createVirtualResourceSchema, { ...virtual, licensePool: { size: 0, concurrentLimit: 1 } }, ['licensePool.size']],
    ['unknown virtual kind', createVirtualResourceSchema, { ...base, kind: 'hologram' }, ['kind']],
    ['missing per-kind required field', createAssetSchema, base, ['assetType']],
  ])('%s', (_name, schema, input, expected) => {
    expect(paths(schema, input)).toEqual(expected);
  });
});

describe('patch bodies', () => {
  it.each<[string, z.ZodType]>([
    ['provider', patchProviderSchema],
    ['asset', patchAssetSchema],
    ['venue', patchVenueSchema],
    ['virtual resource', patchVirtualResourceSchema],
  ])('%s: {} is refused, one field is enough, and nothing is defaulted', (_kind, schema) => {
    expect(problems(schema, {})).toEqual([{ path: '(body)', message: 'a patch must name at least one field to change', code: 'custom' }]);
    expect(parseInput(schema, { locationId: loc2 })).toEqual({ locationId: loc2 });
    expect(parseInput(schema, { description: null, categoryId: null })).toEqual({ description: null, categoryId: null });
  });

  it('null clears optional fields but not required or defaulted ones', () => {
    expect(parseInput(patchAssetSchema, { weeklySchedule: null, timezone: null })).toEqual({ weeklySchedule: null, timezone: null });
    expect(paths(patchProviderSchema, { name: null, weeklySchedule: null, tags: null })).toEqual(['name', 'weeklySchedule', 'tags']);
  });

  it('nested objects are replaced whole, with their own defaults', () => {
    expect(parseInput(patchProviderSchema, { certifications: [{ name: 'BLS' }] })).toEqual({ certifications: [{ name: 'BLS', verified: false }] });
    expect(parseInput(patchVenueSchema, { capacity: { max: 5 } })).toEqual({ capacity: { min: 0, max: 5 } });
  });

  it.each<[string, z.ZodType, unknown, string[]]>([
    ['certification dates', patchProviderSchema, { certifications: [{ name: 'BLS', issuedOn: '2030-02-01', expiresOn: '2030-01-31' }] }, ['certifications.0.expiresOn']],
    ['background check dates', patchProviderSchema, { backgroundCheck: { status: 'passed', checkedOn: '2030-02-01', expiresOn: '2030-01-01' } }, ['backgroundCheck.expiresOn']],
    ['maintenance dates', patchAssetSchema, { maintenance: { condition: 'poor', lastServicedOn: '2030-02-01', nextServiceDueOn: '2030-01-01' } }, ['maintenance.nextServiceDueOn']],
    ['capacity order', patchVenueSchema, { capacity: { min: 3, optimal: 2, max: 10 } }, ['capacity.optimal']],
    ['simultaneous bookings and capacity, both in the patch', patchVenueSchema, { capacity: { max: 2 }, simultaneousBookings: 3 }, ['simultaneousBookings']],
    ['licence pool', patchVirtualResourceSchema, { licensePool: { size: 1, concurrentLimit: 2 } }, ['licensePool.concurrentLimit']],
    ['recording', patchVirtualResourceSchema, { recording: { enabled: false, autoRecord: true } }, ['recording.autoRecord']],
    ['unknown field', patchVenueSchema, { seats: 3 }, ['seats']],
  ])('same rule in a patch: %s', (_name, schema, input, expected) => {
    expect(paths(schema, input)).toEqual(expected);
  });

  it('a cross-field rule is not applied when only one side is in the patch', () => {
    expect(parseInput(patchVenueSchema, { simultaneousBookings: 50 })).toEqual({ simultaneousBookings: 50 });
  });
});

describe('bookableListQuerySchema', () => {
  it('parses strings from the query string', () => {
    expect(parseInput(bookableListQuerySchema, {})).toEqual({ limit: 25 });
    expect(parseInput(bookableListQuerySchema, { type: 'venue', status: 'inactive', locationId: loc, categoryId: 'cat_0123456789ab', tags: ' a,b,,a ', limit: '100', cursor: 'abc' })).toEqual({
      type: 'venue',
      status: 'inactive',
      locationId: loc,
      categoryId: 'cat_0123456789ab',
      tags: ['a', 'b'],
      limit: 100,
      cursor: 'abc',
    });
  });

  it('accepts a repeated parameter as a list too', () => {
    expect(parseInput(bookableListQuerySchema, { tags: ['a,b', 'c'] }).tags).toEqual(['a', 'b', 'c']);
  });

  it.each([
    ['limit 0', { limit: '0' }, ['limit']],
    ['limit 101', { limit: '101' }, ['limit']],
    ['limit not a number', { limit: 'many' }, ['limit']],
    ['unknown type', { type: 'robot' }, ['type']],
    ['tag too long, at its index', { tags: `a,${'x'.repeat(51)}` }, ['tags.1']],
    ['unknown parameter', { sort: 'name' }, ['sort']],
  ])('%s', (_name, input, expected) => {
    expect(paths(bookableListQuerySchema, input)).toEqual(expected);
  });
});

describe('bookableSearchQuerySchema', () => {
  const org = 'org_0123456789ab';

  it('parses lists and numbers; `on` is left to the caller when absent', () => {
    expect(parseInput(bookableSearchQuerySchema, { organizationId: org })).toEqual({ organizationId: org, limit: 25 });
    expect(
      parseInput(bookableSearchQuerySchema, {
        organizationId: org,
        type: 'provider',
        locationId: loc,
        categoryIds: 'cat_0123456789ab,cat_abcdefghij01',
        tags: 'senior',
        certifications: 'BLS, ACLS',
        on: '2030-01-31',
        minRating: '4.5',
        limit: '10',
        cursor: 'c1',
      }),
    ).toEqual({
      organizationId: org,
      type: 'provider',
      locationId: loc,
      categoryIds: ['cat_0123456789ab', 'cat_abcdefghij01'],
      tags: ['senior'],
      certifications: ['BLS', 'ACLS'],
      on: '2030-01-31',
      minRating: 4.5,
      limit: 10,
      cursor: 'c1',
    });
  });

  it.each([
    ['organizationId required', {}, ['organizationId']],
    ['bad category id, at its index', { organizationId: org, categoryIds: 'cat_0123456789ab,nope' }, ['categoryIds.1']],
    ['impossible date', { organizationId: org, on: '2030-02-30' }, ['on']],
    ['minRating above 5', { organizationId: org, minRating: '6' }, ['minRating']],
    ['minRating not a number', { organizationId: org, minRating: 'high' }, ['minRating']],
  ])('%s', (_name, input, expected) => {
    expect(paths(bookableSearchQuerySchema, input)).toEqual(expected);
  });
});

// Compile-time: the inferred input type has the documented shape.
const typed: CreateProviderInput = parseInput(createProviderSchema, provider);
void typed.certifications.map((c): [string, boolean, Date | undefined] => [c.name, c.verified, c.verifiedAt]);
