/**
 * Building blocks shared by the service-template block schemas (spec §3).
 *
 * Conventions used in every block:
 * - Objects are strict: an unknown key is an error, reported by its own path.
 * - Cross-field rules report on the field the client should change: for a `min ≤ max` pair, the `max` side.
 * - Money is an integer number of minor units (cents), in the template's `pricing.currency`
 *   unless a `currency` sits beside it (see pricing.schemas.ts).
 * - Percentages are basis points (`…Bps`, 0–10000, 10000 = 100 %); multipliers are basis points
 *   of the base price (`…MultiplierBps`, 10000 = ×1, 15000 = ×1.5).
 * - Ids inside a template that other parts of the same template refer to (a requirement a backup covers,
 *   an upsell another requires) are client-chosen local keys, because the server has not minted ids yet.
 */
import { z } from 'zod';

export const MINUTES_PER_DAY = 24 * 60;
export const HOURS_PER_YEAR = 366 * 24;

export type Ctx = z.core.$RefinementCtx<unknown>;
export type Path = (string | number)[];

/** A key the client chooses to name a part of this template (`primary-stylist`, `towel_rental`). */
export const localKeySchema = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be a key of lowercase letters, digits, dashes and underscores');

/** An amount of money in integer minor units (cents), up to 100 million major units. */
export const amountSchema = z.number().int('must be whole minor units (cents)').min(0).max(10_000_000_000);

/** A percentage in basis points: 0–10000, where 10000 is 100 %. */
export const bpsSchema = z.number().int('must be whole basis points').min(0).max(10_000, 'must be at most 10000 basis points (100 %)');

/** A price multiplier in basis points of the base price: 10000 = ×1, 15000 = ×1.5, capped at ×10. */
export const multiplierBpsSchema = z.number().int('must be whole basis points').min(0).max(100_000);

/** An ISO 4217 currency code. */
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code such as USD');

/** Whole hours before or after something, up to a year. */
export const hoursSchema = z.number().int().min(0).max(HOURS_PER_YEAR);

/** Whole minutes, from 0 to a day. */
export const minutesInDaySchema = z.number().int().min(0).max(MINUTES_PER_DAY);

/** A short free-text tag. */
export const tagSchema = z.string().trim().min(1).max(50);

/** `HH:MM`, 24-hour, or `24:00` for the end of the day. */
export const wallTimeSchema = z.string().regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be HH:MM (24-hour), or 24:00 for end of day');

/** A calendar date `YYYY-MM-DD` that exists. */
export const localDateSchema = z.iso.date('must be a date YYYY-MM-DD');

/** An http(s) URL. */
export const httpUrlSchema = z.url({ protocol: /^https?$/, message: 'must be an http or https URL' }).max(2000);

export function issue(ctx: Ctx, path: Path, message: string): void {
  ctx.addIssue({ code: 'custom', message, path });
}

/** Reports a field that another field makes mandatory. */
export function requireWhen(ctx: Ctx, condition: boolean, value: unknown, path: Path, reason: string): void {
  if (condition && value === undefined) issue(ctx, path, `required ${reason}`);
}

/** Reports a field that is set although another field makes it meaningless. */
export function forbidUnless(ctx: Ctx, condition: boolean, value: unknown, path: Path, reason: string): void {
  if (!condition && value !== undefined) issue(ctx, path, `only allowed ${reason}`);
}

/** Reports `max` when both bounds are set and `min > max`. */
export function orderedPair(ctx: Ctx, min: number | undefined, max: number | undefined, path: Path, minName: string): void {
  if (min !== undefined && max !== undefined && min > max) issue(ctx, path, `must be at least ${minName} (${min})`);
}

/** Reports every repeat of a value after its first occurrence, at `pathOf(index)`. */
export function noDuplicates(ctx: Ctx, values: readonly (string | undefined)[], pathOf: (index: number) => Path, what: string): void {
  const seen = new Set<string>();
  values.forEach((value, index) => {
    if (value === undefined) return;
    if (seen.has(value)) issue(ctx, pathOf(index), `duplicate ${what} "${value}"`);
    seen.add(value);
  });
}

/** An array of strings with no repeats; a repeat is reported at its index. */
export function uniqueArray<T extends z.ZodType<string>>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .superRefine((values, ctx) => noDuplicates(ctx, values, (index) => [index], 'entry'));
}
