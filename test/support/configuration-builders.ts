import type { Knex } from 'knex';
import { apiClient, signUp, type ApiResponse } from './http-client';

/** Helpers for the configuration tests: organizations built through the API, error checks and row counts. */

export type Api = ReturnType<typeof apiClient>;

/** A signed-up user with a client bound to their token. */
export interface Caller {
  token: string;
  userId: string;
  email: string;
  api: Api;
}

export async function newCaller(baseUrl: string, name: string): Promise<Caller> {
  const user = await signUp(baseUrl, name);
  return { ...user, api: apiClient(baseUrl, user.token) };
}

/** Fails with the response body when the status is not the expected one, so a broken set-up says why. */
export function expectStatus<T extends ApiResponse>(response: T, status: number, what: string): T {
  if (response.status !== status) throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  return response;
}

/** POSTs and returns the created body (201 expected). */
export async function create(api: Api, path: string, body: unknown, what = `POST ${path}`): Promise<any> {
  return expectStatus(await api.post(path, body), 201, what).body;
}

/** Signs a user up and adds them to the organization with `role`. */
export async function addMemberTo(baseUrl: string, owner: Caller, orgId: string, role: string, name = 'Chris Client'): Promise<Caller> {
  const user = await newCaller(baseUrl, name);
  expectStatus(await owner.api.post(`/organizations/${orgId}/members`, { email: user.email, role }), 201, `adding ${role}`);
  return user;
}

/** The paths of a VALIDATION_FAILED answer's fields, sorted. */
export function fieldPaths(response: ApiResponse): string[] {
  return ((response.body?.error?.details?.fields ?? []) as Array<{ path: string }>).map((f) => f.path).sort();
}

/** Status, code and field paths in one value, so a mismatch shows all three. */
export function validationOutcome(response: ApiResponse): { status: number; code: string | undefined; paths: string[] } {
  return { status: response.status, code: response.body?.error?.code, paths: fieldPaths(response) };
}

/** What a refused body should produce. */
export function refusedAt(...paths: string[]): { status: number; code: string; paths: string[] } {
  return { status: 400, code: 'VALIDATION_FAILED', paths: [...paths].sort() };
}

/** Weekday hours (Monday to Friday) `start`–`end`. */
export function weekdayHours(start = '09:00', end = '17:00') {
  const day = [{ start, end }];
  return { monday: day, tuesday: day, wednesday: day, thursday: day, friday: day };
}

/** Runs `work` over `items` in parallel batches of `size`, keeping order. */
export async function inBatches<T, R>(items: readonly T[], size: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    results.push(...(await Promise.all(items.slice(i, i + size).map((item, j) => work(item, i + j)))));
  }
  return results;
}

/** Reads every page of a keyset-paginated list (`data`, `nextCursor`). */
export async function readAllPages(api: Api, path: string): Promise<{ ids: string[]; pageSizes: number[] }> {
  const ids: string[] = [];
  const pageSizes: number[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 100; page++) {
    const separator = path.includes('?') ? '&' : '?';
    const response: ApiResponse = expectStatus(await api.get(cursor ? `${path}${separator}cursor=${encodeURIComponent(cursor)}` : path), 200, `GET ${path}`);
    ids.push(...response.body.data.map((item: { id: string }) => item.id));
    pageSizes.push(response.body.data.length);
    cursor = response.body.nextCursor;
    if (!cursor) return { ids, pageSizes };
  }
  throw new Error(`${path} did not end after 100 pages`);
}

const orgScopedTables = [
  'organization_memberships',
  'locations',
  'bookables',
  'bookable_categories',
  'calendars',
  'calendar_overrides',
  'calendar_blocks',
  'service_templates',
  'service_template_versions',
  'reservations',
  'bookings',
  'allocations',
];
const kindTables = ['providers', 'assets', 'venues', 'virtual_resources'];

/**
 * Row counts of the configuration tables, only for the given organizations (other test files share
 * the database and write in parallel), plus the organizations a user created.
 */
export async function rowCounts(db: Knex, orgIds: string[], creatorUserId: string): Promise<Record<string, number>> {
  const count = async (query: Knex.QueryBuilder) => Number((await query.count('* as n').first())!.n);
  const counts: Record<string, number> = {};
  counts.organizations = await count(db('organizations').whereIn('id', orgIds));
  counts.organizationsCreatedByUser = await count(db('organizations').where('created_by', creatorUserId));
  for (const table of orgScopedTables) counts[table] = await count(db(table).whereIn('organization_id', orgIds));
  for (const table of kindTables) {
    counts[table] = await count(db(table).whereIn('bookable_id', db('bookables').whereIn('organization_id', orgIds).select('id')));
  }
  return counts;
}
