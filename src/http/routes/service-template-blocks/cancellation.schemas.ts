/**
 * `cancellation` (spec §3.3 CancellationConfig, RefundTier, ProviderCancellationCompensation, NoShowPolicy).
 *
 * Money and percentages follow pricing.schemas.ts: `…Amount` in minor units of `pricing.currency`,
 * percentages as basis points (`refundPercent` → `refundBps`, `storeCreditBonus` → `storeCreditBonusBps`,
 * `discountOnRebook` → `discountOnRebookBps`, `compensationPercent` → `compensationBps`,
 * `partialCompensationPercent` → `partialCompensationBps`, `chargePercent` → `chargeBps`,
 * `providerCompensationPercent` → `providerCompensationBps`; `rescheduleFee` → `rescheduleFeeAmount`,
 * `chargeFee` → `chargeFeeAmount`).
 *
 * Refund tiers are windows of hours before the start, `[minHoursBefore, maxHoursBefore)`, listed from the
 * furthest from the start to the nearest. A tier must end at or before the point where the previous one begins,
 * so no two tiers cover the same hour. Only the first tier may leave out `maxHoursBefore` (no upper bound; the
 * spec writes 999999). Hours that no tier covers refund nothing. Each tier refunds a share (`refundBps`) or a
 * fixed `refundAmount`, exactly one.
 */
import { z } from 'zod';
import { amountSchema, bpsSchema, forbidUnless, hoursSchema, issue, minutesInDaySchema, orderedPair, requireWhen, uniqueArray, type Ctx } from './common.schemas';

const refundTierSchema = z
  .strictObject({
    minHoursBefore: hoursSchema,
    maxHoursBefore: hoursSchema.min(1).optional(),
    refundBps: bpsSchema.optional(),
    refundAmount: amountSchema.optional(),
    offerStoreCredit: z.boolean().default(false),
    storeCreditBonusBps: bpsSchema.optional(),
    discountOnRebookBps: bpsSchema.optional(),
  })
  .superRefine((tier, ctx) => {
    if (tier.maxHoursBefore !== undefined && tier.minHoursBefore >= tier.maxHoursBefore) {
      issue(ctx, ['maxHoursBefore'], `must be greater than minHoursBefore (${tier.minHoursBefore})`);
    }
    if (tier.refundBps === undefined && tier.refundAmount === undefined) issue(ctx, [], 'must set refundBps or refundAmount');
    if (tier.refundBps !== undefined && tier.refundAmount !== undefined) issue(ctx, [], 'must set only one of refundBps and refundAmount');
    forbidUnless(ctx, tier.offerStoreCredit, tier.storeCreditBonusBps, ['storeCreditBonusBps'], 'when offerStoreCredit is true');
  });

type RefundTier = z.output<typeof refundTierSchema>;

/** Paths relative to `cancellation`; an out-of-order or overlapping tier is reported as `refundTiers.<i>`. */
function checkRefundTiers(tiers: RefundTier[], ctx: Ctx): void {
  tiers.forEach((tier, i) => {
    if (i > 0 && tier.maxHoursBefore === undefined) issue(ctx, ['refundTiers', i, 'maxHoursBefore'], 'required on every tier but the first');
    const previous = tiers[i - 1];
    if (!previous) return;
    if (tier.minHoursBefore >= previous.minHoursBefore) {
      issue(ctx, ['refundTiers', i], `out of order: tiers run from furthest before the start to nearest, so minHoursBefore must be below refundTiers.${i - 1}.minHoursBefore (${previous.minHoursBefore})`);
    } else if (tier.maxHoursBefore !== undefined && tier.maxHoursBefore > previous.minHoursBefore) {
      issue(ctx, ['refundTiers', i], `overlaps refundTiers.${i - 1}: maxHoursBefore must be at most ${previous.minHoursBefore}`);
    }
  });
}

const providerCompensationSchema = z.strictObject({
  whenClientCancels: z
    .strictObject({
      /** From furthest to nearest: strictly descending `minHoursBefore`. */
      tiers: z
        .array(z.strictObject({ minHoursBefore: hoursSchema, compensationBps: bpsSchema }))
        .max(20)
        .default([])
        .superRefine((tiers, ctx) => {
          tiers.forEach((tier, i) => {
            const previous = tiers[i - 1];
            if (previous && tier.minHoursBefore >= previous.minHoursBefore) issue(ctx, [i], `out of order: minHoursBefore must be below ${previous.minHoursBefore}`);
          });
        }),
    })
    .prefault({}),
  whenOrganizationCancels: z
    .strictObject({
      fullCompensation: z.boolean().default(true),
      partialCompensationBps: bpsSchema.optional(),
    })
    .superRefine((rule, ctx) => forbidUnless(ctx, !rule.fullCompensation, rule.partialCompensationBps, ['partialCompensationBps'], 'when fullCompensation is false'))
    .prefault({}),
});

const noShowPolicySchema = z
  .strictObject({
    /** How late a client may arrive before counting as a no-show. */
    gracePeriodMinutes: minutesInDaySchema.default(15),
    clientCharge: z.strictObject({ chargeBps: bpsSchema.default(0), maxAmount: amountSchema.optional() }).prefault({}),
    providerCompensationBps: bpsSchema.default(0),
    trackNoShows: z.boolean().default(false),
    /** Both required with `trackNoShows`, and only allowed then. */
    maxNoShowsBeforeBan: z.number().int().min(1).max(100).optional(),
    banDurationDays: z.number().int().min(1).max(3650).optional(),
    /** Minutes after the start; at least `gracePeriodMinutes`. Required with `autoMarkNoShow`. */
    markNoShowAfterMinutes: minutesInDaySchema.optional(),
    autoMarkNoShow: z.boolean().default(false),
  })
  .superRefine((policy, ctx) => {
    for (const key of ['maxNoShowsBeforeBan', 'banDurationDays'] as const) {
      requireWhen(ctx, policy.trackNoShows, policy[key], [key], 'when trackNoShows is true');
      forbidUnless(ctx, policy.trackNoShows, policy[key], [key], 'when trackNoShows is true');
    }
    requireWhen(ctx, policy.autoMarkNoShow, policy.markNoShowAfterMinutes, ['markNoShowAfterMinutes'], 'when autoMarkNoShow is true');
    orderedPair(ctx, policy.gracePeriodMinutes, policy.markNoShowAfterMinutes, ['markNoShowAfterMinutes'], 'gracePeriodMinutes');
  });

export const cancellationConfigSchema = z
  .strictObject({
    allowClientCancellation: z.boolean().default(true),
    allowProviderCancellation: z.boolean().default(true),
    /** A cancellation by these parties waits for a manager's approval. */
    requireApprovalFor: uniqueArray(z.enum(['client', 'provider']), 2).optional(),
    /** When the primary participant cancels while others take part (spec §11 question 2). */
    whenPrimaryCancels: z.enum(['cancel_all', 'transfer_to_observer', 'require_new_primary']).default('cancel_all'),
    refundTiers: z.array(refundTierSchema).max(20).default([]),
    providerCompensation: providerCompensationSchema.prefault({}),
    allowReschedule: z.boolean().default(true),
    /** Rescheduling closes this many hours before the start. */
    rescheduleDeadlineHours: hoursSchema.default(0),
    rescheduleFeeAmount: amountSchema.optional(),
    noShowPolicy: noShowPolicySchema.prefault({}),
    lateCancellation: z
      .strictObject({
        /** Cancelling within this many hours of the start is late. */
        windowHours: hoursSchema.min(1),
        refundBps: bpsSchema,
        chargeFeeAmount: amountSchema.default(0),
      })
      .optional(),
  })
  .superRefine((cancellation, ctx) => {
    checkRefundTiers(cancellation.refundTiers, ctx);
    forbidUnless(ctx, cancellation.allowReschedule, cancellation.rescheduleFeeAmount, ['rescheduleFeeAmount'], 'when allowReschedule is true');
  });

export type CancellationConfig = z.output<typeof cancellationConfigSchema>;
