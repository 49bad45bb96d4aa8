import { findSlots } from '../../../src/domain/availability/engine/find-slots';
import type { DateOverride } from '../../../src/domain/availability/calendar-config';
import type { EngineAllocation } from '../../../src/domain/availability/engine/engine-types';
import { nextLocalDate, toLocalIso, wallTimeToUtc } from '../../../src/domain/shared/time';
import { block, bookable, calendar, every, everyDay, search, service, spans, starts } from './engine-fixtures';

/**
 * Slot grids on the days clocks change. The grid is wall time: a wall time inside a spring-forward
 * gap does not exist and is never offered; a wall time repeated by a fall-back is offered at both
 * instants when the day's range covers it; an appointment lasts its real number of minutes.
 */

function slotsOn(zone: string, localDate: string, range: [string, string], durationMinutes: number, intervalMinutes: number, extra: { overrides?: DateOverride[]; allocations?: EngineAllocation[] } = {}) {
  const provider = bookable('p1', calendar(zone, everyDay(range), { overrides: extra.overrides ?? [] }), { allocations: extra.allocations ?? [] });
  const from = wallTimeToUtc(localDate, '00:00', zone).toISOString();
  const to = wallTimeToUtc(nextLocalDate(localDate), '00:00', zone).toISOString();
  return findSlots(search(from, to, service(durationMinutes, { slotIntervalMinutes: intervalMinutes }), [provider]));
}

const z = (hhmm: string, day: string) => `${day}T${hhmm}:00.000Z`;

describe('slots on DST transition days (exact UTC starts for a pattern spanning the change)', () => {
  // zone, local date, pattern, duration, interval, expected UTC starts
  const cases: Array<[string, string, string, [string, string], number, number, string[]]> = [
    // New York, spring forward 2026-03-08 02:00 EST → 03:00 EDT: 01:00 EST = 06:00Z, 04:00 EDT = 08:00Z (2 real hours).
    ['New York spring forward', 'America/New_York', '2026-03-08', ['01:00', '04:00'], 30, 30, ['06:00', '06:30', '07:00', '07:30'].map((t) => z(t, '2026-03-08'))],
    ['New York spring forward', 'America/New_York', '2026-03-08', ['01:00', '04:00'], 30, 15, ['06:00', '06:15', '06:30', '06:45', '07:00', '07:15', '07:30'].map((t) => z(t, '2026-03-08'))],
    ['New York spring forward', 'America/New_York', '2026-03-08', ['01:00', '04:00'], 60, 30, ['06:00', '06:30', '07:00'].map((t) => z(t, '2026-03-08'))],
    ['New York spring forward', 'America/New_York', '2026-03-08', ['01:00', '04:00'], 60, 15, ['06:00', '06:15', '06:30', '06:45', '07:00'].map((t) => z(t, '2026-03-08'))],
    // 02:00 does not exist: an hourly grid has 01:00 and 03:00 only.
    ['New York spring forward', 'America/New_York', '2026-03-08', ['01:00', '04:00'], 60, 60, ['06:00', '07:00'].map((t) => z(t, '2026-03-08'))],
    // New York, fall back 2026-11-01 02:00 EDT → 01:00 EST: 00:00 EDT = 04:00Z, 03:00 EST = 08:00Z (4 real hours, 01:xx twice).
    ['New York fall back', 'America/New_York', '2026-11-01', ['00:00', '03:00'], 30, 30, every(30, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')],
    ['New York fall back', 'America/New_York', '2026-11-01', ['00:00', '03:00'], 30, 15, every(15, '2026-11-01T04:00:00Z', '2026-11-01T07:45:00Z')],
    ['New York fall back', 'America/New_York', '2026-11-01', ['00:00', '03:00'], 60, 30, every(30, '2026-11-01T04:00:00Z', '2026-11-01T07:30:00Z')],
    ['New York fall back', 'America/New_York', '2026-11-01', ['00:00', '03:00'], 60, 15, every(15, '2026-11-01T04:00:00Z', '2026-11-01T07:15:00Z')],
    ['New York fall back', 'America/New_York', '2026-11-01', ['00:00', '03:00'], 60, 60, every(60, '2026-11-01T04:00:00Z', '2026-11-01T08:00:00Z')],
    // London, spring forward 2026-03-29 01:00 GMT → 02:00 BST: 00:00 GMT = 00:00Z, 03:00 BST = 02:00Z.
    ['London spring forward', 'Europe/London', '2026-03-29', ['00:00', '03:00'], 30, 30, ['00:00', '00:30', '01:00', '01:30'].map((t) => z(t, '2026-03-29'))],
    ['London spring forward', 'Europe/London', '2026-03-29', ['00:00', '03:00'], 30, 15, ['00:00', '00:15', '00:30', '00:45', '01:00', '01:15', '01:30'].map((t) => z(t, '2026-03-29'))],
    ['London spring forward', 'Europe/London', '2026-03-29', ['00:00', '03:00'], 60, 30, ['00:00', '00:30', '01:00'].map((t) => z(t, '2026-03-29'))],
    ['London spring forward', 'Europe/London', '2026-03-29', ['00:00', '03:00'], 60, 15, ['00:00', '00:15', '00:30', '00:45', '01:00'].map((t) => z(t, '2026-03-29'))],
    // London, fall back 2026-10-25 02:00 BST → 01:00 GMT: 00:00 BST = 23:00Z the day before, 03:00 GMT = 03:00Z.
    ['London fall back', 'Europe/London', '2026-10-25', ['00:00', '03:00'], 30, 30, every(30, '2026-10-24T23:00:00Z', '2026-10-25T03:00:00Z')],
    ['London fall back', 'Europe/London', '2026-10-25', ['00:00', '03:00'], 30, 15, every(15, '2026-10-24T23:00:00Z', '2026-10-25T02:45:00Z')],
    ['London fall back', 'Europe/London', '2026-10-25', ['00:00', '03:00'], 60, 30, every(30, '2026-10-24T23:00:00Z', '2026-10-25T02:30:00Z')],
    ['London fall back', 'Europe/London', '2026-10-25', ['00:00', '03:00'], 60, 15, every(15, '2026-10-24T23:00:00Z', '2026-10-25T02:15:00Z')],
    // Sydney, fall back in April: 2026-04-05 03:00 AEDT → 02:00 AEST: 01:00 AEDT = 14:00Z (Apr 4), 04:00 AEST = 18:00Z.
    ['Sydney fall back (April)', 'Australia/Sydney', '2026-04-05', ['01:00', '04:00'], 30, 30, every(30, '2026-04-04T14:00:00Z', '2026-04-04T18:00:00Z')],
    ['Sydney fall back (April)', 'Australia/Sydney', '2026-04-05', ['01:00', '04:00'], 30, 15, every(15, '2026-04-04T14:00:00Z', '2026-04-04T17:45:00Z')],
    ['Sydney fall back (April)', 'Australia/Sydney', '2026-04-05', ['01:00', '04:00'], 60, 30, every(30, '2026-04-04T14:00:00Z', '2026-04-04T17:30:00Z')],
    ['Sydney fall back (April)', 'Australia/Sydney', '2026-04-05', ['01:00', '04:00'], 60, 15, every(15, '2026-04-04T14:00:00Z', '2026-04-04T17:15:00Z')],
    // Sydney, spring forward in October: 2026-10-04 02:00 AEST → 03:00 AEDT: 01:00 AEST = 15:00Z (Oct 3), 04:00 AEDT = 17:00Z.
    ['Sydney spring forward (October)', 'Australia/Sydney', '2026-10-04', ['01:00', '04:00'], 30, 30, ['15:00', '15:30', '16:00', '16:30'].map((t) => z(t, '2026-10-03'))],
    ['Sydney spring forward (October)', 'Australia/Sydney', '2026-10-04', ['01:00', '04:00'], 30, 15, ['15:00', '15:15', '15:30', '15:45', '16:00', '16:15', '16:30'].map((t) => z(t, '2026-10-03'))],
    ['Sydney spring forward (October)', 'Australia/Sydney', '2026-10-04', ['01:00', '04:00'], 60, 30, ['15:00', '15:30', '16:00'].map((t) => z(t, '2026-10-03'))],
    ['Sydney spring forward (October)', 'Australia/Sydney', '2026-10-04', ['01:00', '04:00'], 60, 15, ['15:00', '15:15', '15:30', '15:45', '16:00'].map((t) => z(t, '2026-10-03'))],
    // No DST: Tokyo (+09:00) on the New York spring-forward date; Kolkata (+05:30).
    ['Tokyo (no DST)', 'Asia/Tokyo', '2026-03-08', ['01:00', '04:00'], 30, 30, every(30, '2026-03-07T16:00:00Z', '2026-03-07T19:00:00Z')],
    ['Tokyo (no DST)', 'Asia/Tokyo', '2026-03-08', ['01:00', '04:00'], 30, 15, every(15, '2026-03-07T16:00:00Z', '2026-03-07T18:45:00Z')],
    ['Tokyo (no DST)', 'Asia/Tokyo', '2026-03-08', ['01:00', '04:00'], 60, 30, every(30, '2026-03-07T16:00:00Z', '2026-03-07T18:30:00Z')],
    ['Tokyo (no DST)', 'Asia/Tokyo', '2026-03-08', ['01:00', '04:00'], 60, 15, every(15, '2026-03-07T16:00:00Z', '2026-03-07T18:15:00Z')],
    ['Kolkata (no DST)', 'Asia/Kolkata', '2026-10-25', ['01:00', '04:00'], 60, 60, ['19:30', '20:30', '21:30'].map((t) => z(t, '2026-10-24'))],
  ];

  it.each(cases)('%s (%s %s, %j): %i-min service every %i min', (_label, zone, localDate, range, duration, interval, expected) => {
    const slots = slotsOn(zone, localDate, range, duration, interval);
    expect(starts(slots)).toEqual(expected);
    // Every appointment lasts its real length, even when its wall times are an hour further apart.
    for (const slot of slots) expect(slot.end.getTime() - slot.start.getTime()).toBe(duration * 60_000);
    expect(new Set(slots.map((slot) => slot.localDate))).toEqual(new Set([localDate]));
  });

  it.each([
    ['America/New_York', '2026-03-08', '02:'],
    ['Europe/London', '2026-03-29', '01:'],
    ['Australia/Sydney', '2026-10-04', '02:'],
  ])('never offers a wall time inside the %s gap on %s', (zone, localDate, gapHour) => {
    const slots = slotsOn(zone, localDate, ['00:00', '06:00'], 15, 15);
    const wallTimes = slots.map((slot) => toLocalIso(slot.start, zone).slice(11, 14));
    expect(slots).toHaveLength(5 * 4);
    expect(wallTimes).not.toContain(gapHour);
  });
});

describe('an appointment crossing the change keeps its real duration', () => {
  it.each([
    // 01:30 EST + 60 min = 03:30 EDT (two wall hours apart)
    ['America/New_York', '2026-03-08', '2026-03-08T06:30:00.000Z/2026-03-08T07:30:00.000Z', '2026-03-08T01:30:00.000-05:00', '2026-03-08T03:30:00.000-04:00'],
    // 01:30 EDT + 60 min = 01:30 EST (the same wall time)
    ['America/New_York', '2026-11-01', '2026-11-01T05:30:00.000Z/2026-11-01T06:30:00.000Z', '2026-11-01T01:30:00.000-04:00', '2026-11-01T01:30:00.000-05:00'],
    // 00:30 GMT + 60 min = 02:30 BST
    ['Europe/London', '2026-03-29', '2026-03-29T00:30:00.000Z/2026-03-29T01:30:00.000Z', '2026-03-29T00:30:00.000+00:00', '2026-03-29T02:30:00.000+01:00'],
    // 02:30 AEDT + 60 min = 02:30 AEST
    ['Australia/Sydney', '2026-04-05', '2026-04-04T15:30:00.000Z/2026-04-04T16:30:00.000Z', '2026-04-05T02:30:00.000+11:00', '2026-04-05T02:30:00.000+10:00'],
  ])('%s %s: %s', (zone, localDate, span, wallStart, wallEnd) => {
    const slots = slotsOn(zone, localDate, ['00:00', '06:00'], 60, 30);
    const slot = slots.find((s) => `${s.start.toISOString()}/${s.end.toISOString()}` === span);
    expect(slot).toBeDefined();
    expect([toLocalIso(slot!.start, zone), toLocalIso(slot!.end, zone)]).toEqual([wallStart, wallEnd]);
  });
});

describe('repeated wall times are offered twice only when the range covers them', () => {
  it.each([
    // 00:00–01:30 closes when the clock first shows 01:30 (05:30Z): the second 01:00 (06:00Z) is not offered.
    ['range ends inside the repeat', 'America/New_York', '2026-11-01', ['00:00', '01:30'], ['04:00', '04:30', '05:00'].map((t) => z(t, '2026-11-01'))],
    // 01:00–02:00 opens at the first 01:00 and closes at 02:00 EST: both 01:00 and both 01:30.
    ['range covers the whole repeat', 'America/New_York', '2026-11-01', ['01:00', '02:00'], ['05:00', '05:30', '06:00', '06:30'].map((t) => z(t, '2026-11-01'))],
    // 01:30–03:00: both 01:30s, but 01:00 EST (06:00Z) is not a wall time of the range.
    ['range starts inside the repeat', 'America/New_York', '2026-11-01', ['01:30', '03:00'], ['05:30', '06:30', '07:00', '07:30'].map((t) => z(t, '2026-11-01'))],
    ['range after the repeat', 'Europe/London', '2026-10-25', ['02:00', '03:00'], ['02:00', '02:30'].map((t) => z(t, '2026-10-25'))],
    ['range before the repeat', 'Australia/Sydney', '2026-04-05', ['01:00', '02:00'], ['14:00', '14:30'].map((t) => z(t, '2026-04-04'))],
  ])('%s: %s %s %j', (_label, zone, localDate, range, expected) => {
    expect(starts(slotsOn(zone, localDate, range as [string, string], 30, 30))).toEqual(expected);
  });

  it('a range starting inside a gap opens when the clocks reach it (02:30 → 03:30 EDT)', () => {
    expect(spans(slotsOn('America/New_York', '2026-03-08', ['02:30', '05:00'], 60, 60))).toEqual(['2026-03-08T07:30:00.000Z/2026-03-08T08:30:00.000Z']);
  });
});

describe('overrides and blocks on transition days', () => {
  const closed = (date: string): DateOverride => ({ date, kind: 'closed', recurringYearly: false });
  const hours = (date: string, start: string, end: string): DateOverride => ({ date, kind: 'modified_hours', ranges: [{ start, end, type: 'available' }], recurringYearly: false });

  it.each([
    ['closed spring-forward day', 'America/New_York', '2026-03-08', { overrides: [closed('2026-03-08')] }, 30, []],
    ['closed fall-back day', 'Australia/Sydney', '2026-04-05', { overrides: [closed('2026-04-05')] }, 30, []],
    // 01:30 EST–03:30 EDT is one real hour: 01:30 and 03:00 only.
    ['modified hours across the gap', 'America/New_York', '2026-03-08', { overrides: [hours('2026-03-08', '01:30', '03:30')] }, 30, ['06:30', '07:00'].map((t) => z(t, '2026-03-08'))],
    // 01:00 (first) – 02:00 GMT is two real hours: 01:00 BST, 01:00 GMT and the half hours in between.
    ['modified hours over the repeat', 'Europe/London', '2026-10-25', { overrides: [hours('2026-10-25', '01:00', '02:00')] }, 30, ['00:00', '00:30', '01:00', '01:30'].map((t) => z(t, '2026-10-25'))],
    // A block over the first 02:00–03:00 (AEDT) leaves the repeated hour (AEST) bookable.
    ['block over the first of the repeated hours', 'Australia/Sydney', '2026-04-05', { allocations: [block('2026-04-04T15:00:00Z', '2026-04-04T16:00:00Z')] }, 60, ['14:00', '16:00', '17:00'].map((t) => z(t, '2026-04-04'))],
    ['block after the gap', 'Australia/Sydney', '2026-10-04', { allocations: [block('2026-10-03T16:00:00Z', '2026-10-03T16:30:00Z')] }, 30, ['15:00', '15:30', '16:30'].map((t) => z(t, '2026-10-03'))],
  ])('%s', (_label, zone, localDate, extra, duration, expected) => {
    const range: [string, string] = ['01:00', '04:00'];
    expect(starts(slotsOn(zone, localDate, range, duration, duration, extra))).toEqual(expected);
  });
});
