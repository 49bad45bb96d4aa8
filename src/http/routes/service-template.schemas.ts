/**
 * Bodies for creating and changing a service template (spec §3): identity, the duration, bookables,
 * capacity, pricing, scheduling, cancellation, lifecycle and workflows blocks.
 *
 * - `serviceTemplateCreateSchema`: POST. Only `name` and `duration` are required; every other block is
 *   filled with its defaults, so `{ name, duration: { type: 'fixed', fixedMinutes: 30 } }` is a complete template.
 * - `serviceTemplatePatchSchema`: PATCH. Every top-level field is optional; a block that is sent replaces the
 *   whole stored block (and gets its defaults), so it is validated with all of its own rules. Rules that span
 *   two blocks are checked when both are in the body; to check them against the stored template too, merge the
 *   patch into it and parse the result with `serviceTemplateCreateSchema`.
 *
 * Field names follow the spec, with the departures listed at the top of each block's file; in short:
 * money in integer minor units of `pricing.currency`, percentages in basis points (`…Bps`), the hold in seconds
 * (`lifecycle.reservation.holdDurationSeconds`), scheduling limits with their unit in the name.
 */
import { z } from 'zod';
import { idSchema, limitSchema } from './shared.schemas';
import { bookablesConfigSchema, type BookablesConfig } from './service-template-blocks/bookables.schemas';
import { capacityConfigSchema } from './service-template-blocks/capacity.schemas';
import { cancellationConfigSchema, type CancellationConfig } from './service-template-blocks/cancellation.schemas';
import { httpUrlSchema, issue, requireWhen, tagSchema, uniqueArray, type Ctx } from './service-template-blocks/common.schemas';
import { durationConfigSchema, type DurationConfig } from './service-template-blocks/duration.schemas';
import { lifecycleConfigSchema, type LifecycleConfig } from './service-template-blocks/lifecycle.schemas';
import { pricingConfigSchema, type PricingConfig } from './service-template-blocks/pricing.schemas';
import { schedulingConfigSchema } from './service-template-blocks/scheduling.schemas';
import { workflowConfigSchema } from './service-template-blocks/workflows.schemas';

export const serviceTemplateTypes = ['appointment', 'class', 'rental', 'event', 'multi_day', 'virtual'] as const;
export const serviceTemplateStatuses = ['draft', 'active', 'paused', 'archived'] as const;

const nameSchema = z.string().trim().min(1).max(200);
const descriptionSchema = z.string().trim().max(5000);
const slugSchema = z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, 'must be lowercase letters, digits and dashes');
const typeSchema = z.enum(serviceTemplateTypes);
const statusSchema = z.enum(serviceTemplateStatuses);
const tagsSchema = uniqueArray(tagSchema, 50);
const imagesSchema = z.array(z.strictObject({ url: httpUrlSchema, alt: z.string().trim().max(300).optional() })).max(20);

/** What the cross-block rules read; both the create and the patch body fit it. */
interface BlocksInBody {
  type?: (typeof serviceTemplateTypes)[number];
  duration?: DurationConfig;
  bookables?: BookablesConfig;
  pricing?: PricingConfig;
  cancellation?: CancellationConfig;
  lifecycle?: LifecycleConfig;
}

/** Amounts outside `pricing` are in `pricing.currency`; returns the path of the first one that is set. */
function firstAmountOutsidePricing(body: BlocksInBody): string | undefined {
  const candidates: [string, number | undefined][] = [];
  const { bookables, cancellation, lifecycle } = body;
  if (bookables) {
    for (const list of ['required', 'optional'] as const) {
      bookables[list].forEach((r, i) => candidates.push([`bookables.${list}.${i}.compensation.amount`, r.compensation?.amount]));
    }
    bookables.backups.forEach((b, i) => {
      candidates.push([`bookables.backups.${i}.compensation.amounts.standbyFeeAmount`, b.compensation.amounts.standbyFeeAmount]);
      candidates.push([`bookables.backups.${i}.compensation.amounts.usageFeeAmount`, b.compensation.amounts.usageFeeAmount]);
    });
  }
  if (cancellation) {
    cancellation.refundTiers.forEach((t, i) => candidates.push([`cancellation.refundTiers.${i}.refundAmount`, t.refundAmount]));
    candidates.push(['cancellation.rescheduleFeeAmount', cancellation.rescheduleFeeAmount]);
    candidates.push(['cancellation.noShowPolicy.clientCharge.maxAmount', cancellation.noShowPolicy.clientCharge.maxAmount]);
    candidates.push(['cancellation.lateCancellation.chargeFeeAmount', cancellation.lateCancellation?.chargeFeeAmount || undefined]);
  }
  if (lifecycle) candidates.push(['lifecycle.reservation.depositAmount', lifecycle.reservation.depositAmount]);
  return candidates.find(([, amount]) => amount !== undefined)?.[0];
}

/** Rules between blocks (and between `type` and a block); each is checked when both sides are in the body. */
function checkAcrossBlocks(body: BlocksInBody, ctx: Ctx): void {
  const { duration, pricing, lifecycle } = body;
  if (body.type === 'multi_day' && duration) {
    requireWhen(ctx, true, duration.minNights, ['duration', 'minNights'], "when the template type is 'multi_day'");
    requireWhen(ctx, true, duration.maxNights, ['duration', 'maxNights'], "when the template type is 'multi_day'");
  }
  if (pricing?.model === 'nightly' && duration && (duration.minNights === undefined || duration.maxNights === undefined)) {
    issue(ctx, ['pricing', 'model'], "'nightly' prices stays: duration.minNights and duration.maxNights are required");
  }
  if (pricing && pricing.currency === undefined) {
    const amountAt = firstAmountOutsidePricing(body);
    if (amountAt) issue(ctx, ['pricing', 'currency'], `required because ${amountAt} is an amount of money`);
  }
  if (pricing && lifecycle && lifecycle.confirmation.requireDeposit && !pricing.deposit) {
    issue(ctx, ['pricing', 'deposit'], 'required when lifecycle.confirmation.requireDeposit is true');
  }
}

const createShape = z.strictObject({
  name: nameSchema,
  description: descriptionSchema.optional(),
  slug: slugSchema.optional(),
  type: typeSchema.default('appointment'),
  locationId: idSchema.optional(),
  categoryId: idSchema.optional(),
  tags: tagsSchema.default([]),
  status: statusSchema.default('active'),
  images: imagesSchema.optional(),
  duration: durationConfigSchema,
  bookables: bookablesConfigSchema.prefault({}),
  capacity: capacityConfigSchema.prefault({}),
  pricing: pricingConfigSchema.prefault({}),
  scheduling: schedulingConfigSchema.prefault({}),
  cancellation: cancellationConfigSchema.prefault({}),
  lifecycle: lifecycleConfigSchema.prefault({}),
  workflows: workflowConfigSchema.prefault({}),
});

/** POST /organizations/:orgId/service-templates. */
export const serviceTemplateCreateSchema = createShape.superRefine(checkAcrossBlocks);

/**
 * PATCH /service-templates/:id. `null` clears `description`, `locationId`, `categoryId` or `images`;
 * a block replaces the stored block whole. An empty body is rejected.
 */
export const serviceTemplatePatchSchema = z
  .strictObject({
    name: nameSchema.optional(),
    description: descriptionSchema.nullable().optional(),
    slug: slugSchema.optional(),
    type: typeSchema.optional(),
    locationId: idSchema.nullable().optional(),
    categoryId: idSchema.nullable().optional(),
    tags: tagsSchema.optional(),
    status: statusSchema.optional(),
    images: imagesSchema.nullable().optional(),
    duration: durationConfigSchema.optional(),
    bookables: bookablesConfigSchema.optional(),
    capacity: capacityConfigSchema.optional(),
    pricing: pricingConfigSchema.optional(),
    scheduling: schedulingConfigSchema.optional(),
    cancellation: cancellationConfigSchema.optional(),
    lifecycle: lifecycleConfigSchema.optional(),
    workflows: workflowConfigSchema.optional(),
  })
  .superRefine((patch, ctx) => {
    // An unknown key alone already fails; only a body with nothing in it at all is "empty".
    if (Object.keys(patch).length === 0 && ctx.issues.length === 0) issue(ctx, [], 'must change at least one field');
    checkAcrossBlocks(patch, ctx);
  });

export type ServiceTemplateCreate = z.infer<typeof serviceTemplateCreateSchema>;
export type ServiceTemplateCreateInput = z.input<typeof serviceTemplateCreateSchema>;
export type ServiceTemplatePatch = z.infer<typeof serviceTemplatePatchSchema>;

export type { BookablesConfig, CancellationConfig, DurationConfig, LifecycleConfig, PricingConfig };
export type { CapacityConfig } from './service-template-blocks/capacity.schemas';
export type { SchedulingConfig } from './service-template-blocks/scheduling.schemas';
export type { WorkflowConfig, WorkflowAction } from './service-template-blocks/workflows.schemas';

/** GET /organizations/:orgId/service-templates: filters combine with AND; `tags` (comma-separated) must all be present. */
export const serviceTemplateListQuerySchema = z.strictObject({
  status: z.enum(serviceTemplateStatuses).optional(),
  type: z.enum(serviceTemplateTypes).optional(),
  locationId: idSchema.optional(),
  categoryId: idSchema.optional(),
  tags: z
    .string()
    .max(500)
    .transform((value) => value.split(',').map((tag) => tag.trim()).filter(Boolean))
    .optional(),
  limit: limitSchema,
  cursor: idSchema.optional(),
});

/** The `:version` of GET /service-templates/:id/versions/:version. */
export const templateVersionParamSchema = z.coerce.number().int().min(1).max(1_000_000);
