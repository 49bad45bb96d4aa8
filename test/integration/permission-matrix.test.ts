import { endpoints } from '../../src/http/openapi/endpoints';
import { request, type ApiResponse } from '../support/http-client';
import { mapLimit, principalLabel, principals, type Principal } from '../support/permission-fixtures';
import { buildWorld, type World } from '../support/permission-world';
import { snapshot, type TableState } from '../support/permission-snapshot';
import { TABLE } from '../support/permission-table';
import { Y, N, F, type Req, type Variant } from '../support/permission-variants';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Runs the role × endpoint permission matrix of test/support/permission-table.ts (its header explains
 * the semantics): one cell per endpoint × target × caller, reads in parallel, refused mutations one at
 * a time between snapshots of the organizations' tables, allowed mutations last.
 */

// ─────────────────────────────────────────────────────────────────────────────────────────────
// Cells: one per endpoint × target × caller.

const successStatus = new Map(endpoints.map((e) => [`${e.method.toUpperCase()} ${e.path}`, e.success.status]));

interface Cell {
  id: number;
  name: string;
  endpoint: string;
  method: string;
  path: string;
  variant: Variant;
  principal: Principal;
  /** The exact status expected. */
  status: number;
  code?: 'FORBIDDEN' | 'NOT_FOUND';
  mutates: boolean;
}

const cells: Cell[] = Object.entries(TABLE).flatMap(([endpoint, variants]) =>
  variants.flatMap((variant) =>
    principals.map((principal, i) => {
      const [method, path] = endpoint.split(' ') as [string, string];
      const outcome = variant.outcomes[i]!;
      const status = outcome === Y ? (successStatus.get(endpoint) ?? 200) : outcome;
      const code = outcome === F ? ('FORBIDDEN' as const) : outcome === N ? ('NOT_FOUND' as const) : undefined;
      return { endpoint, method, path, variant, principal, status, code, mutates: method !== 'GET' } as Omit<Cell, 'id' | 'name'>;
    }),
  ),
).map((cell, id) => ({ ...cell, id, name: `${cell.endpoint} [${cell.variant.target}] as ${principalLabel[cell.principal]} → ${cell.status}${cell.code ? ` ${cell.code}` : ''}` }));

function urlOf(cell: Cell, req: Req): string {
  const path = cell.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = req.params?.[name];
    if (value === undefined) throw new Error(`${cell.name}: no value for {${name}}`);
    return encodeURIComponent(value);
  });
  const query = req.query ? `?${new URLSearchParams(req.query).toString()}` : '';
  return path + query;
}

/** The tables whose rows differ between two snapshots, with their row counts: `bookables (12 → 13 rows)`. */
function changedTables(before: Record<string, TableState>, after: Record<string, TableState>): string[] {
  return [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter((table) => before[table]?.rows !== after[table]?.rows || before[table]?.checksum !== after[table]?.checksum)
    .map((table) => `${table} (${before[table]?.rows ?? 0} → ${after[table]?.rows ?? 0} rows)`);
}

interface CellResult {
  response?: ApiResponse;
  /** Set up or request failure (not an assertion). */
  error?: unknown;
  before?: Record<string, TableState>;
  after?: Record<string, TableState>;
  refusedCheck?: unknown;
}

describe('permission matrix: every endpoint × every role (spec §6)', () => {
  let app: TestApp;
  let w: World;
  const results = new Map<number, CellResult>();
  let readsBefore: Record<string, TableState>;
  let readsAfter: Record<string, TableState>;

  beforeAll(async () => {
    app = await startTestApp();
    w = await buildWorld(app.baseUrl, app.stripeWebhookSecret);

    // 1. Each cell builds its request, creating fresh rows where it will change something.
    const prepared = await mapLimit(cells, 24, async (cell) => {
      try {
        return await cell.variant.request(w, cell.principal, !cell.code);
      } catch (error) {
        results.set(cell.id, { error });
        return undefined;
      }
    });
    const send = async (cell: Cell): Promise<ApiResponse | undefined> => {
      const req = prepared[cell.id];
      if (!req) return undefined;
      try {
        return await request(w.baseUrl, cell.method, urlOf(cell, req), { token: req.token ?? w.token(cell.principal), body: req.body });
      } catch (error) {
        results.set(cell.id, { error });
        return undefined;
      }
    };

    // 2. Reads, in parallel: nothing else writes meanwhile, so the organizations must not change.
    readsBefore = await snapshot(app.db, w.orgIds);
    await mapLimit(
      cells.filter((c) => !c.mutates),
      16,
      async (cell) => {
        const response = await send(cell);
        if (response) results.set(cell.id, { response });
      },
    );
    readsAfter = await snapshot(app.db, w.orgIds);

    // 3. Mutations expected to be refused, one at a time, each between two snapshots (the one after
    //    a cell is the one before the next: nothing else writes meanwhile).
    let before = await snapshot(app.db, w.orgIds);
    for (const cell of cells.filter((c) => c.mutates && c.code)) {
      const response = await send(cell);
      if (!response) continue;
      const after = await snapshot(app.db, w.orgIds);
      let refusedCheck: unknown;
      try {
        await cell.variant.checkRefused?.({ w, app }, prepared[cell.id]!);
      } catch (error) {
        refusedCheck = error;
      }
      results.set(cell.id, { response, before, after, refusedCheck });
      before = after;
    }

    // 4. Mutations expected to succeed, each on its own fresh rows, in parallel.
    await mapLimit(
      cells.filter((c) => c.mutates && !c.code),
      8,
      async (cell) => {
        const response = await send(cell);
        if (response) results.set(cell.id, { response });
      },
    );
  }, 900_000);

  afterAll(() => app?.stop());

  it('has a row for every /api/v1 endpoint of the OpenAPI registry (and none for an endpoint it lacks)', () => {
    const registered = endpoints.filter((e) => e.path.startsWith('/api/v1/')).map((e) => `${e.method.toUpperCase()} ${e.path}`);
    const inTable = Object.keys(TABLE);
    expect({ missingFromMatrix: registered.filter((k) => !inTable.includes(k)), notInRegistry: inTable.filter((k) => !registered.includes(k)) }).toEqual({
      missingFromMatrix: [],
      notInRegistry: [],
    });
  });

  it("points every endpoint that takes a tenant's row at another organization too", () => {
    const withoutOtherTenant = Object.entries(TABLE)
      .filter(([, variants]) => !variants.some((v) => v.target === 'another organization'))
      .map(([endpoint]) => endpoint);
    expect(withoutOtherTenant).toEqual(['POST /api/v1/organizations', 'GET /api/v1/organizations']);
  });

  it('changes nothing while only reading', () => {
    expect(changedTables(readsBefore, readsAfter)).toEqual([]);
  });

  it.each(cells)('$name', (cell) => {
    const result = results.get(cell.id);
    if (!result || result.error) throw result?.error ?? new Error('the request was never sent');
    const { status, body } = result.response!;
    if (!cell.code) {
      expect({ status, error: body?.error }).toEqual({ status: cell.status, error: undefined });
      cell.variant.checkAllowed?.(result.response!, w, cell.principal);
      return;
    }
    if (!cell.mutates) {
      expect({ status, code: body?.error?.code }).toEqual({ status: cell.status, code: cell.code });
      return;
    }
    // A refused mutation leaves every row of the organizations as it was.
    expect({ status, code: body?.error?.code, changedTables: changedTables(result.before!, result.after!) }).toEqual({ status: cell.status, code: cell.code, changedTables: [] });
    if (result.refusedCheck) throw result.refusedCheck;
  });
});
