import { fitsWindows, slotAt, type SlotShape } from '../../src/domain/availability/slots';
import type { TimeRange } from '../../src/domain/shared/ranges';

const at = (iso: string) => new Date(iso);
const range = (start: string, end: string): TimeRange => ({ start: at(start), end: at(end) });
const shape = (durationMinutes: number, bufferBeforeMinutes = 0, bufferAfterMinutes = 0): SlotShape => ({ durationMinutes, bufferBeforeMinutes, bufferAfterMinutes });

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
