import { z } from 'zod';
import { amountSchema } from './service-template-blocks/common.schemas';

/** POST /bookings/:id/security-deposit/capture: how much of the held deposit to take (minor units, at most what is held), and why. */
export const captureSecurityDepositSchema = z.strictObject({
  amount: amountSchema.min(1),
  reason: z.string().trim().min(1).max(1000),
});

/** POST /bookings/:id/security-deposit/release: give the deposit up now (a scheduled one is never placed). */
export const releaseSecurityDepositSchema = z.strictObject({ reason: z.string().trim().min(1).max(1000).optional() }).default({});
