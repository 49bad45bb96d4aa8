import type { CascadingConfig } from '../calendar-config';

/** How a cascading calendar treats one of its slot starts. */
export type CascadeState = 'open' | 'premium';

const DAY_MS = 86_400_000;

/** How far ahead (from now) a cascade looks, in days. */
export function cascadeHorizonDays(config: CascadingConfig): number {
  if (config.strategy === 'batch') return config.batch?.lookAheadDays ?? 0;
  return config.sequential?.advanceWindowDays ?? config.batch?.lookAheadDays ?? 0;
}

/**
 * Which of a calendar's upcoming starts a cascade opens (spec §2.4 CascadingConfig). `starts` are the
 * calendar's candidate starts from now to the horizon, in time order, each marked free or taken.
 * - sequential (and dynamic): the first `initialOpenSlots` free starts are open; booking one opens the next.
 * - batch: starts are cut into batches of `batchSize` in time order; the first batch with a free start is
 *   open, the later ones stay closed until it is fully booked.
 * - premium (skip the line): the next `premiumSlots` free starts after the open ones are offered at
 *   the premium multiplier.
 * Starts beyond the horizon, and every start not returned, are closed.
 */
export function cascadeOpenings(config: CascadingConfig, starts: ReadonlyArray<{ start: number; free: boolean }>, now: number): Map<number, CascadeState> {
  const horizon = now + cascadeHorizonDays(config) * DAY_MS;
  const inHorizon = starts.filter((entry) => entry.start >= now && entry.start < horizon);
  const opened = new Map<number, CascadeState>();
  let rest: Array<{ start: number; free: boolean }>;
  if (config.strategy === 'batch' && config.batch) {
    const size = config.batch.batchSize;
    let batchStart = 0;
    while (batchStart < inHorizon.length && !inHorizon.slice(batchStart, batchStart + size).some((entry) => entry.free)) batchStart += size;
    for (const entry of inHorizon.slice(batchStart, batchStart + size)) if (entry.free) opened.set(entry.start, 'open');
    rest = inHorizon.slice(batchStart + size);
  } else {
    const initial = config.sequential?.initialOpenSlots ?? config.batch?.batchSize ?? 1;
    const free = inHorizon.filter((entry) => entry.free);
    for (const entry of free.slice(0, initial)) opened.set(entry.start, 'open');
    rest = free.slice(initial);
  }
  if (config.premium?.enabled) {
    for (const entry of rest.filter((candidate) => candidate.free).slice(0, config.premium.premiumSlots)) opened.set(entry.start, 'premium');
  }
  return opened;
}
