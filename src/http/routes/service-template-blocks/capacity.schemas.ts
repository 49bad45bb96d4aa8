/**
 * `capacity` (spec §3.1 CapacityConfig): how many people one booking (or session) takes.
 * Waitlist settings are only accepted when the template has a group with `enableWaitlist: true`;
 * an individual or unlimited template has no waitlist.
 */
import { z } from 'zod';
import { forbidUnless, hoursSchema, issue, orderedPair, requireWhen, type Ctx } from './common.schemas';

const participantsSchema = z.number().int().min(1).max(100_000);

const groupShape = z.strictObject({
  /** Minimum to run the session. */
  minParticipants: participantsSchema.default(1),
  maxParticipants: participantsSchema,
  optimalParticipants: participantsSchema.optional(),
  autoCancelIfUnderMin: z.boolean().default(false),
  /** Required with `autoCancelIfUnderMin`: how many hours before start the session is called off. */
  autoCancelNoticeHours: hoursSchema.optional(),
  enableWaitlist: z.boolean().default(false),
  /** The waitlist fields below are only allowed with `enableWaitlist: true`; `maxWaitlistSize` is then required. */
  maxWaitlistSize: z.number().int().min(1).max(100_000).optional(),
  waitlistAutoPromote: z.boolean().optional(),
  waitlistHoldHours: z.number().int().min(1).max(24 * 30).optional(),
});

type GroupConfig = z.output<typeof groupShape>;

function checkGroup(group: GroupConfig, ctx: Ctx): void {
  orderedPair(ctx, group.minParticipants, group.maxParticipants, ['maxParticipants'], 'minParticipants');
  const { optimalParticipants: optimal, minParticipants: min, maxParticipants: max } = group;
  if (optimal !== undefined && min <= max && (optimal < min || optimal > max)) {
    issue(ctx, ['optimalParticipants'], `must be between minParticipants (${min}) and maxParticipants (${max})`);
  }
  requireWhen(ctx, group.autoCancelIfUnderMin, group.autoCancelNoticeHours, ['autoCancelNoticeHours'], 'when autoCancelIfUnderMin is true');
  forbidUnless(ctx, group.autoCancelIfUnderMin, group.autoCancelNoticeHours, ['autoCancelNoticeHours'], 'when autoCancelIfUnderMin is true');
  if (group.autoCancelIfUnderMin && min === 1) issue(ctx, ['autoCancelIfUnderMin'], 'needs minParticipants above 1');
  requireWhen(ctx, group.enableWaitlist, group.maxWaitlistSize, ['maxWaitlistSize'], 'when enableWaitlist is true');
  for (const key of ['maxWaitlistSize', 'waitlistAutoPromote', 'waitlistHoldHours'] as const) {
    forbidUnless(ctx, group.enableWaitlist, group[key], [key], 'when enableWaitlist is true');
  }
}

export const capacityConfigSchema = z
  .strictObject({
    type: z.enum(['individual', 'group', 'unlimited']).default('individual'),
    /** Required when `type` is 'group', and only allowed then. */
    group: groupShape.superRefine(checkGroup).optional(),
    /** E.g. each participant of a spin class gets a bike; only for groups. */
    perParticipantBookables: z
      .strictObject({
        assetType: z.string().trim().min(1).max(100).optional(),
        autoAssign: z.boolean().default(false),
      })
      .optional(),
  })
  .superRefine((capacity, ctx) => {
    requireWhen(ctx, capacity.type === 'group', capacity.group, ['group'], "when type is 'group'");
    forbidUnless(ctx, capacity.type === 'group', capacity.group, ['group'], "when type is 'group'");
    forbidUnless(ctx, capacity.type === 'group', capacity.perParticipantBookables, ['perParticipantBookables'], "when type is 'group'");
  });

export type CapacityConfig = z.output<typeof capacityConfigSchema>;
