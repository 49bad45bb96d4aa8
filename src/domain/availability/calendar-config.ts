import { weekdayOf, type Weekday } from '../shared/time';
import type { WallTimeRange } from './weekly-schedule';

/**
 * A calendar's configuration (spec §2.4) as plain data: its typed weekly pattern, date overrides,
 * blocked time and cascading settings, plus the pure rules the HTTP schemas and the availability
 * engine share. No zod, no I/O, no clock: dates are local `YYYY-MM-DD` strings, times `HH:MM`.
 */

/** How a stretch of a day is offered (spec §2.4 `TimeRange.type`). */
export const timeRangeTypes = ['available', 'preferred', 'premium'] as const;
export type TimeRangeType = (typeof timeRangeTypes)[number];

/** A wall-time range with its type; a range stored or sent without a type is `available`. */
export interface TypedWallTimeRange extends WallTimeRange {
  type: TimeRangeType;
}

/** A weekly schedule whose ranges carry a type. Missing days are closed. */
export type TypedWeeklySchedule = Partial<Record<Weekday, TypedWallTimeRange[]>>;

/** A weekly schedule as it may be stored: older rows have ranges without a type. */
export type AnyWeeklySchedule = Partial<Record<Weekday, ReadonlyArray<WallTimeRange & { type?: TimeRangeType }>>>;

/** Spec §2.4 `AvailabilityPattern`, with units in the names (minutes, days). */
export interface CalendarPattern {
  weeklySchedule: TypedWeeklySchedule;
  /** Length of a generated slot; absent: the service template's duration decides. */
  slotDurationMinutes?: number;
  /** Minutes between slot starts; absent: the slot duration (or the template's interval). */
  slotIntervalMinutes?: number;
  preBufferMinutes: number;
  postBufferMinutes: number;
  /** Earliest booking, in minutes before the slot starts (spec: `minAdvanceBooking`, hours). */
  minAdvanceMinutes: number;
  /** Latest booking, in days ahead (spec: `maxAdvanceBooking`); absent: no limit of the calendar's own. */
  maxAdvanceDays?: number;
  maxSlotsPerDay?: number;
  maxBookingsPerDay?: number;
}

/** Spec §2.4 `DateOverride.type`. `holiday_pricing` keeps the weekly hours and changes only the price. */
export const dateOverrideKinds = ['closed', 'modified_hours', 'special_hours', 'holiday_pricing'] as const;
export type DateOverrideKind = (typeof dateOverrideKinds)[number];

/** A special day (spec §2.4 `DateOverride`), as sent and stored. */
export interface DateOverride {
  /** Local date `YYYY-MM-DD` in the calendar's time zone. */
  date: string;
  kind: DateOverrideKind;
  /** The day's hours, for `modified_hours` and `special_hours` only. */
  ranges?: TypedWallTimeRange[];
  /** Price multiplier in basis points: 15000 = 1.5×. */
  pricingMultiplierBps?: number;
  /** Repeats on the same month and day every year from `date`'s year on. */
  recurringYearly: boolean;
  reason?: string;
}

/** Spec §2.4 `BlockedTime.type`. */
export const calendarBlockTypes = ['time_off', 'maintenance', 'meeting', 'unavailable', 'travel'] as const;
export type CalendarBlockType = (typeof calendarBlockTypes)[number];

/** Unavailability on a calendar (spec §2.4 `BlockedTime`): the half-open range [startsAt, endsAt). */
export interface CalendarBlock {
  startsAt: Date;
  endsAt: Date;
  type: CalendarBlockType;
  reason?: string;
  /** Paid time off, for a provider's `time_off` only (spec: `isPaidTimeOff`). */
  paidTimeOff: boolean;
  /** Whether a booking may still be placed over the block (spec: `allowOverride`, `overrideRequiresApproval`). */
  overrideRules: { allowOverride: boolean; requiresApproval: boolean };
}

/** Spec §2.4 `CascadingConfig.strategy`. */
export const cascadingStrategies = ['sequential', 'batch', 'dynamic'] as const;
export type CascadingStrategy = (typeof cascadingStrategies)[number];

/** Spec §2.4 `CascadingConfig`: open slots progressively instead of all at once. */
export interface CascadingConfig {
  enabled: boolean;
  strategy: CascadingStrategy;
  /** Open one slot after another: start with `initialOpenSlots`, open the next `advanceWindowDays` ahead. */
  sequential?: { initialOpenSlots: number; advanceWindowDays: number };
  /** Always keep `batchSize` upcoming slots open, looking `lookAheadDays` ahead. */
  batch?: { batchSize: number; lookAheadDays: number };
  /** Skip the line: `premiumSlots` more slots open ahead of the cascade, at `pricingMultiplierBps` (spec: `premiumBooking`). */
  premium?: { enabled: boolean; premiumSlots: number; pricingMultiplierBps: number };
}

/** One broken rule, addressed by its path inside the checked object. */
export interface ConfigProblem {
  path: (string | number)[];
  message: string;
}

const minutesPerDay = 24 * 60;

/**
 * The cross-field rules of a pattern, also for one merged from a stored pattern and a patch.
 * Fields that are absent are not checked.
 */
export function calendarPatternProblems(pattern: Partial<Omit<CalendarPattern, 'weeklySchedule'>>): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const { minAdvanceMinutes, maxAdvanceDays } = pattern;
  if (minAdvanceMinutes !== undefined && maxAdvanceDays !== undefined && minAdvanceMinutes >= maxAdvanceDays * minutesPerDay) {
    problems.push({ path: ['maxAdvanceDays'], message: 'the booking window must end after it starts: maxAdvanceDays × 1440 must exceed minAdvanceMinutes' });
  }
  return problems;
}

/** Problems of one day's ranges: each must start before it ends, and no two may overlap (whatever their types). */
export function dayRangeProblems(ranges: readonly WallTimeRange[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  ranges.forEach((range, index) => {
    if (!(range.start < range.end)) problems.push({ path: [index, 'end'], message: 'start must be before end' });
  });
  // Reversed ranges are reported above and left out here, so they cannot cause a second, confusing problem.
  const sorted = ranges
    .map((range, index) => ({ range, index }))
    .filter(({ range }) => range.start < range.end)
    .sort((a, b) => (a.range.start < b.range.start ? -1 : a.range.start > b.range.start ? 1 : a.index - b.index));
  let latestEnd: string | undefined;
  for (const { range, index } of sorted) {
    if (latestEnd !== undefined && latestEnd > range.start) problems.push({ path: [index], message: 'time ranges overlap' });
    if (latestEnd === undefined || range.end > latestEnd) latestEnd = range.end;
  }
  return problems;
}

/** Tells whether `value` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not). */
export function isValidLocalDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/**
 * The override that applies on a local date, if any. An override for that exact date wins over a
 * yearly one that only shares its month and day; among exact ones a one-off wins over a recurring
 * one; among yearly ones the most recently started (latest year, not after `localDate`) wins.
 */
export function overrideFor(overrides: readonly DateOverride[], localDate: string): DateOverride | undefined {
  const exact = overrides.filter((override) => override.date === localDate);
  if (exact.length > 0) return exact.find((override) => !override.recurringYearly) ?? exact[0];
  const monthDay = localDate.slice(5);
  let best: DateOverride | undefined;
  for (const override of overrides) {
    if (!override.recurringYearly || override.date.slice(5) !== monthDay || override.date > localDate) continue;
    if (!best || override.date > best.date) best = override;
  }
  return best;
}

/** A day's ranges with their types filled in (`available` where absent), sorted by start. */
export function typedRanges(ranges: ReadonlyArray<WallTimeRange & { type?: TimeRangeType }>): TypedWallTimeRange[] {
  return ranges.map((range) => ({ start: range.start, end: range.end, type: range.type ?? 'available' })).sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The ranges open on a local date: none if an override closes it, the override's hours if it
 * changes them, else the weekly ranges of its weekday (`holiday_pricing` keeps those too).
 * `weekday` defaults to the local date's own.
 */
export function effectiveDayRanges(
  weeklySchedule: AnyWeeklySchedule,
  overrides: readonly DateOverride[],
  localDate: string,
  weekday: Weekday = weekdayOf(localDate),
): TypedWallTimeRange[] {
  const override = overrideFor(overrides, localDate);
  switch (override?.kind) {
    case 'closed':
      return [];
    case 'modified_hours':
    case 'special_hours':
      return typedRanges(override.ranges ?? []);
    default:
      return typedRanges(weeklySchedule[weekday] ?? []);
  }
}
