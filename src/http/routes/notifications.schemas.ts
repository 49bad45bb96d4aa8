import { z } from 'zod';
import { idSchema, limitSchema } from './shared.schemas';

/** GET …/notifications: filters combine with AND; pages follow `nextCursor` (the last id). */
export const notificationListQuerySchema = z.strictObject({
  bookingId: idSchema.optional(),
  status: z.enum(['queued', 'sending', 'sent', 'failed', 'skipped']).optional(),
  channel: z.enum(['email', 'sms']).optional(),
  limit: limitSchema,
  cursor: idSchema.optional(),
});

/** GET /bookings/:id/notifications: the same filters without the booking. */
export const bookingNotificationQuerySchema = notificationListQuerySchema.omit({ bookingId: true });
