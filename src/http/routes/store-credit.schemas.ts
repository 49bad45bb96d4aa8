import { z } from 'zod';
import { idSchema } from './shared.schemas';

/** GET /organizations/:orgId/store-credit: whose credit (default the caller; someone else's needs `booking:manage_org`). */
export const storeCreditQuerySchema = z.strictObject({ userId: idSchema.optional() });
