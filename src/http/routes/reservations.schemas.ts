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
  /** The bookable to book with; absent: the service's requirements choose (as GET /search/availability would). */
  bookableId: idSchema.optional(),
  startsAt: instantSchema,
  /** The appointment length for variable or range durations. */
  durationMinutes: z.number().int().min(1).max(24 * 60).optional(),
  /** Stays (templates with minNights/maxNights): how many nights; `startsAt` is then the check-in instant GET /bookables/:id/stays gave. */
  nights: z.number().int().min(1).max(365).optional(),
  /** People the booking is for: prices per person, and for a group session the seats taken (one each; refused with reason `full` when fewer are left). */
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
