import { checkStart, findSlots } from '../../../src/domain/availability/engine/find-slots';
import type { EngineBookable, EngineCalendar, EngineService } from '../../../src/domain/availability/engine/engine-types';
import { at, booking, bookable, calendar, everyDay, facts, requirement, search, service, slotOf, starts } from './engine-fixtures';

/** Advance limits, per-day limits, rest, booking windows and buffers, and the reasons a start is refused. */

const t = (hhmm: string, date = '2026-06-01') => `${date}T${hhmm}:00.000Z`;
const now = at(t('08:00'));

function slots(svc: EngineService, cal: Partial<EngineCalendar>, extra: Partial<EngineBookable> = {}, range: [string, string] = ['09:00', '12:00'], toDate = '2026-06-03') {
  const provider = bookable('p', calendar('UTC', everyDay(range), cal), extra);
  return search(t('00:00'), t('00:00', toDate), svc, [provider], { now });
}

describe('advance limits (now = 2026-06-01 08:00Z, hourly 09:00–12:00, 1–3 June)', () => {
  const hours = (date: string, ...hhmm: string[]) => hhmm.map((h) => t(h, date));
  it.each([
    ['no limits', service(60), {}, [...hours('2026-06-01', '09:00', '10:00', '11:00'), ...hours('2026-06-02', '09:00', '10:00', '11:00'), ...hours('2026-06-03', '09:00', '10:00', '11:00')]],
    ['service minimum advance 120 min', service(60, { minAdvanceMinutes: 120 }), {}, [...hours('2026-06-01', '10:00', '11:00'), ...hours('2026-06-02', '09:00', '10:00', '11:00'), ...hours('2026-06-03', '09:00', '10:00', '11:00')]],
    ['calendar minimum advance 180 min', service(60), { minAdvanceMinutes: 180 }, [...hours('2026-06-01', '11:00'), ...hours('2026-06-02', '09:00', '10:00', '11:00'), ...hours('2026-06-03', '09:00', '10:00', '11:00')]],
    // 2 June 09:00 is 25 h ahead: beyond one day.
    ['service maximum advance 1 day', service(60, { maxAdvanceDays: 1 }), {}, hours('2026-06-01', '09:00', '10:00', '11:00')],
    ['calendar maximum advance 1 day', service(60), { maxAdvanceDays: 1 }, hours('2026-06-01', '09:00', '10:00', '11:00')],
    ['calendar maximum advance 2 days', service(60), { maxAdvanceDays: 2 }, [...hours('2026-06-01', '09:00', '10:00', '11:00'), ...hours('2026-06-02', '09:00', '10:00', '11:00')]],
  ] as const)('%s', (_label, svc, cal, expected) => {
    expect(starts(findSlots(slots(svc, cal, {}, ['09:00', '12:00'], '2026-06-04')))).toEqual(expected);
  });

  it('the maximum advance includes its last instant (3 June 08:00 with two days)', () => {
    const input = slots(service(60, { maxAdvanceDays: 2 }), {}, {}, ['07:00', '10:00'], '2026-06-04');
    expect(starts(findSlots(input))).toEqual([
      ...hours('2026-06-01', '08:00', '09:00'),
      ...hours('2026-06-02', '07:00', '08:00', '09:00'),
      ...hours('2026-06-03', '07:00', '08:00'),
    ]);
  });
});

describe('per-day limits', () => {
  it.each([
    // New York: 2 June 02:00Z is 1 June 22:00 local, so both bookings count for 1 June.
    ['service maxBookingsPerDay counts its bookings per local day', 'America/New_York', service(60, { maxBookingsPerDay: 2, bookingStarts: [at(t('14:00')), at(t('02:00', '2026-06-02'))] }), {}, {}, ['2026-06-02']],
    ['calendar maxBookingsPerDay', 'UTC', service(60), { maxBookingsPerDay: 1 }, { allocations: [booking(t('15:00'), t('16:00'))] }, ['2026-06-02']],
    ['provider maxDailyBookings reached', 'UTC', service(60), {}, { maxDailyBookings: 2, allocations: [booking(t('15:00'), t('16:00')), booking(t('16:00'), t('17:00'))] }, ['2026-06-02']],
    ['provider maxDailyBookings not reached', 'UTC', service(60), {}, { maxDailyBookings: 2, allocations: [booking(t('15:00'), t('16:00'))] }, ['2026-06-01', '2026-06-02']],
  ] as const)('%s', (_label, zone, svc, cal, extra, days) => {
    const provider = bookable('p', calendar(zone, everyDay(['09:00', '12:00']), cal), extra);
    const found = findSlots(search(t('00:00'), t('00:00', '2026-06-03'), svc, [provider], { now }));
    expect([...new Set(found.map((s) => s.localDate))]).toEqual(days);
  });

  it('maxSlotsPerDay offers the first N starts of each day', () => {
    expect(starts(findSlots(slots(service(60), { maxSlotsPerDay: 2 }, {}, ['09:00', '13:00'])))).toEqual([t('09:00'), t('10:00'), t('09:00', '2026-06-02'), t('10:00', '2026-06-02')]);
  });

  it('minRestMinutes keeps bookings 30 minutes apart, before and after, not 60: the booking blocks its rest after it', () => {
    const svc = service(60, { slotIntervalMinutes: 30 });
    const oneDay = (extra: Partial<EngineBookable>) => findSlots(slots(svc, {}, extra, ['08:00', '14:00'], '2026-06-02'));
    // What a 10:00 booking blocks, as the database stores it.
    const blocked = (extra: Partial<EngineBookable>) => {
      const ten = oneDay(extra).find((slot) => slot.start.toISOString() === t('10:00'))!;
      return booking(ten.blockedStart.toISOString(), ten.blockedEnd.toISOString());
    };
    expect(blocked({ minRestMinutes: 30 })).toEqual(booking(t('10:00'), t('11:30')));
    expect(starts(oneDay({ allocations: [blocked({})] }))).toEqual(['08:00', '08:30', '09:00', '11:00', '11:30', '12:00', '12:30', '13:00'].map((h) => t(h)));
    // 08:30–09:30 ends 30 minutes before 10:00; 11:30 starts 30 minutes after 11:00.
    expect(starts(oneDay({ minRestMinutes: 30, allocations: [blocked({ minRestMinutes: 30 })] }))).toEqual(['08:00', '08:30', '11:30', '12:00', '12:30', '13:00'].map((h) => t(h)));
  });
});

describe('booking window', () => {
  it.each([
    ['not yet open', { opensAt: at(t('09:00')) }, []],
    ['closed', { closesAt: at(t('08:00')) }, []],
    ['open now', { opensAt: at(t('07:00')), closesAt: at(t('09:00')) }, [t('09:00'), t('10:00'), t('11:00')]],
  ] as const)('%s', (_label, bookingWindow, expected) => {
    const input = slots(service(60, { bookingWindow }), {}, {}, ['09:00', '12:00'], '2026-06-02');
    expect(starts(findSlots(input))).toEqual(expected);
  });
});

describe('buffers around an existing booking 10:00–11:00 (60-min appointments every 15 min in 09:00–13:00)', () => {
  const after11 = (first: string) => ['11:00', '11:15', '11:30', '11:45', '12:00'].filter((h) => h >= first).map((h) => t(h));
  it.each([
    ['no buffers', service(60), {}, {}, [t('09:00'), ...after11('11:00')]],
    ['service buffers 15/15', service(60, { bufferBeforeMinutes: 15, bufferAfterMinutes: 15 }), {}, {}, after11('11:15')],
    ['calendar pre-buffer 30', service(60), { preBufferMinutes: 30 }, {}, [t('09:00'), ...after11('11:30')]],
    ['calendar post-buffer 30', service(60), { postBufferMinutes: 30 }, {}, after11('11:00')],
    ['venue set-up 45', service(60), {}, { setupMinutes: 45 }, [t('09:00'), ...after11('11:45')]],
    ['venue tear-down 15', service(60), {}, { teardownMinutes: 15 }, after11('11:00')],
    ['travel 30 before the appointment', service(60, { travelMinutes: 30 }), {}, {}, [t('09:00'), ...after11('11:30')]],
    ['service 15 + travel 30 + calendar 10 + set-up 5 before', service(60, { bufferBeforeMinutes: 15, travelMinutes: 30 }), { preBufferMinutes: 10 }, { setupMinutes: 5 }, [t('09:00'), ...after11('12:00')]],
  ] as const)('%s', (_label, svc, cal, extra, expected) => {
    const venue = { facts: facts({ type: 'venue' }), allocations: [booking(t('10:00'), t('11:00'))], ...extra };
    const input = { ...slots({ ...svc, slotIntervalMinutes: 15 }, cal, venue, ['09:00', '13:00'], '2026-06-02'), requirements: [requirement('room')] };
    expect(starts(findSlots(input))).toEqual(expected);
  });
});

describe('checkStart refusals', () => {
  const room = bookable('room', calendar('UTC', everyDay(['09:00', '12:00'])), { facts: facts({ type: 'venue' }), allocations: [booking(t('10:00'), t('11:00'))] });
  const base = (svc = service(60), provider = bookable('p', calendar('UTC', everyDay(['09:00', '12:00'])))) =>
    search(t('00:00'), t('00:00', '2026-06-02'), svc, [provider, room], { now, requirements: [requirement('provider', { bookableType: 'provider' }), requirement('room', { bookableType: 'venue' })] });

  it.each([
    ['before opening hours', base(), t('08:00'), { reason: 'outside_hours', requirementKey: 'provider' }],
    ['running past closing', base(), t('11:30'), { reason: 'outside_hours', requirementKey: 'provider' }],
    ['inside the minimum advance', base(service(60, { minAdvanceMinutes: 120 })), t('09:00'), { reason: 'too_soon' }],
    ['beyond the maximum advance', base(service(60, { maxAdvanceDays: 1 })), t('09:00', '2026-06-02'), { reason: 'too_far' }],
    ['the room is busy', base(), t('10:00'), { reason: 'busy', requirementKey: 'room' }],
    ['the provider reached its daily bookings', base(service(60), bookable('p', calendar('UTC', everyDay(['09:00', '12:00'])), { maxDailyBookings: 1, allocations: [booking(t('11:00'), t('12:00'))] })), t('09:00'), { reason: 'daily_limit', requirementKey: 'provider' }],
    ['the service reached its daily bookings', base(service(60, { maxBookingsPerDay: 1, bookingStarts: [at(t('11:00'))] })), t('09:00'), { reason: 'daily_limit' }],
    ['the booking window closed', base(service(60, { bookingWindow: { closesAt: now } })), t('09:00'), { reason: 'booking_closed' }],
  ] as const)('%s', (_label, input, start, refusal) => {
    expect(checkStart(input, at(start))).toEqual(refusal);
  });

  it('a finished booking frees its time but still counts for the day; the slot names the limits a hold is counted against', () => {
    const provider = (allocations: ReturnType<typeof booking>[]) => bookable('p', calendar('UTC', everyDay(['09:00', '12:00'])), { maxDailyBookings: 2, allocations });
    const done = booking(t('09:00'), t('10:00'), { kind: 'finished', ownerId: 'bk_done' });
    const open = slotOf(checkStart(base(service(60, { maxBookingsPerDay: 5 }), provider([done])), at(t('09:00'))));
    expect(open.dailyLimits).toEqual([
      { scope: 'bookable', id: 'p', limit: 2, from: at(t('00:00')), until: at(t('00:00', '2026-06-02')) },
      { scope: 'service', id: expect.any(String), limit: 5, from: at(t('00:00')), until: at(t('00:00', '2026-06-02')) },
    ]);
    const full = provider([done, booking(t('11:00'), t('12:00'), { ownerId: 'bk_live' })]);
    expect(checkStart(base(service(60), full), at(t('09:00')))).toEqual({ reason: 'daily_limit', requirementKey: 'provider' });
  });

  it('an off-grid start inside the hours is bookable', () => {
    expect(slotOf(checkStart(base(service(30)), at(t('09:10')))).end.toISOString()).toBe(t('09:40'));
  });
});
