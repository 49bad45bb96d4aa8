import { z } from 'zod';
import { idSchema } from './shared.schemas';

/**
 * POST /bookings/:id/backups/activate: a primary bookable fell through and a backup takes over.
 * `trigger` says how (unavailable by default, or a no-show); `primaryBookableId` names which primary
 * when the booking has several.
 */
export const activateBackupSchema = z.strictObject({
  trigger: z.enum(['primary_unavailable', 'primary_no_show']).default('primary_unavailable'),
  primaryBookableId: idSchema.optional(),
  reason: z.string().trim().min(1).max(1000).optional(),
});
