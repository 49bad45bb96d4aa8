import { z } from 'zod';
import { amountSchema } from './service-template-blocks/common.schemas';
import { idSchema, instantSchema } from './shared.schemas';

/** GET /providers/:id/timesheets and /compensation: a period [from, to) of at most 93 days. */
export const providerPeriodQuerySchema = z
  .strictObject({ from: instantSchema, to: instantSchema })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 93 * 86_400_000, { message: 'at most 93 days at a time', path: ['to'] });

/** POST /bookings/:id/compensation: a payment to a provider recorded by hand (backup pay, a bonus), in the booking's currency. */
export const manualCompensationSchema = z.strictObject({
  /** The provider paid; by default the booking's provider (required when it has several). */
  providerId: idSchema.optional(),
  amount: amountSchema.min(1),
  note: z.string().trim().min(1).max(1000).optional(),
});
