import { fitsWindows, freeSlots, slotAt, type SlotShape } from '../../src/domain/availability/slots';
import { scheduleWindows } from '../../src/domain/availability/weekly-schedule';
import type { TimeRange } from '../../src/domain/shared/ranges';
import { toLocalIso } from '../../src/domain/shared/time';

const at = (iso: string) => new Date(iso);
const range = (start: string, end: string): TimeRange => ({ start: at(start), end: at(end) });
const shape = (durationMinutes: number, bufferBeforeMinutes = 0, bufferAfterMinutes = 0): SlotShape => ({ durationMinutes, bufferBeforeMinutes, bufferAfterMinutes });
const starts = (slots: TimeRange[]) => slots.map((s) => s.start.toISOString());

describe('slotAt', () => {
  it.each([
    // start, shape, end, blockedStart, blockedEnd
    ['2030-03-04T09:00:00Z', shape(30), '2030-03-04T09:30:00.000Z', '2030-03-04T09:00:00.000Z', '2030-03-04T09:30:00.000Z'],
    ['2030-03-04T09:00:00Z', shape(30, 10, 15), '2030-03-04T09:30:00.000Z', '2030-03-04T08:50:00.000Z', '2030-03-04T09:45:00.000Z'],
    ['2030-03-04T23:45:00Z', shape(60, 0, 30), '2030-03-05T00:45:00.000Z', '2030-03-04T23:45:00.000Z', '2030-03-05T01:15:00.000Z'],
    // absolute minutes across the Berlin gap: 01:30 CET + 60 min = 03:30 CEST
    ['2030-03-31T00:30:00Z', shape(60, 5, 5), '2030-03-31T01:30:00.000Z', '2030-03-31T00:25:00.000Z', '2030-03-31T01:35:00.000Z'],
  ])('%s with %j', (start, slotShape, end, blockedStart, blockedEnd) => {
    const slot = slotAt(at(start), slotShape);
    expect([slot.start, slot.end, slot.blockedStart, slot.blockedEnd].map((d) => d.toISOString())).toEqual([
      new Date(start).toISOString(),
      end,
      blockedStart,
      blockedEnd,
    ]);
  });
});

describe('fitsWindows', () => {
  const windows = [range('2030-03-04T09:00:00Z', '2030-03-04T12:00:00Z'), range('2030-03-04T12:00:00Z', '2030-03-04T15:00:00Z')];
  it.each([
    ['exactly the first window', '09:00', '12:00', true],
    ['starting at the window start', '09:00', '09:30', true],
    ['ending at the window end', '11:30', '12:00', true],
    ['one minute early', '08:59', '09:29', false],
    ['one minute past the end of the last window', '14:31', '15:01', false],
    ['spanning two touching windows (must fit inside ONE window)', '11:30', '12:30', false],
    ['entirely outside', '16:00', '16:30', false],
  ])('%s → %s', (_label, start, end, expected) => {
    expect(fitsWindows(range(`2030-03-04T${start}:00Z`, `2030-03-04T${end}:00Z`), windows)).toBe(expected);
  });

  it('is false with no windows', () => {
    expect(fitsWindows(range('2030-03-04T09:00:00Z', '2030-03-04T09:30:00Z'), [])).toBe(false);
  });
});

describe('freeSlots', () => {
  const nineToTen = [range('2030-03-04T09:00:00Z', '2030-03-04T10:00:00Z')];
  const early = at('2030-03-01T00:00:00Z');
  const hhmm = (...times: string[]) => times.map((t) => `2030-03-04T${t}:00.000Z`);

  it.each([
    // label, shape, step, busy, notBefore, expected starts
    ['30 min, step 15', shape(30), 15, [], early, hhmm('09:00', '09:15', '09:30')],
    ['30 min, step 30', shape(30), 30, [], early, hhmm('09:00', '09:30')],
    ['60 min fills the window exactly', shape(60), 15, [], early, hhmm('09:00')],
    ['61 min does not fit', shape(61), 15, [], early, []],
    ['buffers may lie outside the window', shape(30, 20, 20), 15, [], early, hhmm('09:00', '09:15', '09:30')],
    ['step larger than duration', shape(20), 25, [], early, hhmm('09:00', '09:25')],
    ['notBefore mid-step skips earlier starts', shape(30), 15, [], at('2030-03-04T09:10:00Z'), hhmm('09:15', '09:30')],
    ['notBefore exactly on a start keeps it', shape(30), 15, [], at('2030-03-04T09:15:00Z'), hhmm('09:15', '09:30')],
    ['notBefore after the last start', shape(30), 15, [], at('2030-03-04T09:31:00Z'), []],
    ['busy inside removes overlapping starts', shape(30), 15, [range('2030-03-04T09:20:00Z', '2030-03-04T09:25:00Z')], early, hhmm('09:30')],
    ['busy ending at a slot start (adjacent, half-open) blocks nothing', shape(30), 30, [range('2030-03-04T08:00:00Z', '2030-03-04T09:00:00Z')], early, hhmm('09:00', '09:30')],
    ['busy starting at a slot end (adjacent) blocks nothing', shape(30), 30, [range('2030-03-04T10:00:00Z', '2030-03-04T11:00:00Z')], early, hhmm('09:00', '09:30')],
    ['busy overlapping the first slot by one minute', shape(30), 30, [range('2030-03-04T08:00:00Z', '2030-03-04T09:01:00Z')], early, hhmm('09:30')],
    ['buffer before reaches into an earlier busy range', shape(30, 5), 30, [range('2030-03-04T08:00:00Z', '2030-03-04T09:00:00Z')], early, hhmm('09:30')],
    ['buffer after reaches into a later busy range', shape(30, 0, 10), 15, [range('2030-03-04T10:00:00Z', '2030-03-04T10:30:00Z')], early, hhmm('09:00', '09:15')],
    ['buffer after ending exactly at busy start is fine', shape(30, 0, 15), 15, [range('2030-03-04T10:00:00Z', '2030-03-04T10:30:00Z')], early, hhmm('09:00', '09:15')],
    ['buffer before starting exactly at busy end is fine', shape(30, 10), 30, [range('2030-03-04T08:00:00Z', '2030-03-04T08:50:00Z')], early, hhmm('09:00', '09:30')],
  ])('%s', (_label, slotShape, stepMinutes, busy, notBefore, expected) => {
    expect(starts(freeSlots({ windows: nineToTen, shape: slotShape, stepMinutes, busy, notBefore }))).toEqual(expected);
  });

  it('returns appointment and blocked span for each slot', () => {
    const slots = freeSlots({ windows: nineToTen, shape: shape(30, 10, 15), stepMinutes: 30, busy: [], notBefore: early });
    expect(slots.map((s) => [s.start, s.end, s.blockedStart, s.blockedEnd].map((d) => d.toISOString()))).toEqual([
      hhmm('09:00', '09:30', '08:50', '09:45'),
      hhmm('09:30', '10:00', '09:20', '10:15'),
    ]);
  });

  it('steps from each window start separately, in window order', () => {
    const windows = [range('2030-03-04T09:00:00Z', '2030-03-04T10:00:00Z'), range('2030-03-04T13:10:00Z', '2030-03-04T14:00:00Z')];
    const slots = freeSlots({ windows, shape: shape(30), stepMinutes: 20, busy: [], notBefore: early });
    expect(starts(slots)).toEqual(hhmm('09:00', '09:20', '13:10', '13:30'));
  });

  it('returns nothing without windows', () => {
    expect(freeSlots({ windows: [], shape: shape(30), stepMinutes: 15, busy: [], notBefore: early })).toEqual([]);
  });
});

describe('freeSlots on DST days (windows from scheduleWindows)', () => {
  const daySlots = (zone: string, wallStart: string, wallEnd: string, from: string, to: string) => {
    const windows = scheduleWindows({ sunday: [{ start: wallStart, end: wallEnd }] }, zone, at(from), at(to));
    return freeSlots({ windows, shape: shape(30), stepMinutes: 30, busy: [], notBefore: at('2030-01-01T00:00:00Z') });
  };
  const local = (slots: TimeRange[], zone: string) => slots.map((s) => toLocalIso(s.start, zone));

  it('New York fall-back 2030-11-03: a 00:00–03:00 window offers 01:30 twice, at two different instants', () => {
    const slots = daySlots('America/New_York', '00:00', '03:00', '2030-11-03T00:00:00Z', '2030-11-03T12:00:00Z');
    expect(starts(slots)).toEqual([
      '2030-11-03T04:00:00.000Z',
      '2030-11-03T04:30:00.000Z',
      '2030-11-03T05:00:00.000Z',
      '2030-11-03T05:30:00.000Z',
      '2030-11-03T06:00:00.000Z',
      '2030-11-03T06:30:00.000Z',
      '2030-11-03T07:00:00.000Z',
      '2030-11-03T07:30:00.000Z',
    ]);
    expect(local(slots, 'America/New_York')).toEqual([
      '2030-11-03T00:00:00.000-04:00',
      '2030-11-03T00:30:00.000-04:00',
      '2030-11-03T01:00:00.000-04:00',
      '2030-11-03T01:30:00.000-04:00',
      '2030-11-03T01:00:00.000-05:00',
      '2030-11-03T01:30:00.000-05:00',
      '2030-11-03T02:00:00.000-05:00',
      '2030-11-03T02:30:00.000-05:00',
    ]);
  });

  it('Berlin fall-back 2030-10-27: a 01:00–04:00 window has 8 half-hour slots, 02:30 twice', () => {
    const slots = daySlots('Europe/Berlin', '01:00', '04:00', '2030-10-26T12:00:00Z', '2030-10-27T12:00:00Z');
    expect(local(slots, 'Europe/Berlin')).toEqual([
      '2030-10-27T01:00:00.000+02:00',
      '2030-10-27T01:30:00.000+02:00',
      '2030-10-27T02:00:00.000+02:00',
      '2030-10-27T02:30:00.000+02:00',
      '2030-10-27T02:00:00.000+01:00',
      '2030-10-27T02:30:00.000+01:00',
      '2030-10-27T03:00:00.000+01:00',
      '2030-10-27T03:30:00.000+01:00',
    ]);
    expect(slots[3]!.start.toISOString()).toBe('2030-10-27T00:30:00.000Z');
    expect(slots[5]!.start.toISOString()).toBe('2030-10-27T01:30:00.000Z');
  });

  it.each([
    [
      'Berlin 2030-03-31',
      'Europe/Berlin',
      '01:00',
      '04:00',
      '2030-03-30T12:00:00Z',
      '2030-03-31T12:00:00Z',
      ['2030-03-31T01:00:00.000+01:00', '2030-03-31T01:30:00.000+01:00', '2030-03-31T03:00:00.000+02:00', '2030-03-31T03:30:00.000+02:00'],
    ],
    [
      'New York 2030-03-10',
      'America/New_York',
      '00:00',
      '04:00',
      '2030-03-10T00:00:00Z',
      '2030-03-10T12:00:00Z',
      [
        '2030-03-10T00:00:00.000-05:00',
        '2030-03-10T00:30:00.000-05:00',
        '2030-03-10T01:00:00.000-05:00',
        '2030-03-10T01:30:00.000-05:00',
        '2030-03-10T03:00:00.000-04:00',
        '2030-03-10T03:30:00.000-04:00',
      ],
    ],
    [
      'Sydney 2030-10-06',
      'Australia/Sydney',
      '01:00',
      '04:00',
      '2030-10-05T12:00:00Z',
      '2030-10-05T20:00:00Z',
      ['2030-10-06T01:00:00.000+10:00', '2030-10-06T01:30:00.000+10:00', '2030-10-06T03:00:00.000+11:00', '2030-10-06T03:30:00.000+11:00'],
    ],
  ])('spring-forward %s never offers a non-existent 02:xx', (_label, zone, wallStart, wallEnd, from, to, expected) => {
    const slots = daySlots(zone, wallStart, wallEnd, from, to);
    expect(local(slots, zone)).toEqual(expected);
    expect(local(slots, zone).some((iso) => iso.includes('T02:'))).toBe(false);
  });
});
