import { z } from 'zod';
import { bookingStatuses } from '../../domain/booking/booking-status';
import { idSchema, instantSchema, limitSchema } from './shared.schemas';

/** GET /organizations/:orgId/bookings: filters combine with AND; `from`/`to` select bookings overlapping [from, to). */
export const bookingListQuerySchema = z.strictObject({
  status: z.enum(bookingStatuses).optional(),
  locationId: idSchema.optional(),
  /** Bookings that use this bookable. */
  bookableId: idSchema.optional(),
  /** Bookings this user booked or takes part in as an active participant. */
  participantUserId: z.string().max(64).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: limitSchema,
  cursor: z.string().max(200).optional(),
});
