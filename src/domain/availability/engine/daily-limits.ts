import { addLocalDays } from '../../shared/time';
import type { BookableTimeline } from './bookable-timeline';
import type { DailyLimit, EngineService } from './engine-types';
import type { LocalClock } from './local-clock';

function dayOf(scope: DailyLimit['scope'], id: string, limit: number, clock: LocalClock, localDate: string): DailyLimit {
  return { scope, id, limit, from: new Date(clock.dayStart(localDate)), until: new Date(clock.dayStart(addLocalDays(localDate, 1))) };
}

/**
 * The per-day limits a booking at `start` counts against: each claimed bookable's (calendar
 * maxBookingsPerDay, provider maxDailyBookings) on its own local day, and the service's on the
 * anchor's local day. A hold's claim counts these days again under a lock.
 */
export function dailyLimitsOf(claimed: readonly BookableTimeline[], service: EngineService, start: number, anchorClock: LocalClock, anchorDate: string): DailyLimit[] {
  const limits = claimed.flatMap((t) => {
    const limit = Math.min(t.calendar.maxBookingsPerDay ?? Infinity, t.bookable.maxDailyBookings ?? Infinity);
    return Number.isFinite(limit) ? [dayOf('bookable', t.bookable.id, limit, t.clock, t.clock.localDate(start))] : [];
  });
  if (service.maxBookingsPerDay !== undefined) limits.push(dayOf('service', service.id, service.maxBookingsPerDay, anchorClock, anchorDate));
  return limits;
}
