import { DomainError } from '../shared/errors';

/** A template's no-show policy for repeat offenders (spec §3.3 `noShowPolicy`). */
export interface NoShowBanRules {
  maxNoShows: number;
  banDays: number;
}

const DAY_MS = 86_400_000;

/**
 * Refuses a client with too many no-shows: counting the no-shows of the last `banDays` days, a client
 * with `maxNoShows` or more is banned until the oldest counted no-show is `banDays` old.
 */
export function assertNotBanned(noShowTimes: readonly Date[], rules: NoShowBanRules, now: Date): void {
  const since = now.getTime() - rules.banDays * DAY_MS;
  const counted = noShowTimes.filter((at) => at.getTime() > since).sort((a, b) => b.getTime() - a.getTime());
  if (counted.length < rules.maxNoShows) return;
  // The ban lifts when enough of the counted no-shows have aged out to fall below the limit.
  const lifting = counted[rules.maxNoShows - 1]!;
  const until = new Date(lifting.getTime() + rules.banDays * DAY_MS);
  throw new DomainError('CLIENT_BANNED', 'Too many missed bookings: booking this service is paused for you.', { noShows: counted.length, until: until.toISOString() });
}
