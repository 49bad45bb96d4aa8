import { checkStart, findSlots } from '../../../src/domain/availability/engine/find-slots';
import type { CascadingConfig } from '../../../src/domain/availability/calendar-config';
import type { EngineAllocation } from '../../../src/domain/availability/engine/engine-types';
import { at, booking, bookable, calendar, everyDay, search, service, slotOf, starts } from './engine-fixtures';

/** Cascading calendars open their slots progressively (hourly 09:00–12:00, now = 1 June 00:00Z). */

const t = (hhmm: string, date = '2026-06-01') => `${date}T${hhmm}:00.000Z`;
const now = at(t('00:00'));

function input(cascading: CascadingConfig, allocations: EngineAllocation[] = []) {
  const provider = bookable('p', calendar('UTC', everyDay(['09:00', '12:00']), { cascading }), { allocations });
  return search(t('00:00'), t('00:00', '2026-06-04'), service(60), [provider], { now });
}
const hour = (start: string) => booking(start, new Date(Date.parse(start) + 3_600_000).toISOString());

describe('sequential cascade', () => {
  const sequential: CascadingConfig = { enabled: true, strategy: 'sequential', sequential: { initialOpenSlots: 2, advanceWindowDays: 7 } };

  it.each([
    ['nothing booked: the first two free starts', [], [t('09:00'), t('10:00')]],
    ['09:00 booked: the next one opens', [hour(t('09:00'))], [t('10:00'), t('11:00')]],
    ['the whole first day booked: the second day opens', [hour(t('09:00')), hour(t('10:00')), hour(t('11:00'))], [t('09:00', '2026-06-02'), t('10:00', '2026-06-02')]],
  ])('%s', (_label, allocations, expected) => {
    expect(starts(findSlots(input(sequential, allocations)))).toEqual(expected);
  });

  it('a start not opened yet is refused as not_open_yet', () => {
    expect(checkStart(input(sequential), at(t('11:00')))).toEqual({ reason: 'not_open_yet', requirementKey: 'provider' });
  });

  it('never opens beyond its window of days', () => {
    const short: CascadingConfig = { enabled: true, strategy: 'sequential', sequential: { initialOpenSlots: 10, advanceWindowDays: 1 } };
    expect(starts(findSlots(input(short)))).toEqual([t('09:00'), t('10:00'), t('11:00')]);
  });
});

describe('batch cascade', () => {
  const batch: CascadingConfig = { enabled: true, strategy: 'batch', batch: { batchSize: 3, lookAheadDays: 7 } };

  it.each([
    ['nothing booked: the first batch', [], [t('09:00'), t('10:00'), t('11:00')]],
    ['partly booked: the rest of the same batch, not the next', [hour(t('09:00')), hour(t('11:00'))], [t('10:00')]],
    ['first batch full: the next batch opens', [hour(t('09:00')), hour(t('10:00')), hour(t('11:00'))], [t('09:00', '2026-06-02'), t('10:00', '2026-06-02'), t('11:00', '2026-06-02')]],
  ])('%s', (_label, allocations, expected) => {
    expect(starts(findSlots(input(batch, allocations)))).toEqual(expected);
  });
});

describe('premium skip-the-line', () => {
  it('offers the next free starts after the open one, flagged with the multiplier', () => {
    const config: CascadingConfig = { enabled: true, strategy: 'sequential', sequential: { initialOpenSlots: 1, advanceWindowDays: 7 }, premium: { enabled: true, premiumSlots: 2, pricingMultiplierBps: 15_000 } };
    const slots = findSlots(input(config, [hour(t('10:00'))]));
    expect(slots.map((s) => [s.start.toISOString(), s.premium, s.pricingMultiplierBps])).toEqual([
      [t('09:00'), false, undefined],
      [t('11:00'), true, 15_000],
      [t('09:00', '2026-06-02'), true, 15_000],
    ]);
    expect(slotOf(checkStart(input(config, [hour(t('10:00'))]), at(t('11:00')))).premium).toBe(true);
    expect(checkStart(input(config, [hour(t('10:00'))]), at(t('10:00', '2026-06-02')))).toEqual({ reason: 'not_open_yet', requirementKey: 'provider' });
  });
});
