import { z } from 'zod';

/**
 * POST /bookings/:id/participants: someone joins, named by `userId` (a member of the organization) or
 * by `email` (a guest without an account). `primary` only for a booking whose primary left.
 */
export const addParticipantSchema = z
  .strictObject({
    userId: z.string().min(1).max(64).optional(),
    email: z.email().max(320).optional(),
    name: z.string().trim().min(1).max(200).optional(),
    /** E.164, e.g. +4930123456; reminders on the SMS channel go here. */
    phone: z.string().regex(/^\+[1-9]\d{6,14}$/, 'must be an E.164 phone number such as +4930123456').optional(),
    role: z.enum(['observer', 'guest', 'primary']).default('observer'),
  })
  .refine((body) => body.userId !== undefined || body.email !== undefined, { message: 'must name a userId or an email', path: ['userId'] });

/** DELETE /bookings/:id/participants/:participantId: why the participant leaves. */
export const removeParticipantSchema = z.strictObject({ reason: z.string().trim().max(1000).optional() }).default({});
