/**
 * `npm run bench` (second part): how fast slot search is for a busy centre, against real PostgreSQL
 * and the real API. A 60-minute treatment needs one therapist, one treatment room and one laser,
 * chosen by tag (round robin); calendars are Mon–Sat 08:00–20:00 in London; the search covers 28
 * days (across the spring-forward night) on a 15-minute grid.
 *
 * - baseline: 50 therapists, 10 rooms, 20 lasers, 5,000 bookings (1,300 in the window: about two a
 *   day per bookable, the rest in the past weeks);
 * - history ×10: the same centre after 45,000 more bookings in the past (the window is unchanged);
 * - bookables ×2: another centre with 100 / 20 / 40 and twice the bookings, in the window and before.
 *
 * Each is measured in-process (loading the engine's input from the database, then the engine alone,
 * then presenting and serializing the answer) and over HTTP on loopback as a staff member.
 * Timings are noisy, so every figure follows warm-up rounds, and the ratios compare medians.
 */
import os from 'node:os';
import { findSlots } from '../../src/domain/availability/engine/find-slots';
import { findServiceTemplate } from '../../src/db/queries/service-template.queries';
import { currentService, presentSlot, slotSearchInput, type SlotQuery } from '../../src/http/routes/slot-search';
import { toLocalIso } from '../../src/domain/shared/time';
import { runWithTestStack } from '../support/run-with-test-stack';
import type { TestApp } from '../support/test-app';
import { createCentre, insertBookings, openDates, openDatesBefore, ZONE, type Centre, type CentreSize } from './availability-seed';

const ROUNDS = Math.min(200, Math.max(30, Number(process.env.BENCH_ROUNDS ?? 60)));
// Enough warm-up for the JIT, the connection pool and each connection's catalogue caches: the first scenario measured is not the first code run.
const WARM_UP = 10;
const LIMIT = 1000;
/** 28 local days from Monday 18 March 2030; London springs forward on Sunday 31 March. */
const WINDOW = { firstDate: '2030-03-18', endDate: '2030-04-15', from: '2030-03-18T00:00:00+00:00', to: '2030-04-15T00:00:00+01:00' };
const TARGETS = { apiP95Ms: 150, historyRatio: 1.3, bookablesRatio: 2.2 };

const BASE: CentreSize = { providers: 50, rooms: 10, assets: 20 };
const BASE_WINDOW_BOOKINGS = 1300;
const BASE_PAST_BOOKINGS = 3700;
const PAST_DAYS = 69;
const EXTRA_PAST_BOOKINGS = 45_000;
const EXTRA_PAST_DAYS = 834;

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => unknown): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function sample(fn: () => unknown): Promise<number[]> {
  for (let i = 0; i < WARM_UP; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < ROUNDS; i++) samples.push(await time(fn));
  return samples;
}

interface Figures {
  scenario: string;
  bookables: number;
  bookings: number;
  allocations: number;
  slots: number;
  bytes: number;
  load: number[];
  engine: number[];
  json: number[];
  api: number[];
  loadAverage: string;
}

async function measure(app: TestApp, centre: Centre, scenario: string): Promise<Figures> {
  const template = await findServiceTemplate(app.db, centre.orgId, centre.templateId);
  if (!template) throw new Error('the service template is missing');
  const query: SlotQuery = { organizationId: centre.orgId, template: currentService(template), from: new Date(WINDOW.from), to: new Date(WINDOW.to), now: new Date() };
  const input = await slotSearchInput(app.db, query);
  const slots = findSlots(input);
  const url = `${app.baseUrl}/api/v1/search/availability?${new URLSearchParams({ organizationId: centre.orgId, serviceTemplateId: centre.templateId, from: WINDOW.from, to: WINDOW.to, limit: String(LIMIT) })}`;
  let bytes = 0;
  const get = async () => {
    const response = await fetch(url, { headers: { Authorization: `Bearer ${centre.staffToken}` } });
    const text = await response.text();
    if (response.status !== 200) throw new Error(`search failed: ${response.status} ${text}`);
    bytes = text.length;
  };
  const [bookings, allocations] = await Promise.all([
    app.db('bookings').where({ organizationId: centre.orgId }).count({ n: '*' }).first(),
    app.db('allocations').where({ organizationId: centre.orgId }).count({ n: '*' }).first(),
  ]);
  const figures: Figures = {
    scenario,
    bookables: input.bookables.length,
    bookings: Number(bookings?.n),
    allocations: Number(allocations?.n),
    slots: slots.length,
    bytes: 0,
    load: await sample(() => slotSearchInput(app.db, query)),
    engine: await sample(() => findSlots(input)),
    json: await sample(() => JSON.stringify({ slots: slots.slice(0, LIMIT).map((slot) => presentSlot(slot)), truncated: slots.length > LIMIT })),
    api: await sample(get),
    loadAverage: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
  figures.bytes = bytes;
  process.stdout.write(`measured ${scenario}: API p50 ${percentile(figures.api, 50).toFixed(1)} ms (load average ${figures.loadAverage})\n`);
  return figures;
}

async function seeded<T>(what: string, fn: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await fn();
  process.stdout.write(`${what} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return result;
}

async function main(app: TestApp): Promise<void> {
  const now = new Date();
  const today = toLocalIso(now, ZONE).slice(0, 10);
  const windowDates = openDates(WINDOW.firstDate, WINDOW.endDate);
  const pastDates = openDatesBefore(today, PAST_DAYS);
  const olderDates = openDatesBefore(pastDates[pastDates.length - 1]!, EXTRA_PAST_DAYS);
  const seed = async (centre: Centre, scale: number) => {
    await insertBookings(app.db, centre, { dates: windowDates, count: BASE_WINDOW_BOOKINGS * scale, past: false, now });
    await insertBookings(app.db, centre, { dates: pastDates, count: BASE_PAST_BOOKINGS * scale, past: true, now });
  };

  const centre = await seeded('baseline centre (API) and 5,000 bookings (SQL)', async () => {
    const created = await createCentre(app.baseUrl, 'Baseline Laser Clinic', BASE);
    await seed(created, 1);
    return created;
  });
  const baseline = await measure(app, centre, 'baseline');

  await seeded('45,000 more past bookings', () => insertBookings(app.db, centre, { dates: olderDates, count: EXTRA_PAST_BOOKINGS, past: true, now }));
  const history = await measure(app, centre, 'history x10');

  const doubled = await seeded('doubled centre (API) and 10,000 bookings (SQL)', async () => {
    const created = await createCentre(app.baseUrl, 'Doubled Laser Clinic', { providers: BASE.providers * 2, rooms: BASE.rooms * 2, assets: BASE.assets * 2 });
    await seed(created, 2);
    return created;
  });
  const bookables = await measure(app, doubled, 'bookables x2');

  report([baseline, history, bookables]);
}

function report(rows: Figures[]): void {
  const [baseline, history, bookables] = rows as [Figures, Figures, Figures];
  const p = (values: number[]) => `${percentile(values, 50).toFixed(1).padStart(6)} ${percentile(values, 95).toFixed(1).padStart(6)}`;
  const ratio = (row: Figures, key: 'api' | 'engine' | 'load') => percentile(row[key], 50) / percentile(baseline[key], 50);
  const out = process.stdout;
  out.write(`\navailability search: 28 days (${WINDOW.from} to ${WINDOW.to}, ${ZONE}), 15-minute grid, 60-minute service needing a therapist, a room and a laser\n`);
  out.write(`${ROUNDS} rounds after ${WARM_UP} warm-up rounds each, sequential (ms, p50 p95); ratios compare p50 with the baseline; cores ${os.cpus().length}\n`);
  out.write(`${'scenario'.padEnd(13)} ${'bookables'.padStart(9)} ${'bookings'.padStart(8)} ${'allocs'.padStart(6)} ${'slots'.padStart(5)} ${'KiB'.padStart(5)} |   load(db)   |    engine    |  json  |      API      | API x  engine x | load avg\n`);
  for (const row of rows) {
    out.write(
      `${row.scenario.padEnd(13)} ${String(row.bookables).padStart(9)} ${String(row.bookings).padStart(8)} ${String(row.allocations).padStart(6)} ${String(row.slots).padStart(5)} ${(row.bytes / 1024).toFixed(0).padStart(5)} | ${p(row.load)} | ${p(row.engine)} | ${percentile(row.json, 50).toFixed(1).padStart(6)} | ${p(row.api)} | ${ratio(row, 'api').toFixed(2).padStart(5)} ${ratio(row, 'engine').toFixed(2).padStart(7)}  | ${row.loadAverage}\n`,
    );
  }
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'FAIL');
  const apiP95 = percentile(baseline.api, 95);
  out.write('\ntargets\n');
  out.write(`  API p95 at baseline          <= ${TARGETS.apiP95Ms} ms : ${apiP95.toFixed(1)} ms  ${verdict(apiP95 <= TARGETS.apiP95Ms)}\n`);
  out.write(`  history x10 / baseline (API) <= ${TARGETS.historyRatio}x    : ${ratio(history, 'api').toFixed(2)}x    ${verdict(ratio(history, 'api') <= TARGETS.historyRatio)}\n`);
  out.write(`  bookables x2 / baseline (API) <= ${TARGETS.bookablesRatio}x   : ${ratio(bookables, 'api').toFixed(2)}x    ${verdict(ratio(bookables, 'api') <= TARGETS.bookablesRatio)}\n`);
}

runWithTestStack(main);
