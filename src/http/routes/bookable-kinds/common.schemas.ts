import { z } from 'zod';
import { idSchema } from '../shared.schemas';

/**
 * Pieces shared by the create and patch bodies of every kind of bookable (spec §2.3 `Bookable`).
 *
 * Each kind declares its fields in three groups, and the helpers below build both bodies from them:
 * - `required`: must be present on create; optional on patch.
 * - `optional`: may be left out on create; on patch `null` clears them.
 * - `defaulted`: filled with a default on create; on patch left alone when absent (never defaulted,
 *   since zod 4 applies a default even inside `.optional()`).
 * A patch replaces each field it names whole: nested objects and arrays are not merged.
 */

type Shape = Record<string, z.ZodType>;
type DefaultedShape = Record<string, z.ZodDefault<z.ZodType>>;

/** The fields of one kind of bookable, grouped as described above. */
export interface KindFields<R extends Shape, O extends Shape, D extends DefaultedShape> {
  required: R;
  optional: O;
  defaulted: D;
}

function mapShape<S extends Shape, T extends z.ZodType>(shape: S, each: (schema: S[keyof S]) => T): Record<string, T> {
  return Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, each(schema as S[keyof S])]));
}

/** The create body: required fields as they are, optional ones optional, defaulted ones defaulted. */
export function createBody<R extends Shape, O extends Shape, D extends DefaultedShape>(fields: KindFields<R, O, D>) {
  const optional = mapShape(fields.optional, (schema) => schema.optional()) as { [K in keyof O]: z.ZodOptional<O[K]> };
  return z.strictObject({ ...fields.required, ...optional, ...fields.defaulted });
}

/** The patch body: every field optional, no defaults, optional-on-create fields clearable with `null`; `{}` is refused. */
export function patchBody<R extends Shape, O extends Shape, D extends DefaultedShape>(fields: KindFields<R, O, D>) {
  const required = mapShape(fields.required, (schema) => schema.optional()) as { [K in keyof R]: z.ZodOptional<R[K]> };
  const optional = mapShape(fields.optional, (schema) => schema.nullable().optional()) as { [K in keyof O]: z.ZodOptional<z.ZodNullable<O[K]>> };
  const defaulted = mapShape(fields.defaulted, (schema) => schema.unwrap().optional()) as {
    [K in keyof D]: z.ZodOptional<ReturnType<D[K]['unwrap']>>;
  };
  return z
    .strictObject({ ...required, ...optional, ...defaulted })
    .refine((patch) => Object.keys(patch).length > 0, { message: 'a patch must name at least one field to change', ...whenValid });
}

/**
 * For cross-field checks: run only once every field parsed cleanly, so a bad field is reported once,
 * at its own path, and not again by a rule that compared its raw value.
 */
export const whenValid = { when: (payload: { issues: readonly unknown[] }) => payload.issues.length === 0 };

/** A calendar date, `YYYY-MM-DD`, checked to exist (no 2023-02-29). */
export const localDateSchema = z.iso.date({ message: 'must be a date such as 2030-01-31' });

/** An http(s) URL; other schemes (javascript:, data:) are refused. */
export const httpUrlSchema = z.url({ protocol: /^https?$/, hostname: z.regexes.domain, message: 'must be an http(s) URL' }).max(2000);

/** A list of ids without repeats; a repeat is reported at its own index. */
export function uniqueIds(max: number) {
  return z
    .array(idSchema)
    .max(max)
    .superRefine((ids, ctx) => {
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) ctx.addIssue({ code: 'custom', message: `${id} is listed twice`, path: [i] });
      });
    }, whenValid);
}

/** Adds an issue at `path` unless `earlier` ≤ `later` (either side missing passes). Dates compare as `YYYY-MM-DD` strings. */
export function requireOrder(
  ctx: z.RefinementCtx,
  earlier: string | number | null | undefined,
  later: string | number | null | undefined,
  path: PropertyKey[],
  message: string,
): void {
  if (earlier === undefined || earlier === null || later === undefined || later === null) return;
  if (earlier > later) ctx.addIssue({ code: 'custom', message, path });
}

/** `status` of a bookable (spec §2.3, as the `bookables_status_check` constraint allows it). */
export const bookableStatusSchema = z.enum(['active', 'inactive', 'maintenance']);

/** `type` of a bookable (spec §2.3). */
export const bookableTypeSchema = z.enum(['provider', 'asset', 'venue', 'virtual_resource']);

/** Same definition as the existing provider `tags`, for compatibility. */
export const tagsSchema = z.array(z.string().max(50)).max(50);

const imageSchema = z.strictObject({ url: httpUrlSchema, alt: z.string().max(300).optional() });

/** The fields every bookable has (spec §2.3 `Bookable`, §8 `bookables`). */
export const baseFields = {
  required: {
    name: z.string().trim().min(1).max(200),
    locationId: idSchema,
  },
  optional: {
    description: z.string().max(5000),
    categoryId: idSchema,
    images: z.array(imageSchema).max(20),
    /** Other bookables that must be booked together with this one (spec `requiresBookables`). */
    requiresBookables: uniqueIds(20),
    settings: z.record(z.string().max(100), z.unknown()),
  },
  defaulted: {
    tags: tagsSchema.default([]),
    status: bookableStatusSchema.default('active'),
  },
};
