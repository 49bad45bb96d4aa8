import { Settings } from 'luxon';
import { wallTimeToUtc } from '../../src/domain/shared/time';
import { LocalClock } from '../../src/domain/availability/engine/local-clock';
import { OpenHours } from '../../src/domain/availability/engine/open-hours';

/*
 * A wall time that happens twice (fall-back) must resolve to its first occurrence whatever the
 * process clock says. Luxon's own resolution guesses the offset from the zone's offset at
 * `Settings.now()`, so a naive conversion would depend on the season the process started in; these
 * tests pin luxon's clock to a winter and a summer instant to prove wallTimeToUtc does not.
 */

const januaryNow = Date.parse('2030-01-15T12:00:00Z'); // Berlin/New York standard time, Sydney/Chatham DST
const julyNow = Date.parse('2030-07-15T12:00:00Z'); // Berlin/New York DST, Sydney/Chatham standard time

const originalNow = Settings.now;
function pinClock(at: number): void {
  Settings.now = () => at;
  Settings.resetCaches(); // drop the cached per-zone offset guess
}
afterAll(() => {
  Settings.now = originalNow;
  Settings.resetCaches();
});

const ambiguous = [
  // zone, local date, wall time, first occurrence (documented), second occurrence
  ['Europe/Berlin', '2030-10-27', '02:30', '2030-10-27T00:30:00.000Z', '2030-10-27T01:30:00.000Z'],
  ['America/New_York', '2030-11-03', '01:30', '2030-11-03T05:30:00.000Z', '2030-11-03T06:30:00.000Z'],
  ['America/New_York', '2030-11-03', '01:00', '2030-11-03T05:00:00.000Z', '2030-11-03T06:00:00.000Z'],
  ['Australia/Sydney', '2030-04-07', '02:30', '2030-04-06T15:30:00.000Z', '2030-04-06T16:30:00.000Z'],
  ['Pacific/Chatham', '2030-04-07', '03:00', '2030-04-06T13:15:00.000Z', '2030-04-06T14:15:00.000Z'],
] as const;

describe('wallTimeToUtc on an ambiguous (fall-back) wall time', () => {
  describe.each([
    ['January', januaryNow],
    ['July', julyNow],
  ])('with the process clock in %s', (_month, now) => {
    beforeEach(() => pinClock(now));

    it.each(ambiguous)('%s %s %s resolves to its first occurrence %s', (zone, localDate, wallTime, first) => {
      expect(wallTimeToUtc(localDate, wallTime, zone).toISOString()).toBe(first);
    });

    it.each(ambiguous)('%s %s %s resolves to one of its two real occurrences', (zone, localDate, wallTime, first, second) => {
      expect([first, second]).toContain(wallTimeToUtc(localDate, wallTime, zone).toISOString());
    });
  });

  // The user-visible effect: a schedule edge on the repeated hour opens a different window depending on
  // the season the server was started in. A provider working 01:30–04:00 in New York on 2030-11-03.
  // Expected (first occurrence): 05:30Z–09:00Z, 3.5 real hours, not 06:30Z (losing 01:30–02:00 EDT).
  it.each([
    ['January', januaryNow],
    ['July', julyNow],
  ])('a window starting on the repeated hour does not depend on the clock (%s)', (_month, now) => {
    pinClock(now);
    const windows = new OpenHours({ weeklySchedule: { sunday: [{ start: '01:30', end: '04:00' }] }, overrides: [] }, new LocalClock('America/New_York'), Date.parse('2030-11-03T00:00:00Z'), Date.parse('2030-11-04T00:00:00Z')).windows();
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([['2030-11-03T05:30:00.000Z', '2030-11-03T09:00:00.000Z']]);
  });

  // Gap (spring-forward) resolution, by contrast, is the same whatever the clock says.
  it.each([
    ['January', januaryNow],
    ['July', julyNow],
  ])('a gap wall time moves forward regardless of the clock (%s)', (_month, now) => {
    pinClock(now);
    expect(wallTimeToUtc('2030-03-31', '02:30', 'Europe/Berlin').toISOString()).toBe('2030-03-31T01:30:00.000Z');
    expect(wallTimeToUtc('2030-03-10', '02:30', 'America/New_York').toISOString()).toBe('2030-03-10T07:30:00.000Z');
    expect(wallTimeToUtc('2030-10-06', '02:30', 'Australia/Sydney').toISOString()).toBe('2030-10-05T16:30:00.000Z');
  });
});
