import { z } from 'zod';
import { timeZoneSchema } from '../shared.schemas';
import { typedWeeklyScheduleSchema as weeklyScheduleSchema } from '../calendars.schemas';
import { baseFields, createBody, localDateSchema, patchBody, requireOrder, uniqueIds, whenValid } from './common.schemas';

/** How an asset is told apart from its twins (spec §2.3 `Asset` identification). */
export const assetIdentifiersSchema = z.strictObject({
  serialNumber: z.string().trim().min(1).max(100).optional(),
  /** The organization's own inventory number (spec `inventoryNumber`). */
  assetTag: z.string().trim().min(1).max(100).optional(),
  barcode: z.string().trim().min(1).max(100).optional(),
  /** A vehicle identification number: 17 characters, no I, O or Q. */
  vin: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, 'must be a 17-character VIN')
    .optional(),
  licensePlate: z.string().trim().min(1).max(20).optional(),
});

/** Physical size, metric (spec `dimensions` with `unit: 'metric'`). */
export const assetDimensionsSchema = z.strictObject({
  lengthCm: z.number().positive().optional(),
  widthCm: z.number().positive().optional(),
  heightCm: z.number().positive().optional(),
  weightKg: z.number().positive().optional(),
});

/** Service schedule and state of repair (spec `maintenanceSchedule`, `lastServicedAt`, `nextServiceDue`, `condition`). */
export const assetMaintenanceSchema = z
  .strictObject({
    intervalDays: z.number().int().min(1).max(3650).optional(),
    lastServicedOn: localDateSchema.optional(),
    nextServiceDueOn: localDateSchema.optional(),
    condition: z.enum(['new', 'excellent', 'good', 'fair', 'poor', 'out_of_service']),
  })
  .superRefine(
    (m, ctx) => requireOrder(ctx, m.lastServicedOn, m.nextServiceDueOn, ['nextServiceDueOn'], 'nextServiceDueOn must not be before lastServicedOn'),
    whenValid,
  );

/** Usage so far (spec `totalUsageHours`, `totalBookings`), e.g. when importing an asset already in service. */
export const assetUsageSchema = z.strictObject({
  totalHours: z.number().min(0).default(0),
  totalBookings: z.number().int().min(0).default(0),
});

const assetFields = {
  required: {
    ...baseFields.required,
    assetType: z.enum(['vehicle', 'equipment', 'tool', 'instrument', 'other']),
  },
  optional: {
    ...baseFields.optional,
    dimensions: assetDimensionsSchema,
    maintenance: assetMaintenanceSchema,
    usage: assetUsageSchema,
    /** Assets that must go along with this one (spec `requiresAssets`: a camera needs its battery). */
    requiredAssetIds: uniqueIds(50),
    /** Assets that may be bundled with this one (spec `compatibleAssets`). */
    compatibleAssetIds: uniqueIds(200),
    /** Own availability; without it the asset follows its location's hours. */
    timezone: timeZoneSchema,
    weeklySchedule: weeklyScheduleSchema,
  },
  defaulted: {
    ...baseFields.defaulted,
    identifiers: assetIdentifiersSchema.default({}),
    /** Free-form facts, e.g. `{ transmission: 'automatic', seats: 5 }`. */
    specifications: z
      .record(z.string().min(1).max(100), z.union([z.string().max(1000), z.number(), z.boolean()]))
      .refine((specs) => Object.keys(specs).length <= 100, { message: 'at most 100 specifications' })
      .default({}),
  },
};

/** POST /organizations/:orgId/bookables/assets: equipment, vehicles, tools (spec §2.3 `Asset`). */
export const createAssetSchema = createBody(assetFields);

/** PATCH /organizations/:orgId/bookables/:bookableId for an asset. */
export const patchAssetSchema = patchBody(assetFields);

export type CreateAssetInput = z.infer<typeof createAssetSchema>;
export type PatchAssetInput = z.infer<typeof patchAssetSchema>;
