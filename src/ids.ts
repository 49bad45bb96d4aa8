import { createHash, randomBytes } from 'node:crypto';

/** Prefixes say what an id names, so a mistyped id in a URL is obvious (`bk_…` is a booking). */
export const idPrefixes = {
  user: 'usr',
  authRecord: 'ath',
  organization: 'org',
  membership: 'mem',
  apiKey: 'key',
  location: 'loc',
  bookable: 'bkb',
  calendar: 'cal',
  calendarOverride: 'cov',
  calendarBlock: 'blk',
  category: 'cat',
  serviceTemplate: 'svt',
  reservation: 'rs',
  booking: 'bk',
  participant: 'bp',
  notification: 'ntf',
  event: 'evt',
  webhook: 'whk',
  delivery: 'dlv',
  eventHandler: 'evh',
  handlerRun: 'hrn',
  automationRule: 'atr',
  payment: 'pay',
  compensation: 'pcm',
  bookingBackup: 'bku',
  storeCredit: 'scr',
  securityDeposit: 'sdp',
} as const;

/** The kinds of things that get ids. */
export type IdKind = keyof typeof idPrefixes;

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

function encode(bytes: Uint8Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i]! % 32];
  return out;
}

/** A new random id such as `loc_3f9k…` (120 bits of randomness). */
export function newId(kind: IdKind): string {
  return `${idPrefixes[kind]}_${encode(randomBytes(24), 24)}`;
}

/** The same id every time for the same parts: used to turn an Idempotency-Key into a workflow id. */
export function derivedId(kind: IdKind, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  return `${idPrefixes[kind]}_${encode(digest, 24)}`;
}

/** Moves an id to another kind keeping its body: the booking born of reservation `rs_x` is `bk_x`. */
export function sameBodyId(kind: IdKind, id: string): string {
  return `${idPrefixes[kind]}_${id.slice(id.indexOf('_') + 1)}`;
}
