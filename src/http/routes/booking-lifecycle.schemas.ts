import { z } from 'zod';
import { instantSchema } from './shared.schemas';

/** POST /bookings/:id/check-in: how the client's arrival was recorded. */
export const checkInSchema = z.strictObject({ method: z.enum(['manual', 'qr_code', 'geo', 'self']).default('manual') }).default({ method: 'manual' });

/** POST /bookings/:id/complete and /no-show: an optional note kept in the audit trail. */
export const transitionNoteSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).default({});

/** POST /bookings/:id/review: the booker's rating (1–5) and comment. */
export const reviewSchema = z.strictObject({ rating: z.number().int().min(1).max(5), comment: z.string().trim().max(5000).optional() });

/** PATCH /bookings/:id: move the booking to a new start (same service and bookables). */
export const rescheduleSchema = z.strictObject({ startsAt: instantSchema });
