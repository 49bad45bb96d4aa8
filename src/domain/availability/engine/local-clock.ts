import { localDateMs, localDateOf, localDatesBetween, wallMinuteInstants, wallTimeToUtc, zoneOffsetMinutes } from '../../shared/time';

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

/**
 * Wall time ↔ UTC for one zone, fast on ordinary days. A day whose offset is the same two days
 * before it starts and two days after it ends has no transition (zones never change offset twice in a
 * few days), so its wall times convert by arithmetic; transition days go through the date library.
 */
export class LocalClock {
  /** Per local date: its wall midnight read as UTC, and its one offset (null on a transition day). */
  private readonly days = new Map<string, { midnight: number; offset: number | null }>();
  /** Local dates of instants already converted: a search asks for the same start once per candidate bookable. */
  private readonly dates = new Map<number, string>();
  /** Instants of wall minutes on transition days, and local dates of spans: every bookable in the zone asks for the same ones. */
  private readonly transitionInstants = new Map<string, number[]>();
  private readonly spans = new Map<string, string[]>();

  constructor(readonly zone: string) {}

  /** The instants of a wall minute on a local date: none in a spring-forward gap, two in a fall-back repeat. */
  instants(localDate: string, minuteOfDay: number): number[] {
    const { midnight, offset } = this.day(localDate);
    if (offset === null) {
      const key = `${localDate}|${minuteOfDay}`;
      let instants = this.transitionInstants.get(key);
      if (instants === undefined) {
        instants = wallMinuteInstants(localDate, minuteOfDay, this.zone).map((instant) => instant.getTime());
        this.transitionInstants.set(key, instants);
      }
      return [...instants];
    }
    return [midnight + minuteOfDay * 60_000 - offset * 60_000];
  }

  /** The first instant of a local date (its midnight; where midnight falls in a DST gap, the instant the day begins). */
  dayStart(localDate: string): number {
    const instants = this.instants(localDate, 0);
    return instants.length > 0 ? instants[0]! : wallTimeToUtc(localDate, '00:00', this.zone).getTime();
  }

  /** The local date (`YYYY-MM-DD`) of an instant. */
  localDate(instantMs: number): string {
    let date = this.dates.get(instantMs);
    if (date === undefined) {
      date = localDateOf(instantMs, this.zone);
      this.dates.set(instantMs, date);
    }
    return date;
  }

  /** The local dates [from, to) touches, with a day's margin on both sides. */
  datesAround(fromMs: number, toMs: number): string[] {
    const key = `${fromMs}|${toMs}`;
    let dates = this.spans.get(key);
    if (dates === undefined) {
      dates = localDatesBetween(new Date(fromMs - DAY_MS), new Date(toMs + DAY_MS), this.zone);
      this.spans.set(key, dates);
    }
    return [...dates];
  }

  private day(localDate: string): { midnight: number; offset: number | null } {
    let day = this.days.get(localDate);
    if (day === undefined) {
      const midnight = localDateMs(localDate);
      const before = zoneOffsetMinutes(midnight - 48 * HOUR_MS, this.zone);
      const after = zoneOffsetMinutes(midnight + DAY_MS + 48 * HOUR_MS, this.zone);
      day = { midnight, offset: before === after ? before : null };
      this.days.set(localDate, day);
    }
    return day;
  }
}

/** `HH:MM` (or `24:00`) as minutes of the day. */
export function minuteOfDay(wallTime: string): number {
  return Number(wallTime.slice(0, 2)) * 60 + Number(wallTime.slice(3, 5));
}
