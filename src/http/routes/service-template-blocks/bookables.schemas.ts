/**
 * `bookables` (spec §3.1 BookableRequirement, BackupBookableConfig): which providers, assets, venues or
 * virtual resources a booking needs, which are nice to have, and who covers when one falls through.
 *
 * Departures from the spec:
 * - A requirement's `id` and a backup's `primaryRequirementId` are local keys chosen by the client
 *   (the server has not minted ids when the template is written); `id` is optional unless a backup refers to it.
 * - A backup names its candidates either by `backupBookableIds` or by `criteria` (exactly one),
 *   like a requirement names `specificBookableId` or `criteria`.
 * - `compensation.amounts.standbyFee`/`usageFee` are `standbyFeeAmount`/`usageFeeAmount`, in minor units of
 *   `pricing.currency`. The spec leaves `CompensationRule` undefined; see `compensationRuleSchema`.
 */
import { z } from 'zod';
import { idSchema } from '../shared.schemas';
import { amountSchema, bpsSchema, forbidUnless, hoursSchema, issue, localKeySchema, noDuplicates, requireWhen, tagSchema, uniqueArray, type Ctx } from './common.schemas';

const bookableTypeSchema = z.enum(['provider', 'asset', 'venue', 'virtual_resource']);

/** Filters a matching bookable must pass; at least one filter. */
export const bookableCriteriaSchema = z
  .strictObject({
    categoryIds: uniqueArray(idSchema, 50).optional(),
    tags: uniqueArray(tagSchema, 50).optional(),
    minRating: z.number().min(0).max(5).optional(),
    certifications: uniqueArray(z.string().trim().min(1).max(100), 50).optional(),
  })
  .refine((criteria) => Object.values(criteria).some((value) => value !== undefined && (!Array.isArray(value) || value.length > 0)), {
    message: 'criteria must set at least one filter',
  });

/** What a bookable in this role earns: a flat or hourly amount, or a share of the booking value. */
export const compensationRuleSchema = z
  .strictObject({
    type: z.enum(['flat', 'hourly', 'percentage']),
    amount: amountSchema.optional(),
    shareBps: bpsSchema.optional(),
  })
  .superRefine((rule, ctx) => {
    requireWhen(ctx, rule.type !== 'percentage', rule.amount, ['amount'], "when type is 'flat' or 'hourly'");
    forbidUnless(ctx, rule.type !== 'percentage', rule.amount, ['amount'], "when type is 'flat' or 'hourly'");
    requireWhen(ctx, rule.type === 'percentage', rule.shareBps, ['shareBps'], "when type is 'percentage'");
    forbidUnless(ctx, rule.type === 'percentage', rule.shareBps, ['shareBps'], "when type is 'percentage'");
  });

/** Names exactly one of two ways of picking bookables; reports on the object itself. */
function exactlyOne(ctx: Ctx, a: unknown, b: unknown, names: string): void {
  if (a === undefined && b === undefined) issue(ctx, [], `must name ${names}`);
  if (a !== undefined && b !== undefined) issue(ctx, [], `must name only one of ${names}`);
}

export const bookableRequirementSchema = z
  .strictObject({
    id: localKeySchema.optional(),
    bookableType: bookableTypeSchema,
    specificBookableId: idSchema.optional(),
    criteria: bookableCriteriaSchema.optional(),
    count: z.number().int().min(1).max(100).default(1),
    role: z.enum(['primary', 'assistant', 'supervisor', 'technician', 'any']).default('any'),
    allowSubstitution: z.boolean().default(false),
    substitutionCriteria: z
      .strictObject({
        requiresSameCategory: z.boolean().default(true),
        requiresSameTags: uniqueArray(tagSchema, 50).default([]),
        minExperience: z.number().int().min(0).max(100).optional(),
      })
      .optional(),
    compensation: compensationRuleSchema.optional(),
  })
  .superRefine((requirement, ctx) => {
    exactlyOne(ctx, requirement.specificBookableId, requirement.criteria, 'either specificBookableId or criteria');
    if (requirement.specificBookableId !== undefined && requirement.count > 1) issue(ctx, ['count'], 'must be 1 when specificBookableId names one bookable');
    forbidUnless(ctx, requirement.allowSubstitution, requirement.substitutionCriteria, ['substitutionCriteria'], 'when allowSubstitution is true');
  });

export const backupBookableSchema = z
  .strictObject({
    id: localKeySchema.optional(),
    /** The `id` of the requirement (required or optional) this backs up. */
    primaryRequirementId: localKeySchema,
    /** Candidates in priority order. */
    backupBookableIds: uniqueArray(idSchema, 20).min(1).optional(),
    criteria: bookableCriteriaSchema.optional(),
    trigger: z
      .strictObject({
        when: z.enum(['primary_unavailable', 'primary_cancelled', 'primary_no_show']).default('primary_unavailable'),
        noticeHours: hoursSchema.default(0),
      })
      .prefault({}),
    compensation: z
      .strictObject({
        ifNotUsed: z.enum(['none', 'partial', 'full']).default('none'),
        ifUsed: z.enum(['standard', 'premium', 'overtime']).default('standard'),
        amounts: z.strictObject({ standbyFeeAmount: amountSchema.optional(), usageFeeAmount: amountSchema.optional() }).prefault({}),
      })
      .prefault({}),
    autoAssign: z.boolean().default(false),
    autoAssignStrategy: z.enum(['round_robin', 'least_recently_used', 'availability']).default('availability'),
    notifyBeforeHours: hoursSchema.default(24),
    notifyChannel: z.enum(['email', 'sms', 'push', 'all']).default('email'),
  })
  .superRefine((backup, ctx) => {
    exactlyOne(ctx, backup.backupBookableIds, backup.criteria, 'either backupBookableIds or criteria');
    requireWhen(ctx, backup.compensation.ifNotUsed === 'partial', backup.compensation.amounts.standbyFeeAmount, ['compensation', 'amounts', 'standbyFeeAmount'], "when ifNotUsed is 'partial'");
  });

export type BookableRequirement = z.output<typeof bookableRequirementSchema>;
export type BackupBookableConfig = z.output<typeof backupBookableSchema>;

function checkBookables(block: { required: BookableRequirement[]; optional: BookableRequirement[]; backups: BackupBookableConfig[] }, ctx: Ctx): void {
  const requirements = [...block.required.map((r, i) => ({ r, path: ['required', i] })), ...block.optional.map((r, i) => ({ r, path: ['optional', i] }))];
  noDuplicates(ctx, requirements.map(({ r }) => r.id), (i) => [...requirements[i]!.path, 'id'], 'requirement id');
  noDuplicates(ctx, block.backups.map((b) => b.id), (i) => ['backups', i, 'id'], 'backup id');

  const byId = new Map(requirements.filter(({ r }) => r.id !== undefined).map(({ r }) => [r.id!, r]));
  block.backups.forEach((backup, i) => {
    const primary = byId.get(backup.primaryRequirementId);
    if (!primary) {
      issue(ctx, ['backups', i, 'primaryRequirementId'], `no requirement has id "${backup.primaryRequirementId}"`);
      return;
    }
    const clash = backup.backupBookableIds?.indexOf(primary.specificBookableId ?? '') ?? -1;
    if (clash >= 0) issue(ctx, ['backups', i, 'backupBookableIds', clash], 'cannot back up a requirement with the bookable it already names');
  });
}

/**
 * How availability chooses among several bookables that could serve a slot (not in the spec, which
 * names strategies only for backups): `round_robin` (fewest bookings in the last 30 days per unit of
 * `weights`), `least_recently_booked`, `most_available` (most free minutes that day), `balanced_load`
 * (fewest booked minutes that day). `priorities` (higher first) apply before the strategy.
 */
export const assignmentConfigSchema = z.strictObject({
  strategy: z.enum(['round_robin', 'least_recently_booked', 'most_available', 'balanced_load']).default('round_robin'),
  priorities: z.record(idSchema, z.number().int().min(-100).max(100)).optional(),
  weights: z.record(idSchema, z.number().int().min(1).max(100)).optional(),
});

/** The bookables block: `{ required, optional, backups }`, each defaulting to an empty list, and the `assignment` policy. */
export const bookablesConfigSchema = z
  .strictObject({
    required: z.array(bookableRequirementSchema).max(20).default([]),
    optional: z.array(bookableRequirementSchema).max(20).default([]),
    backups: z.array(backupBookableSchema).max(20).default([]),
    assignment: assignmentConfigSchema.optional(),
  })
  .superRefine(checkBookables);

export type BookablesConfig = z.output<typeof bookablesConfigSchema>;
