/**
 * Does a bookable meet a request's criteria (spec §2.3: categories, tags, certifications, rating)?
 * Used by bookable search and by availability when a service asks for "any provider with X".
 * Pure: the day to check certifications against is passed in as a local date, `YYYY-MM-DD`.
 */

export type BookableType = 'provider' | 'asset' | 'venue' | 'virtual_resource';

/** What is asked for. Absent or empty lists ask nothing. */
export interface BookableCriteria {
  /** The bookable's type must be this one. */
  type?: BookableType;
  /** Any of: the bookable's category is one of these. */
  categoryIds?: string[];
  /** All of: the bookable carries every one of these tags (exact, case-sensitive, as in SQL `@>`). */
  tags?: string[];
  /** All of: for each name, a certification of that name, verified and valid on the day. */
  certifications?: string[];
  /** The bookable's rating is at least this; unrated bookables fail. */
  minRating?: number;
}

/** A certification as matching sees it. Dates are `YYYY-MM-DD`; both ends are inclusive. */
export interface CertificationFacts {
  name: string;
  issuedOn?: string | null;
  expiresOn?: string | null;
  verified: boolean;
}

/** What is known about one bookable. */
export interface BookableFacts {
  type: BookableType;
  categoryId: string | null;
  tags: string[];
  certifications: CertificationFacts[];
  rating?: number | null;
  /** Only `active` bookables match. */
  status: string;
}

const localDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Why one required certification does not count on `onDate`, or null when it does. */
function certificationProblem(name: string, held: CertificationFacts[], onDate: string): string | null {
  const named = held.filter((cert) => cert.name === name);
  if (named.length === 0) return `certification ${name} missing`;
  const verified = named.filter((cert) => cert.verified);
  if (verified.length === 0) return `certification ${name} not verified`;
  const expiredOn = (cert: CertificationFacts) => (cert.expiresOn && cert.expiresOn < onDate ? cert.expiresOn : null);
  const startsOn = (cert: CertificationFacts) => (cert.issuedOn && cert.issuedOn > onDate ? cert.issuedOn : null);
  if (verified.some((cert) => !expiredOn(cert) && !startsOn(cert))) return null;
  // Every verified copy is out of date on the day: name the latest expiry, else the earliest start.
  const lastExpiry = verified.map(expiredOn).filter((date): date is string => date !== null).sort().pop();
  if (lastExpiry) return `certification ${name} expired on ${lastExpiry}`;
  const firstStart = verified.map(startsOn).filter((date): date is string => date !== null).sort()[0];
  return `certification ${name} not valid until ${firstStart}`;
}

/**
 * Every reason the bookable does not meet the criteria on `onDate` (`YYYY-MM-DD`), in a fixed order:
 * status, type, category, tags, certifications, rating. Empty when it matches.
 * E.g. `['tag senior missing', 'certification BLS expired on 2030-01-31']`.
 */
export function explainMismatch(facts: BookableFacts, criteria: BookableCriteria, onDate: string): string[] {
  if (!localDatePattern.test(onDate)) throw new RangeError(`Expected a date as YYYY-MM-DD, got ${onDate}`);
  const reasons: string[] = [];
  if (facts.status !== 'active') reasons.push(`status is ${facts.status}`);
  if (criteria.type && facts.type !== criteria.type) reasons.push(`type is ${facts.type}, not ${criteria.type}`);
  if (criteria.categoryIds && criteria.categoryIds.length > 0 && !(facts.categoryId && criteria.categoryIds.includes(facts.categoryId))) {
    reasons.push(facts.categoryId ? `category ${facts.categoryId} not among ${criteria.categoryIds.join(', ')}` : 'no category');
  }
  for (const tag of new Set(criteria.tags ?? [])) {
    if (!facts.tags.includes(tag)) reasons.push(`tag ${tag} missing`);
  }
  for (const name of new Set(criteria.certifications ?? [])) {
    const problem = certificationProblem(name, facts.certifications, onDate);
    if (problem) reasons.push(problem);
  }
  if (criteria.minRating !== undefined) {
    if (facts.rating === undefined || facts.rating === null) reasons.push(`no rating (minimum ${criteria.minRating})`);
    else if (facts.rating < criteria.minRating) reasons.push(`rating ${facts.rating} below ${criteria.minRating}`);
  }
  return reasons;
}

/** True when the bookable is active and meets every criterion on `onDate` (`YYYY-MM-DD`). */
export function matchesCriteria(facts: BookableFacts, criteria: BookableCriteria, onDate: string): boolean {
  return explainMismatch(facts, criteria, onDate).length === 0;
}
