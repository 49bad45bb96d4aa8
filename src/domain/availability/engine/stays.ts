import { effectiveDayRanges } from '../calendar-config';
import { addLocalDays, wallTimeToUtc } from '../../shared/time';
import { BookableTimeline } from './bookable-timeline';
import type { EngineBookable, EngineService } from './engine-types';
import { LocalClock } from './local-clock';

/**
 * Multi-night stays on one bookable (spec §7.3: a room, a cabin, a parking space by the night).
 *
 * Rules:
 * - Everything is read in the bookable's calendar zone; a bookable without a calendar has no stays.
 * - Check-in dates are the local dates `fromDate`..`toDate`, both included.
 * - Lengths: with `nights`, only stays of that many nights (none if it lies outside minNights..maxNights);
 *   without it, every length from `minNights` to `maxNights`. Results are ordered by check-in date,
 *   then by length.
 * - A stay of n nights arriving on D sleeps the nights of D, D+1, …, D+n−1 and departs on D+n. Each of
 *   those nights must be open: its local date has at least one open range after date overrides (a
 *   `closed` override or a weekday without hours makes the night unavailable). The departure date
 *   need not be open.
 * - `start` is `checkInTime` on D and `end` is `checkOutTime` on D+n, as wall times in the zone, so a
 *   stay over the spring-forward night is one hour shorter in absolute time (and one over the
 *   fall-back night one hour longer). A wall time inside a DST gap moves forward with the clocks; a
 *   repeated one is its first occurrence (as `wallTimeToUtc`).
 * - Cleaning: the span is extended by `minGapBetweenBookings` whole wall-clock days on both sides
 *   (from `checkInTime` on D−gap to `checkOutTime` on D+n+gap), and that extended span must not
 *   overlap a block, nor as many bookings and holds at once as the bookable's capacity. With a gap of
 *   1, a guest leaving on D leaves the night of D empty: the next stay can arrive on D+1. Hour-level
 *   buffers (calendar pre/post, set-up, tear-down, rest) do not apply to stays; the gap is the rule.
 * - Advance: the check-in instant must be at least the calendar's and the search's minimum advance
 *   after `now`, and at most their maximum advance (days of 24 h) after it.
 */

export interface StayRules {
  minNights: number;
  maxNights: number;
  /** Wall time `HH:MM` of arrival on the check-in date. */
  checkInTime: string;
  /** Wall time `HH:MM` of departure on the check-out date. */
  checkOutTime: string;
  /** Nights left empty before and after every stay, for cleaning. */
  minGapBetweenBookings: number;
  minAdvanceMinutes?: number;
  maxAdvanceDays?: number;
}

export interface StaySearch {
  now: Date;
  bookable: EngineBookable;
  /** First and last check-in local dates (`YYYY-MM-DD`), both included. */
  fromDate: string;
  toDate: string;
  /** Only stays of this length; absent: every length minNights..maxNights. */
  nights?: number;
  rules: StayRules;
}

export interface Stay {
  checkInDate: string;
  checkOutDate: string;
  nights: number;
  /** Check-in: `checkInTime` on `checkInDate` in `timezone`. */
  start: Date;
  /** Check-out: `checkOutTime` on `checkOutDate` in `timezone`. */
  end: Date;
  timezone: string;
}

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// A stay's own length is its span; nothing is added around it but the gap nights.
const staySpan: EngineService = { id: 'stay', durationMinutes: 0, bufferBeforeMinutes: 0, bufferAfterMinutes: 0, minAdvanceMinutes: 0, bookingStarts: [] };

/** The stays that can be booked on one bookable, per check-in date in [fromDate, toDate]. */
export function findStays(search: StaySearch): Stay[] {
  const { bookable, rules, now } = search;
  const calendar = bookable.calendar;
  if (!calendar) return [];
  const lengths: number[] = [];
  for (let n = Math.max(1, rules.minNights); n <= rules.maxNights; n++) if (search.nights === undefined || search.nights === n) lengths.push(n);
  if (lengths.length === 0) return [];

  const zone = calendar.timezone;
  const timeline = new BookableTimeline(
    { ...bookable, minRestMinutes: 0, setupMinutes: 0, teardownMinutes: 0 },
    { ...calendar, preBufferMinutes: 0, postBufferMinutes: 0 },
    new LocalClock(zone),
    staySpan,
    now.getTime(),
    now.getTime(),
  );
  const openNights = new Map<string, boolean>();
  const isOpen = (localDate: string) => {
    let open = openNights.get(localDate);
    if (open === undefined) {
      open = effectiveDayRanges(calendar.weeklySchedule, calendar.overrides, localDate).length > 0;
      openNights.set(localDate, open);
    }
    return open;
  };
  const nowMs = now.getTime();
  const earliest = nowMs + Math.max(calendar.minAdvanceMinutes ?? 0, rules.minAdvanceMinutes ?? 0) * MINUTE_MS;
  const maxDays = Math.min(calendar.maxAdvanceDays ?? Infinity, rules.maxAdvanceDays ?? Infinity);
  const latest = nowMs + maxDays * DAY_MS;
  const gap = rules.minGapBetweenBookings;

  const stays: Stay[] = [];
  for (let checkInDate = search.fromDate; checkInDate <= search.toDate; checkInDate = addLocalDays(checkInDate, 1)) {
    const start = wallTimeToUtc(checkInDate, rules.checkInTime, zone);
    if (start.getTime() < earliest || start.getTime() > latest) continue;
    for (const nights of lengths) {
      // A closed night ends this stay and every longer one.
      if (!Array.from({ length: nights }, (_, night) => addLocalDays(checkInDate, night)).every(isOpen)) break;
      const checkOutDate = addLocalDays(checkInDate, nights);
      const end = wallTimeToUtc(checkOutDate, rules.checkOutTime, zone);
      const from = wallTimeToUtc(addLocalDays(checkInDate, -gap), rules.checkInTime, zone).getTime();
      const to = wallTimeToUtc(addLocalDays(checkOutDate, gap), rules.checkOutTime, zone).getTime();
      if (end <= start || !timeline.check(from, to).free) continue;
      stays.push({ checkInDate, checkOutDate, nights, start, end, timezone: zone });
    }
  }
  return stays;
}
