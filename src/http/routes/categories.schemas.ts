import { z } from 'zod';
import { idSchema } from './shared.schemas';

/** POST /organizations/:orgId/bookable-categories: a named group of bookables, optionally inside another. */
export const createCategorySchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  parentCategoryId: idSchema.optional(),
});
