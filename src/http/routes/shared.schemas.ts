import { z } from 'zod';
import { isValidTimeZone } from '../../domain/shared/time';

/** An IANA time zone name such as `Europe/Berlin`. */
export const timeZoneSchema = z.string().refine(isValidTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' });

/** An ISO-8601 instant that states its offset (`Z` or `+01:00`), so it can never be read in the wrong zone. */
export const instantSchema = z.iso.datetime({ offset: true }).transform((value) => new Date(value));

/** An id in a URL or body: short, printable, no surprises. */
export const idSchema = z.string().regex(/^[a-z]{2,4}_[0-9a-z]{10,40}$/, 'must be an id such as loc_…');

/** A `limit` query parameter for paginated lists. */
export const limitSchema = z.coerce.number().int().min(1).max(100).default(25);

/**
 * A list in a query string: `?tags=a,b`, also `?tags=a&tags=b` (which arrives as an array).
 * Items are trimmed, blanks and repeats dropped; each item is then checked at its index (`tags.1`).
 */
export function commaList<T extends z.ZodType<unknown, string>>(item: T, max: number) {
  return z
    .union([z.string(), z.array(z.string())])
    .transform((value) => {
      const items = (Array.isArray(value) ? value : [value]).flatMap((part) => part.split(',')).map((part) => part.trim());
      return [...new Set(items.filter((part) => part.length > 0))];
    })
    .pipe(z.array(item).max(max));
}
