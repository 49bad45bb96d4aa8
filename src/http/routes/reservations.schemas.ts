import { z } from 'zod';
import { localKeySchema } from './service-template-blocks/common.schemas';
import { idSchema, instantSchema } from './shared.schemas';

/**
 * POST /reservations, POST /bookings and POST /quotes: a slot of a service with a bookable, and what
 * the price depends on: how many people come, how many units (tiered pricing; default the people) and
 * which upsells (by the template's upsell ids). The hold keeps the quote the client was given.
 */
export const createReservationSchema = z.strictObject({
  serviceTemplateId: idSchema,
  bookableId: idSchema,
  startsAt: instantSchema,
  participants: z.number().int().min(1).max(10_000).default(1),
  quantity: z.number().int().min(1).max(1_000_000).optional(),
  upsells: z
    .array(z.strictObject({ id: localKeySchema, quantity: z.number().int().min(1).max(1000).default(1) }))
    .max(50)
    .default([]),
});

/** Where a cancellation's refund goes: back to what paid it (the default) or, where the refund tier offers it, into store credit with its bonus. */
export const refundAsSchema = z.enum(['original_payment', 'store_credit']);

/** DELETE /bookings/:id and POST /bookings/:id/cancel. */
export const cancelBookingSchema = z.strictObject({ reason: z.string().trim().max(1000).optional(), refundAs: refundAsSchema.optional() }).default({});

/** The query of DELETE /bookings/:id, for clients that send no body with DELETE. */
export const cancelBookingQuerySchema = z.object({ refundAs: refundAsSchema.optional() });

/** POST /reservations/:id/payment: whether the booker's store credit pays first (decided by the first request of a hold). */
export const holdPaymentSchema = z.strictObject({ useStoreCredit: z.boolean().default(false) }).default({ useStoreCredit: false });

/** GET /bookables/:id/availability. `from` inclusive, `to` exclusive; at most 31 days. */
export const availabilityQuerySchema = z
  .strictObject({ serviceTemplateId: idSchema, from: instantSchema, to: instantSchema })
  .refine((q) => q.to > q.from, { message: 'to must be after from', path: ['to'] })
  .refine((q) => q.to.getTime() - q.from.getTime() <= 31 * 86_400_000, { message: 'at most 31 days at a time', path: ['to'] });
