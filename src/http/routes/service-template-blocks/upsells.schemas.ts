/**
 * `pricing.upsells` (spec §3.2 UpsellConfig): products and add-ons offered with a booking.
 * Money rules as in pricing.schemas.ts: `price.amount` in integer minor units; `price.currency`, if given,
 * must equal `pricing.currency`. `id` is a local key so that `requiresOtherUpsell`/`incompatibleWith` can refer to it.
 */
import { z } from 'zod';
import { amountSchema, currencySchema, issue, localKeySchema, noDuplicates, uniqueArray, type Ctx } from './common.schemas';

export const upsellSchema = z
  .strictObject({
    id: localKeySchema,
    name: z.string().trim().min(1).max(200),
    description: z.string().trim().max(2000).optional(),
    type: z.enum(['product', 'service_addon', 'insurance', 'feature']),
    price: z.strictObject({ amount: amountSchema, currency: currencySchema.optional() }),
    offerTiming: z.enum(['booking', 'confirmation', 'reminder', 'check_in']).default('booking'),
    maxQuantity: z.number().int().min(1).max(1000).optional(),
    requiresOtherUpsell: uniqueArray(localKeySchema, 20).optional(),
    incompatibleWith: uniqueArray(localKeySchema, 20).optional(),
    inventory: z
      .strictObject({
        trackInventory: z.boolean().default(true),
        quantityAvailable: z.number().int().min(0).max(1_000_000),
        lowStockThreshold: z.number().int().min(0).max(1_000_000).default(0),
      })
      .optional(),
  })
  .superRefine((upsell, ctx) => {
    const inventory = upsell.inventory;
    if (inventory && inventory.lowStockThreshold > inventory.quantityAvailable) {
      issue(ctx, ['inventory', 'lowStockThreshold'], `must be at most quantityAvailable (${inventory.quantityAvailable})`);
    }
    (upsell.incompatibleWith ?? []).forEach((other, j) => {
      if (upsell.requiresOtherUpsell?.includes(other)) issue(ctx, ['incompatibleWith', j], `"${other}" is also required by this upsell`);
    });
  });

export type UpsellConfig = z.output<typeof upsellSchema>;

/** Cross-references between upsells; paths are relative to `pricing`. */
export function checkUpsells(upsells: UpsellConfig[], currency: string | undefined, ctx: Ctx): void {
  noDuplicates(ctx, upsells.map((u) => u.id), (i) => ['upsells', i, 'id'], 'upsell id');
  const ids = new Set(upsells.map((u) => u.id));
  upsells.forEach((upsell, i) => {
    for (const key of ['requiresOtherUpsell', 'incompatibleWith'] as const) {
      (upsell[key] ?? []).forEach((other, j) => {
        if (other === upsell.id) issue(ctx, ['upsells', i, key, j], 'an upsell cannot refer to itself');
        else if (!ids.has(other)) issue(ctx, ['upsells', i, key, j], `no upsell has id "${other}"`);
      });
    }
    if (upsell.price.currency !== undefined && currency !== undefined && upsell.price.currency !== currency) {
      issue(ctx, ['upsells', i, 'price', 'currency'], `must match pricing.currency (${currency})`);
    }
  });
}
