/**
 * `npm run bench`: latency of the booking path on this machine, against real PostgreSQL and the real
 * Temporal dev server. Timings are noisy, so each figure is also given as a ratio to a baseline
 * measured in the same run: an authenticated read (GET /organizations/:id) through the same stack.
 */
import { mondayAt, reservationBody, setUpClinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { runWithTestStack } from '../support/run-with-test-stack';
import type { TestApp } from '../support/test-app';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 40);

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const started = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - started) / 1e6;
}

async function main(app: TestApp): Promise<void> {
  const clinic = await setUpClinic(app.baseUrl);
  const owner = apiClient(app.baseUrl, clinic.owner.token);
  const samples = { baseline: [] as number[], hold: [] as number[], confirm: [] as number[], cancel: [] as number[] };
  for (let i = 0; i < ROUNDS; i++) {
    const minutes = 9 * 60 + (i % 16) * 30;
    const day = Math.floor(i / 16);
    const wall = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
    const startsAt = mondayAt(wall).replace('2030-03-04', `2030-03-${String(4 + day).padStart(2, '0')}`);
    samples.baseline.push(await time(() => owner.get(`/organizations/${clinic.orgId}`)));
    let reservationId = '';
    samples.hold.push(await time(async () => (reservationId = (await owner.post('/reservations', reservationBody(clinic, startsAt))).body.id)));
    let bookingId = '';
    samples.confirm.push(await time(async () => (bookingId = (await owner.patch(`/reservations/${reservationId}/confirm`)).body.id)));
    samples.cancel.push(await time(() => owner.delete(`/bookings/${bookingId}`)));
  }
  const base = percentile(samples.baseline, 50);
  process.stdout.write(`\nbooking path, ${ROUNDS} rounds (ms; ratio = p50 / baseline p50)\n`);
  for (const [name, values] of Object.entries(samples)) {
    const p50 = percentile(values, 50);
    process.stdout.write(`${name.padEnd(9)} p50 ${p50.toFixed(1).padStart(7)}  p95 ${percentile(values, 95).toFixed(1).padStart(7)}  ratio ${(p50 / base).toFixed(1)}x\n`);
  }
}

runWithTestStack(main);
