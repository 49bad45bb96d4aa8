import { passesFilters } from '../../../src/domain/availability/engine/slot-filters';
import type { EngineSlot } from '../../../src/domain/availability/engine/engine-types';

// A slot 23:00–24:00 Berlin time on Monday 4 March 2030 (22:00–23:00 UTC).
const slot = (overrides: Partial<EngineSlot> = {}): EngineSlot => ({
  start: new Date('2030-03-04T22:00:00Z'),
  end: new Date('2030-03-04T23:00:00Z'),
  localDate: '2030-03-04',
  timezone: 'Europe/Berlin',
  assignments: [],
  bookableIds: [],
  blockedStart: new Date('2030-03-04T22:00:00Z'),
  blockedEnd: new Date('2030-03-04T23:00:00Z'),
  rangeType: 'available',
  premium: false,
  utilizationBps: 0,
  ...overrides,
});

describe('slot filters of POST /search/query', () => {
  it.each([
    ['no filter', {}, true],
    ['its weekday', { daysOfWeek: ['monday'] as const }, true],
    ['another weekday', { daysOfWeek: ['tuesday'] as const }, false],
    ['its date', { dates: ['2030-03-04'] }, true],
    ['starting at 23:00 or later', { earliestStart: '23:00' }, true],
    ['starting at 23:30 or later', { earliestStart: '23:30' }, false],
    ['ending by midnight (24:00)', { latestEnd: '24:00' }, true],
    ['ending by 23:59', { latestEnd: '23:59' }, false],
    ['read in UTC: starts 22:00, ends 23:00', { timezone: 'UTC', earliestStart: '22:00', latestEnd: '23:00' }, true],
    ['read in New York: 17:00 on Monday', { timezone: 'America/New_York', earliestStart: '17:00', latestEnd: '18:00', daysOfWeek: ['monday'] as const }, true],
    ['premium only', { premium: true }, false],
    ['preferred ranges only', { rangeTypes: ['preferred'] as const }, false],
  ])('%s', (_label, filters, expected) => {
    expect(passesFilters(slot(), filters)).toBe(expected);
  });

  it('a slot ending after the midnight of its start day fails any latest end', () => {
    expect(passesFilters(slot({ end: new Date('2030-03-04T23:30:00Z') }), { latestEnd: '24:00' })).toBe(false);
  });
});
