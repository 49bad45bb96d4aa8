/**
 * How each kind of bookable's own fields are stored (class-table inheritance, spec §8): the table
 * and, per API field, its column and how the value is written. JSON columns are written as JSON
 * text, because the driver would turn a JS array into a PostgreSQL array.
 */
export type BookableKind = 'provider' | 'asset' | 'venue' | 'virtual_resource';

type ColumnKind = 'value' | 'json';

interface KindTable {
  table: string;
  fields: Record<string, ColumnKind>;
}

export const bookableKindTables: Readonly<Record<BookableKind, KindTable>> = {
  provider: {
    table: 'providers',
    fields: {
      userId: 'value',
      email: 'value',
      phone: 'value',
      bio: 'value',
      specialties: 'value',
      languages: 'value',
      certifications: 'json',
      backgroundCheck: 'json',
      workingLimits: 'json',
      canWorkAtLocationIds: 'value',
      travelRadiusKm: 'value',
      rating: 'value',
    },
  },
  asset: {
    table: 'assets',
    fields: {
      assetType: 'value',
      identifiers: 'json',
      specifications: 'json',
      dimensions: 'json',
      maintenance: 'json',
      usage: 'json',
      requiredAssetIds: 'value',
      compatibleAssetIds: 'value',
    },
  },
  venue: {
    table: 'venues',
    fields: {
      capacity: 'json',
      squareMeters: 'value',
      layout: 'value',
      floorPlanUrl: 'value',
      amenities: 'value',
      parentVenueId: 'value',
      simultaneousBookings: 'value',
      setupMinutes: 'value',
      teardownMinutes: 'value',
    },
  },
  virtual_resource: {
    table: 'virtual_resources',
    fields: { kind: 'value', provider: 'value', connection: 'json', licensePool: 'json', autoProvisioning: 'json', recording: 'json' },
  },
};

/** Fields every bookable has, stored in `bookables`. */
export const bookableBaseFields = ['name', 'description', 'locationId', 'categoryId', 'tags', 'status', 'images', 'requiresBookables', 'settings'] as const;

/** The kind table's columns for the fields present in `input` (absent fields are left alone). */
export function kindColumns(kind: BookableKind, input: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [field, how] of Object.entries(bookableKindTables[kind].fields)) {
    if (!(field in input)) continue;
    const value = input[field];
    columns[field] = how === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
  }
  return columns;
}

/** The `bookables` columns for the base fields present in `input`. */
export function baseColumns(input: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const field of bookableBaseFields) {
    if (!(field in input)) continue;
    const value = input[field];
    if (field === 'requiresBookables') columns.requiresBookableIds = value ?? [];
    else if (field === 'images') columns.images = JSON.stringify(value ?? []);
    else if (field === 'settings') columns.settings = JSON.stringify(value ?? {});
    else columns[field] = value;
  }
  return columns;
}
