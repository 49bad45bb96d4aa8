import { IANAZone } from 'luxon';
import { localDateOf, toLocalIso, wallMinuteInstants, zoneOffsetMinutes } from '../../src/domain/shared/time';

const HOUR_MS = 3_600_000;
const STEP_MS = 6 * HOUR_MS;
/** Zones with offset changes (half-hour moves, negative DST, southern hemisphere), and three without (Tehran dropped DST in 2022). */
const changing = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Santiago', 'Africa/Casablanca', 'Europe/Dublin', 'America/St_Johns'];
const zones = [...changing, 'Asia/Kolkata', 'Asia/Tehran', 'UTC'];

/** Every instant at which the zone's offset changes in [from, to), found with the date library (no zone changes twice in six hours). */
function transitions(zone: string, from: number, to: number): number[] {
  const tz = IANAZone.create(zone);
  const found: number[] = [];
  for (let step = from; step < to; step += STEP_MS) {
    if (tz.offset(step) === tz.offset(step + STEP_MS)) continue;
    let low = step;
    let high = step + STEP_MS;
    while (high - low > 1) {
      const mid = Math.floor((low + high) / 2);
      if (tz.offset(mid) === tz.offset(step)) low = mid;
      else high = mid;
    }
    found.push(high);
  }
  return found;
}

describe('zone offsets read once per UTC day', () => {
  it.each(zones)('agree with the date library to the millisecond around every change of %s from 2024 to 2031', (zone) => {
    const tz = IANAZone.create(zone);
    const changes = transitions(zone, Date.UTC(2024, 0, 1), Date.UTC(2031, 0, 1));
    expect(changes.length > 0).toBe(changing.includes(zone));
    for (const change of changes) {
      for (const delta of [-HOUR_MS, -60_000, -1, 0, 1, 60_000, HOUR_MS, 13 * HOUR_MS]) {
        const instant = change + delta;
        expect([zone, instant, zoneOffsetMinutes(instant, zone)]).toEqual([zone, instant, tz.offset(instant)]);
      }
    }
  });

  it.each(zones)('render and date every quarter hour of 2030 in %s as the date library does', (zone) => {
    const tz = IANAZone.create(zone);
    for (let instant = Date.UTC(2030, 0, 1); instant < Date.UTC(2031, 0, 1); instant += 15 * 60_000) {
      const offset = tz.offset(instant);
      const local = new Date(instant + offset * 60_000).toISOString();
      if (zoneOffsetMinutes(instant, zone) !== offset || localDateOf(instant, zone) !== local.slice(0, 10)) {
        throw new Error(`${zone} at ${new Date(instant).toISOString()}: ${toLocalIso(new Date(instant), zone)} vs offset ${offset}`);
      }
    }
  });

  it('finds both instants of a repeated wall minute and none of a skipped one, on a day first seen at its change', () => {
    // Lord Howe moves by half an hour: 01:45 happens twice on 6 April 2030, 02:15 never on 6 October 2030.
    expect(wallMinuteInstants('2030-04-07', 105, 'Australia/Lord_Howe').map((d) => d.toISOString())).toEqual(['2030-04-06T14:45:00.000Z', '2030-04-06T15:15:00.000Z']);
    expect(wallMinuteInstants('2030-10-06', 135, 'Australia/Lord_Howe')).toEqual([]);
  });
});
