import { request, type ApiResponse } from './http-client';

/**
 * The basics of the role × endpoint permission matrix (test/integration/permission-matrix.test.ts): who
 * calls, how set-up calls are made and checked, and unique names, slots and days. The organizations
 * are in permission-world.ts, the rows cells consume in permission-rows.ts, the "changed nothing"
 * check in permission-snapshot.ts.
 */

/** Who calls: a member of each role in the matrix organization, and an API key acting as a manager there. */
export const principals = ['client', 'staff', 'provider', 'location_manager', 'manager', 'admin', 'owner', 'api_key'] as const;
export type Principal = (typeof principals)[number];

/** How the matrix names each caller in test titles. */
export const principalLabel: Record<Principal, string> = {
  client: 'client',
  staff: 'staff',
  provider: 'provider',
  location_manager: 'location_manager(A)',
  manager: 'manager',
  admin: 'admin',
  owner: 'owner',
  api_key: 'api_key(manager)',
};

export interface User {
  token: string;
  userId: string;
  email: string;
}

export interface Bookable {
  id: string;
  name: string;
  calendarId: string;
  locationId: string;
}

/** Throws with the answer when a set-up call does not succeed: fixtures must never be silently missing. */
export function ok<T = any>(response: ApiResponse<T>, what: string): T {
  if (response.status < 200 || response.status > 299) throw new Error(`fixture: ${what} answered ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A caller bound to a token, speaking to /api/v1. */
export function caller(baseUrl: string, token: string) {
  const call = (method: string) => (path: string, body?: unknown, headers?: Record<string, string>) => request(baseUrl, method, `/api/v1${path}`, { token, body, headers });
  return { get: call('GET'), post: call('POST'), patch: call('PATCH'), delete: call('DELETE') };
}
export type Caller = ReturnType<typeof caller>;

/** Runs `work` over `items` with at most `limit` in flight, keeping the order of results. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  });
  await Promise.all(lanes);
  return results;
}

/**
 * Hands out distinct 30-minute slots inside the providers' working hours (weekdays 09:00–17:00,
 * Berlin, UTC+1 throughout March 2030), one sequence per bookable, so holds never collide.
 */
export class SlotClock {
  private readonly used = new Map<string, number>();

  next(bookableId: string): string {
    const n = this.used.get(bookableId) ?? 0;
    this.used.set(bookableId, n + 1);
    const day = Math.floor(n / 16);
    const slot = n % 16;
    if (day >= 20) throw new Error(`SlotClock: no slots left for ${bookableId}`);
    const date = new Date(Date.UTC(2030, 2, 4 + Math.floor(day / 5) * 7 + (day % 5)));
    const minutes = 9 * 60 + slot * 30;
    const hh = String(Math.floor(minutes / 60)).padStart(2, '0');
    const mm = String(minutes % 60).padStart(2, '0');
    return `${date.toISOString().slice(0, 10)}T${hh}:${mm}:00+01:00`;
  }
}

/** Distinct far-future days (2031 onwards) for overrides and blocks, clear of every booking slot. */
export class DayCounter {
  private n = 0;

  next(): string {
    return new Date(Date.UTC(2031, 0, 5) + this.n++ * 86_400_000).toISOString().slice(0, 10);
  }
}

/** Names unique to this run, so rows created by concurrent test files never clash. */
let counter = 0;
export function unique(prefix: string): string {
  return `${prefix} ${Date.now().toString(36)}-${(counter++).toString(36)}`;
}
