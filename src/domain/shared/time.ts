import { DateTime, Duration, IANAZone, Info } from 'luxon';

/**
 * The one file that knows the date library. Everything else speaks UTC `Date`s, IANA zone names,
 * local dates (`YYYY-MM-DD`) and wall times (`HH:MM`).
 */

/** Tells whether `zone` is an IANA time zone name the runtime knows (e.g. `Europe/Berlin`). */
export function isValidTimeZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** Weekday names used by weekly schedules, in ISO order (Monday = 1). */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

/** A day of the week as written in weekly schedules. */
export type Weekday = (typeof weekdays)[number];

/**
 * The UTC instant of a wall time on a local date in `zone`. A wall time that does not exist
 * (inside a spring-forward gap) moves forward by the gap, as the clocks do: 02:30 becomes 03:30.
 * A wall time that happens twice (fall-back) resolves to its first occurrence.
 */
export function wallTimeToUtc(localDate: string, wallTime: string, zone: string): Date {
  const naive = DateTime.fromISO(`${localDate}T${wallTime}`, { zone: 'UTC' });
  const tz = IANAZone.create(zone);
  if (!naive.isValid || !tz.isValid) throw new RangeError(`Invalid local time ${localDate}T${wallTime} in ${zone}`);
  // Resolve explicitly instead of trusting the library's offset guess, which depends on today's date.
  // The real instant lies within 14 hours of the wall time read as UTC (offsets span -12h..+14h), and
  // zones never change offset twice in a few days: the offsets two days either side are the candidates.
  const wallMs = naive.toMillis();
  const offsetBefore = zoneOffsetMinutes(wallMs - 48 * 3_600_000, zone);
  const offsetAfter = zoneOffsetMinutes(wallMs + 48 * 3_600_000, zone);
  const matches = [offsetBefore, offsetAfter]
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => wallMs - zoneOffsetMinutes(instant, zone) * 60_000 === instant);
  // No match: the wall time falls in a spring-forward gap; the offset from before the gap moves it forward.
  const instant = matches.length > 0 ? Math.min(...matches) : wallMs - offsetBefore * 60_000;
  return new Date(instant);
}

/** The local dates (`YYYY-MM-DD`) in `zone` that the half-open UTC range [from, to) touches. */
export function localDatesBetween(from: Date, to: Date, zone: string): string[] {
  const dates: string[] = [];
  let day = DateTime.fromJSDate(from, { zone }).startOf('day');
  const last = DateTime.fromJSDate(new Date(to.getTime() - 1), { zone }).startOf('day');
  while (day <= last) {
    dates.push(day.toISODate()!);
    day = day.plus({ days: 1 });
  }
  return dates;
}

/** A local date's midnight read as if it were UTC (ms): the base for wall-clock arithmetic without a zone. */
export function localDateMs(localDate: string): number {
  return Date.UTC(Number(localDate.slice(0, 4)), Number(localDate.slice(5, 7)) - 1, Number(localDate.slice(8, 10)));
}

/** The local date `days` after (before, when negative) a local date. */
export function addLocalDays(localDate: string, days: number): string {
  return new Date(localDateMs(localDate) + days * 86_400_000).toISOString().slice(0, 10);
}

/** The weekday name of a local date. */
export function weekdayOf(localDate: string): Weekday {
  const sundayFirst = new Date(localDateMs(localDate)).getUTCDay();
  return weekdays[(sundayFirst + 6) % 7]!;
}

/** The day after a local date. */
export function nextLocalDate(localDate: string): string {
  return addLocalDays(localDate, 1);
}

/** A zone's offsets over one UTC day: `first` until `changesAt`, `last` from then on (no change: `changesAt` is Infinity). */
interface UtcDayOffsets {
  first: number;
  last: number;
  changesAt: number;
}

// By `zone|UTC day number` (bounded): each day costs two lookups in the date library, a day with a
// transition about thirty more (the instant is found by bisection, to the millisecond).
const utcDayOffsets = new Map<string, UtcDayOffsets>();

/**
 * The zone's offsets on the UTC day of `ms`. Zones change offset at most once a day (tzdb has no
 * zone that changes twice within 24 hours), so a day is its first offset until one instant, then its last.
 */
function offsetsOfUtcDay(zone: string, ms: number): UtcDayOffsets {
  const day = Math.floor(ms / 86_400_000);
  const key = `${zone}|${day}`;
  let offsets = utcDayOffsets.get(key);
  if (offsets === undefined) {
    const tz = IANAZone.create(zone);
    const start = day * 86_400_000;
    const end = start + 86_400_000;
    const first = tz.offset(start);
    const last = tz.offset(end - 1);
    let changesAt = Number.POSITIVE_INFINITY;
    if (first !== last && Number.isFinite(first) && Number.isFinite(last)) {
      // The first millisecond with the new offset.
      let low = start;
      let high = end - 1;
      while (low < high) {
        const mid = Math.floor((low + high) / 2);
        if (tz.offset(mid) === first) low = mid + 1;
        else high = mid;
      }
      changesAt = low;
    }
    offsets = { first, last, changesAt };
    if (utcDayOffsets.size >= 50_000) utcDayOffsets.clear();
    utcDayOffsets.set(key, offsets);
  }
  return offsets;
}

/** Renders an instant in `zone` as ISO-8601 with its offset, e.g. `2026-03-29T03:30:00.000+02:00`. */
export function toLocalIso(instant: Date, zone: string): string {
  // Written by hand (it renders every slot of a search), in the library's own format: UTC zones end in
  // `Z`, every other zone in its offset `±HH:MM`.
  const tz = Info.normalizeZone(zone);
  if (!tz.isValid) throw new RangeError(`Invalid time zone ${zone}`);
  const ms = instant.getTime();
  const offset = tz.isUniversal ? tz.offset(ms) : zoneOffsetMinutes(ms, zone);
  if (tz.isUniversal && offset === 0) return instant.toISOString();
  const sign = offset < 0 ? '-' : '+';
  const hours = String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0');
  const minutes = String(Math.abs(offset) % 60).padStart(2, '0');
  return `${new Date(ms + offset * 60_000).toISOString().slice(0, 23)}${sign}${hours}:${minutes}`;
}

/**
 * The instant an ISO-8601 duration (`P1D`, `PT2H`, `P1DT30M`) before `instant`, reading days on the
 * wall clock of `zone` and hours, minutes and seconds as exact time: `P1D` before 10:00 is 10:00 the
 * day before even when a DST change makes that 23 or 25 hours. With `atLocalTime` (HH:MM) the wall
 * time of the day the days land on is replaced first (a time inside a DST gap moves forward, as in
 * wallTimeToUtc).
 */
export function wallClockBefore(instant: Date, zone: string, isoDuration: string, atLocalTime?: string): Date {
  const duration = Duration.fromISO(isoDuration);
  if (!duration.isValid) throw new RangeError(`Invalid ISO-8601 duration ${isoDuration}`);
  const { days, hours, minutes, seconds } = duration.toObject();
  const day = DateTime.fromJSDate(instant, { zone }).minus({ days: days ?? 0 });
  const anchor = atLocalTime ? wallTimeToUtc(day.toISODate()!, atLocalTime, zone) : day.toJSDate();
  return new Date(anchor.getTime() - (((hours ?? 0) * 60 + (minutes ?? 0)) * 60 + (seconds ?? 0)) * 1000);
}

/** Renders an instant for people reading it in `zone`, e.g. `Monday, 4 March 2030, 10:00 (Europe/Berlin)`. */
export function formatLocalDateTime(instant: Date, zone: string): string {
  const local = DateTime.fromJSDate(instant, { zone }).setLocale('en-GB');
  if (!local.isValid) throw new RangeError(`Cannot render ${instant.toISOString()} in ${zone}`);
  return `${local.toFormat('EEEE, d MMMM yyyy, HH:mm')} (${zone})`;
}

/** The local date, weekday and wall time (`HH:MM`) of an instant in `zone`, e.g. for pricing a slot. */
export function localWallClock(instant: Date, zone: string): { localDate: string; localWeekday: Weekday; localTime: string } {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new RangeError(`Cannot read ${instant.toISOString()} in ${zone}`);
  return { localDate: local.toISODate(), localWeekday: weekdays[local.weekday - 1]!, localTime: local.toFormat('HH:mm') };
}

/** The zone's UTC offset in minutes at an instant (e.g. 120 for Europe/Berlin in summer); the date library is read once per UTC day (and zone). */
export function zoneOffsetMinutes(instantMs: number, zone: string): number {
  const offsets = offsetsOfUtcDay(zone, instantMs);
  return instantMs < offsets.changesAt ? offsets.first : offsets.last;
}

/**
 * Every instant at which the wall clock of `zone` shows `minuteOfDay` (0–1439) on `localDate`:
 * none inside a spring-forward gap (02:30 on the day clocks jump from 02:00 to 03:00), two inside a
 * fall-back repeat (01:30 on the day clocks go back from 02:00 to 01:00), earlier first; one otherwise.
 */
export function wallMinuteInstants(localDate: string, minuteOfDay: number, zone: string): Date[] {
  if (!IANAZone.create(zone).isValid) throw new RangeError(`Invalid time zone ${zone}`);
  const wallMs = localDateMs(localDate) + minuteOfDay * 60_000;
  const offsets = new Set([zoneOffsetMinutes(wallMs - 48 * 3_600_000, zone), zoneOffsetMinutes(wallMs + 48 * 3_600_000, zone)]);
  return [...offsets]
    .map((offset) => wallMs - offset * 60_000)
    .filter((instant) => wallMs - zoneOffsetMinutes(instant, zone) * 60_000 === instant)
    .sort((a, b) => a - b)
    .map((instant) => new Date(instant));
}

/** The local date (`YYYY-MM-DD`) of an instant in `zone`. */
export function localDateOf(instantMs: number, zone: string): string {
  return new Date(instantMs + zoneOffsetMinutes(instantMs, zone) * 60_000).toISOString().slice(0, 10);
}
