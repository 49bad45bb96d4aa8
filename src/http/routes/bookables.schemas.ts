import { z } from 'zod';
import { commaList, idSchema, limitSchema } from './shared.schemas';
import { bookableStatusSchema, bookableTypeSchema, localDateSchema } from './bookable-kinds/common.schemas';
import { createProviderSchema, patchProviderSchema } from './bookable-kinds/provider.schemas';
import { createAssetSchema, patchAssetSchema } from './bookable-kinds/asset.schemas';
import { createVenueSchema, patchVenueSchema } from './bookable-kinds/venue.schemas';
import { createVirtualResourceSchema, patchVirtualResourceSchema } from './bookable-kinds/virtual-resource.schemas';

/**
 * Request bodies and query strings for bookables of every kind (spec §2.3, §8). The bodies live in
 * bookable-kinds/, one file per kind; this module is the one to import from.
 */

export { bookableStatusSchema, bookableTypeSchema, localDateSchema } from './bookable-kinds/common.schemas';
export * from './bookable-kinds/provider.schemas';
export * from './bookable-kinds/asset.schemas';
export * from './bookable-kinds/venue.schemas';
export * from './bookable-kinds/virtual-resource.schemas';

/** The create body for each `type` of bookable. */
export const createBookableSchemas = {
  provider: createProviderSchema,
  asset: createAssetSchema,
  venue: createVenueSchema,
  virtual_resource: createVirtualResourceSchema,
} as const;

/** The patch body for each `type` of bookable (the route picks it by the stored bookable's type). */
export const patchBookableSchemas = {
  provider: patchProviderSchema,
  asset: patchAssetSchema,
  venue: patchVenueSchema,
  virtual_resource: patchVirtualResourceSchema,
} as const;

const cursorSchema = z.string().min(1).max(500);

/** GET /organizations/:orgId/bookables: filters combine with AND; `tags` must all be present. */
export const bookableListQuerySchema = z.strictObject({
  type: bookableTypeSchema.optional(),
  status: bookableStatusSchema.optional(),
  locationId: idSchema.optional(),
  categoryId: idSchema.optional(),
  tags: commaList(z.string().max(50), 20).optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

/**
 * GET /search/bookables: active bookables of one organization matching the criteria
 * (see domain/bookables/bookable-criteria.ts). `categoryIds` is any-of; `tags` and `certifications`
 * are all-of, each certification verified and unexpired on `on`. Without `on` the route checks
 * against the request's own date (in the organization's or location's zone), which it passes in.
 */
export const bookableSearchQuerySchema = z.strictObject({
  organizationId: idSchema,
  type: bookableTypeSchema.optional(),
  locationId: idSchema.optional(),
  categoryIds: commaList(idSchema, 50).optional(),
  tags: commaList(z.string().max(50), 20).optional(),
  certifications: commaList(z.string().max(100), 20).optional(),
  on: localDateSchema.optional(),
  minRating: z.coerce.number().min(0).max(5).optional(),
  limit: limitSchema,
  cursor: cursorSchema.optional(),
});

export type BookableListQuery = z.infer<typeof bookableListQuerySchema>;
export type BookableSearchQuery = z.infer<typeof bookableSearchQuerySchema>;

/** DELETE /bookables/:id: why the bookable is retired (kept with it). */
export const deleteBookableBodySchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).default({});
