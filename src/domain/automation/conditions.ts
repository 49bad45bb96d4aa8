import { canonicalJson } from '../shared/canonical-json';

/**
 * Conditions of event handlers and automation rules (spec §4.2): `{ field, operator, value }` checked
 * against an event's context, a nested JSON object such as
 * `{ event: { type }, booking: { status, startTime, participantCount, serviceTemplate: { minParticipants } }, participant: {…} }`.
 * Pure and deterministic: the current time comes in as `now`.
 *
 * - `field` is a dotted path through own properties (`booking.serviceTemplate.minParticipants`; array
 *   indices work too: `booking.bookableIds.0`). A field that is absent or `undefined` is missing, and a
 *   missing field fails every operator, `not_equals` included (reason `missing field`); `null` is a value.
 * - `value` written exactly `{{dotted.path}}` is replaced by that field of the same context before
 *   comparing; when that field is missing the condition fails (reason `missing placeholder field`).
 *   A `value` of `undefined` (not JSON) fails every operator (reason `invalid value`).
 * - `equals` / `not_equals`: deep JSON equality (object key order does not matter). Strict, no coercion:
 *   `5` does not equal `'5'`, and two ISO strings naming the same instant in different offsets differ.
 * - `greater_than` / `less_than`: actual and value both finite numbers, or both ISO-8601 instants
 *   (a date-time with `Z` or an offset) compared as time; anything else fails with `not comparable`.
 * - `contains`: a string actual contains the string value (case-sensitive), or an array actual has an
 *   element deeply equal to the value; anything else fails with `not comparable`.
 * - `in`: the value is an array with an element deeply equal to the actual; a value that is not an
 *   array fails with `invalid value`.
 * - `within_hours`: the actual is an ISO-8601 instant with now ≤ actual ≤ now + value hours, both ends
 *   included; the value must be a non-negative finite number (else `invalid value`) and an actual that
 *   is not an instant fails with `not comparable`.
 *
 * `reason` is set only when the comparison could not be made; a comparison that was made and came out
 * false has none.
 */

/** The operators of spec §4.2 conditions. */
export type Operator = 'equals' | 'not_equals' | 'greater_than' | 'less_than' | 'contains' | 'in' | 'within_hours';

/** One condition: a dotted field of the context, an operator and a JSON value (or a `{{field}}` placeholder). */
export interface Condition {
  field: string;
  operator: Operator;
  value: unknown;
}

/** What conditions are checked against: the event's subjects as nested JSON, times as ISO-8601 strings. */
export type EventContext = Record<string, unknown>;

/** Why a condition could not be compared. */
export type ConditionFailureReason = 'missing field' | 'missing placeholder field' | 'not comparable' | 'invalid value';

/** The outcome of one condition: whether it holds, the values compared and, when they could not be, why. */
export interface ConditionResult {
  holds: boolean;
  actual: unknown;
  expected: unknown;
  reason?: ConditionFailureReason;
}

/** The field at a dotted path of the context, or undefined when any step is missing. */
export function readField(context: EventContext, path: string): unknown {
  let current: unknown = context;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

const placeholder = /^\{\{([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*)\}\}$/;
const isoInstant = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds since the epoch of an ISO-8601 instant with an offset, or undefined for anything else. */
function instantMs(value: unknown): number | undefined {
  const match = typeof value === 'string' ? isoInstant.exec(value) : null;
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  const ms = Date.parse(value as string);
  return Number.isNaN(ms) ? undefined : ms;
}

const deepEqual = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** Orders two numbers or two instants (negative, zero, positive), or undefined when they are not comparable. */
function compare(actual: unknown, expected: unknown): number | undefined {
  if (isNumber(actual) && isNumber(expected)) return actual - expected;
  const [a, b] = [instantMs(actual), instantMs(expected)];
  return a !== undefined && b !== undefined ? a - b : undefined;
}

/** Applies the operator to values already read and resolved. */
function apply(operator: Operator, actual: unknown, expected: unknown, now: Date): Pick<ConditionResult, 'holds' | 'reason'> {
  switch (operator) {
    case 'equals':
      return { holds: deepEqual(actual, expected) };
    case 'not_equals':
      return { holds: !deepEqual(actual, expected) };
    case 'greater_than':
    case 'less_than': {
      const order = compare(actual, expected);
      if (order === undefined) return { holds: false, reason: 'not comparable' };
      return { holds: operator === 'greater_than' ? order > 0 : order < 0 };
    }
    case 'contains':
      if (typeof actual === 'string' && typeof expected === 'string') return { holds: actual.includes(expected) };
      if (Array.isArray(actual)) return { holds: actual.some((element) => deepEqual(element, expected)) };
      return { holds: false, reason: 'not comparable' };
    case 'in':
      if (!Array.isArray(expected)) return { holds: false, reason: 'invalid value' };
      return { holds: expected.some((element) => deepEqual(actual, element)) };
    case 'within_hours': {
      if (!isNumber(expected) || expected < 0) return { holds: false, reason: 'invalid value' };
      const at = instantMs(actual);
      if (at === undefined) return { holds: false, reason: 'not comparable' };
      return { holds: now.getTime() <= at && at <= now.getTime() + expected * 3_600_000 };
    }
  }
}

/** Checks one condition against the context at `now`, with the values it compared. */
export function evaluateCondition(condition: Condition, context: EventContext, now: Date): ConditionResult {
  const actual = readField(context, condition.field);
  const path = typeof condition.value === 'string' ? placeholder.exec(condition.value)?.[1] : undefined;
  const expected = path === undefined ? condition.value : readField(context, path);
  if (actual === undefined) return { holds: false, actual, expected, reason: 'missing field' };
  if (expected === undefined) return { holds: false, actual, expected, reason: path === undefined ? 'invalid value' : 'missing placeholder field' };
  return { actual, expected, ...apply(condition.operator, actual, expected, now) };
}

/** Checks every condition (all must hold; an empty list holds), keeping each one's result. */
export function evaluateConditions(conditions: readonly Condition[], context: EventContext, now: Date): { holds: boolean; results: Array<{ condition: Condition } & ConditionResult> } {
  const results = conditions.map((condition) => ({ condition, ...evaluateCondition(condition, context, now) }));
  return { holds: results.every((result) => result.holds), results };
}
