/** A URL-friendly slug from a name plus a short unique suffix, e.g. `Downtown Salon` → `downtown-salon-4k2x9a`. */
export function slugWithSuffix(name: string, suffix: string): string {
  const base =
    name
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '')
      .slice(0, 48) || 'item';
  return `${base}-${suffix}`;
}
