import { z } from 'zod';
import { idSchema, instantSchema } from './shared.schemas';

/** POST /reservations: hold a slot of a service with a bookable. */
export const createReservationSchema = z.strictObject({
  serviceTemplateId: idSchema,
  bookableId: idSchema,
  startsAt: instantSchema,
});

/** DELETE /bookings/:id and POST /bookings/:id/cancel. */
export const cancelBookingSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).default({});

/** GET /bookables/:id/availability. `from` inclusive, `to` exclusive; at most 31 days. */
export const availabilityQuerySchema = z
  .strictObject({ serviceTemplateId: idSchema, from: instantSchema, to: instantSchema })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 31 * 86_400_000, { message: 'at most 31 days at a time', path: ['to'] });
