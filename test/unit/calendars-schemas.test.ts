import { validationProblems } from '../support/validation-problems';
import type { z } from 'zod';
import {
  calendarBlockSchema,
  calendarPatchSchema,
  calendarPatternSchema,
  cascadingConfigSchema,
  dateOverrideSchema,
  typedWeeklyScheduleSchema,
} from '../../src/http/routes/calendars.schemas';
import { parseInput } from '../../src/http/validation';
import type { CalendarBlock, CalendarPattern, CascadingConfig, DateOverride, TypedWeeklySchedule } from '../../src/domain/availability/calendar-config';

const problems = validationProblems;
const paths = (schema: z.ZodType, input: unknown) => problems(schema, input).map((p) => p.path);

const nineToFive = { monday: [{ start: '09:00', end: '17:00' }] };

describe('parsed bodies match the domain types', () => {
  it('compiles: zod outputs are assignable to the plain interfaces', () => {
    const pattern: CalendarPattern = parseInput(calendarPatternSchema, { weeklySchedule: nineToFive });
    const schedule: TypedWeeklySchedule = parseInput(typedWeeklyScheduleSchema, nineToFive);
    const override: DateOverride = parseInput(dateOverrideSchema, { date: '2026-12-25', kind: 'closed' });
    const block: CalendarBlock = parseInput(calendarBlockSchema, { startsAt: '2026-08-01T00:00:00Z', endsAt: '2026-08-15T00:00:00Z', type: 'time_off' });
    const cascading: CascadingConfig = parseInput(cascadingConfigSchema, { enabled: false, strategy: 'dynamic' });
    expect([pattern, schedule, override, block, cascading].every(Boolean)).toBe(true);
  });
});

describe('typedWeeklyScheduleSchema', () => {
  it('reads an untyped body (as the first release sent) as available ranges', () => {
    const body = { monday: [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '24:00' }], sunday: [] };
    expect(parseInput(typedWeeklyScheduleSchema, body)).toEqual({
      monday: [
        { start: '09:00', end: '12:00', type: 'available' },
        { start: '13:00', end: '24:00', type: 'available' },
      ],
      sunday: [],
    });
  });

  it('keeps given types; touching ranges do not overlap', () => {
    const body = { friday: [{ start: '17:00', end: '20:00', type: 'premium' }, { start: '09:00', end: '12:00', type: 'preferred' }, { start: '12:00', end: '17:00' }] };
    expect(parseInput(typedWeeklyScheduleSchema, body)).toEqual({
      friday: [
        { start: '17:00', end: '20:00', type: 'premium' },
        { start: '09:00', end: '12:00', type: 'preferred' },
        { start: '12:00', end: '17:00', type: 'available' },
      ],
    });
  });

  it.each([
    ['unknown weekday', { funday: [] }, ['funday']],
    ['unknown range type', { monday: [{ start: '09:00', end: '17:00', type: 'vip' }] }, ['monday.0.type']],
    ['unknown range key', { monday: [{ start: '09:00', end: '17:00', note: 'x' }] }, ['monday.0.note']],
    ['bad wall time', { monday: [{ start: '9:00', end: '17:00' }] }, ['monday.0.start']],
    ['24:00 is only an end', { monday: [{ start: '24:00', end: '24:00' }] }, ['monday.0.end']],
    ['start after end', { tuesday: [{ start: '17:00', end: '09:00' }] }, ['tuesday.0.end']],
    ['empty range', { tuesday: [{ start: '09:00', end: '09:00' }] }, ['tuesday.0.end']],
    ['overlap across types, reported on the later range', { monday: [{ start: '12:00', end: '14:00', type: 'premium' }, { start: '09:00', end: '12:30' }] }, ['monday.0']],
    ['range inside another', { monday: [{ start: '09:00', end: '17:00' }, { start: '10:00', end: '11:00' }, { start: '12:00', end: '13:00' }] }, ['monday.1', 'monday.2']],
    ['too many ranges', { monday: Array.from({ length: 13 }, (_, i) => ({ start: `${String(i).padStart(2, '0')}:00`, end: `${String(i).padStart(2, '0')}:30` })) }, ['monday']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(typedWeeklyScheduleSchema, body)).toEqual(expected);
  });
});

describe('calendarPatternSchema', () => {
  it('defaults the buffers and minimum notice to 0 and leaves the rest absent', () => {
    expect(parseInput(calendarPatternSchema, { weeklySchedule: nineToFive })).toEqual({
      weeklySchedule: { monday: [{ start: '09:00', end: '17:00', type: 'available' }] },
      preBufferMinutes: 0,
      postBufferMinutes: 0,
      minAdvanceMinutes: 0,
    });
  });

  it('keeps every field given', () => {
    const body = {
      weeklySchedule: {},
      slotDurationMinutes: 30,
      slotIntervalMinutes: 15,
      preBufferMinutes: 5,
      postBufferMinutes: 10,
      minAdvanceMinutes: 1439,
      maxAdvanceDays: 1,
      maxSlotsPerDay: 16,
      maxBookingsPerDay: 20,
    };
    expect(parseInput(calendarPatternSchema, body)).toEqual(body);
  });

  it.each([
    ['missing weekly schedule', {}, ['weeklySchedule']],
    ['unknown field', { weeklySchedule: {}, slotDuration: 30 }, ['slotDuration']],
    ['zero slot duration', { weeklySchedule: {}, slotDurationMinutes: 0 }, ['slotDurationMinutes']],
    ['slot longer than a day', { weeklySchedule: {}, slotDurationMinutes: 1441 }, ['slotDurationMinutes']],
    ['fractional interval', { weeklySchedule: {}, slotIntervalMinutes: 7.5 }, ['slotIntervalMinutes']],
    ['negative buffer', { weeklySchedule: {}, preBufferMinutes: -1 }, ['preBufferMinutes']],
    ['zero max slots', { weeklySchedule: {}, maxSlotsPerDay: 0 }, ['maxSlotsPerDay']],
    ['zero max bookings', { weeklySchedule: {}, maxBookingsPerDay: 0 }, ['maxBookingsPerDay']],
    ['zero max advance days', { weeklySchedule: {}, maxAdvanceDays: 0 }, ['maxAdvanceDays']],
    ['minimum notice equal to the window', { weeklySchedule: {}, minAdvanceMinutes: 1440, maxAdvanceDays: 1 }, ['maxAdvanceDays']],
    ['bad range inside the pattern', { weeklySchedule: { monday: [{ start: '10:00', end: '09:00' }] } }, ['weeklySchedule.monday.0.end']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(calendarPatternSchema, body)).toEqual(expected);
  });
});

describe('calendarPatchSchema', () => {
  it('accepts an empty patch and a partial pattern without filling in defaults', () => {
    expect(parseInput(calendarPatchSchema, {})).toEqual({});
    expect(parseInput(calendarPatchSchema, { name: '  Front desk ', timezone: 'Europe/Berlin', pattern: { postBufferMinutes: 10 } })).toEqual({
      name: 'Front desk',
      timezone: 'Europe/Berlin',
      pattern: { postBufferMinutes: 10 },
    });
  });

  it('types the ranges of a replaced weekly schedule', () => {
    expect(parseInput(calendarPatchSchema, { pattern: { weeklySchedule: nineToFive } })).toEqual({
      pattern: { weeklySchedule: { monday: [{ start: '09:00', end: '17:00', type: 'available' }] } },
    });
  });

  it.each([
    ['blank name', { name: '  ' }, ['name']],
    ['unknown zone', { timezone: 'Mars/Olympus' }, ['timezone']],
    ['unknown pattern field', { pattern: { slotInterval: 15 } }, ['pattern.slotInterval']],
    ['both advance limits in the patch, crossed', { pattern: { minAdvanceMinutes: 3000, maxAdvanceDays: 2 } }, ['pattern.maxAdvanceDays']],
    ['cascading without its strategy settings', { cascading: { enabled: true, strategy: 'batch' } }, ['cascading.batch']],
    ['unknown top-level field', { defaultPattern: {} }, ['defaultPattern']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(calendarPatchSchema, body)).toEqual(expected);
  });
});

describe('dateOverrideSchema', () => {
  it.each([
    ['closed day', { date: '2026-12-25', kind: 'closed', reason: 'Christmas' }, { date: '2026-12-25', kind: 'closed', reason: 'Christmas', recurringYearly: false }],
    [
      'modified hours, range types defaulted',
      { date: '2026-12-24', kind: 'modified_hours', ranges: [{ start: '09:00', end: '13:00' }] },
      { date: '2026-12-24', kind: 'modified_hours', ranges: [{ start: '09:00', end: '13:00', type: 'available' }], recurringYearly: false },
    ],
    [
      'special hours at a premium, yearly',
      { date: '2026-12-31', kind: 'special_hours', ranges: [{ start: '20:00', end: '24:00', type: 'premium' }], pricingMultiplierBps: 15000, recurringYearly: true },
      { date: '2026-12-31', kind: 'special_hours', ranges: [{ start: '20:00', end: '24:00', type: 'premium' }], pricingMultiplierBps: 15000, recurringYearly: true },
    ],
    ['holiday pricing on the weekly hours', { date: '2026-07-04', kind: 'holiday_pricing', pricingMultiplierBps: 12500 }, { date: '2026-07-04', kind: 'holiday_pricing', pricingMultiplierBps: 12500, recurringYearly: false }],
    ['a one-off 29 February of a leap year', { date: '2028-02-29', kind: 'closed' }, { date: '2028-02-29', kind: 'closed', recurringYearly: false }],
  ])('accepts a %s', (_name, body, expected) => {
    expect(parseInput(dateOverrideSchema, body)).toEqual(expected);
  });

  it.each([
    ['a date that does not exist', { date: '2026-02-30', kind: 'closed' }, ['date']],
    ['29 February of a common year', { date: '2100-02-29', kind: 'closed' }, ['date']],
    ['a date with a time', { date: '2026-12-25T00:00:00Z', kind: 'closed' }, ['date']],
    ['an unknown kind', { date: '2026-12-25', kind: 'holiday' }, ['kind']],
    ['modified hours without ranges', { date: '2026-12-24', kind: 'modified_hours' }, ['ranges']],
    ['special hours with no range at all', { date: '2026-12-24', kind: 'special_hours', ranges: [] }, ['ranges']],
    ['a closed day with ranges', { date: '2026-12-25', kind: 'closed', ranges: [{ start: '09:00', end: '10:00' }] }, ['ranges']],
    ['a closed day with a price', { date: '2026-12-25', kind: 'closed', pricingMultiplierBps: 15000 }, ['pricingMultiplierBps']],
    ['holiday pricing with ranges', { date: '2026-07-04', kind: 'holiday_pricing', pricingMultiplierBps: 12500, ranges: [{ start: '09:00', end: '10:00' }] }, ['ranges']],
    ['holiday pricing without a price', { date: '2026-07-04', kind: 'holiday_pricing' }, ['pricingMultiplierBps']],
    ['overlapping ranges', { date: '2026-12-24', kind: 'modified_hours', ranges: [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '14:00' }] }, ['ranges.1']],
    ['a reversed range', { date: '2026-12-24', kind: 'modified_hours', ranges: [{ start: '13:00', end: '09:00' }] }, ['ranges.0.end']],
    ['a fractional multiplier', { date: '2026-12-24', kind: 'holiday_pricing', pricingMultiplierBps: 1.5 }, ['pricingMultiplierBps']],
    ['a multiplier above 10×', { date: '2026-12-24', kind: 'holiday_pricing', pricingMultiplierBps: 100_001 }, ['pricingMultiplierBps']],
    ['a blank reason', { date: '2026-12-25', kind: 'closed', reason: ' ' }, ['reason']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(dateOverrideSchema, body)).toEqual(expected);
  });

  it('refuses a yearly 29 February and says why', () => {
    const [problem, ...rest] = problems(dateOverrideSchema, { date: '2028-02-29', kind: 'closed', recurringYearly: true });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ path: 'date', code: 'custom' });
    expect(problem!.message).toMatch(/29 February.*three years in four/);
  });
});

describe('calendarBlockSchema', () => {
  it('reads instants with offsets and fills in the defaults', () => {
    expect(parseInput(calendarBlockSchema, { startsAt: '2026-08-01T09:00:00+02:00', endsAt: '2026-08-01T12:00:00+02:00', type: 'meeting', reason: 'Team meeting' })).toEqual({
      startsAt: new Date('2026-08-01T07:00:00Z'),
      endsAt: new Date('2026-08-01T10:00:00Z'),
      type: 'meeting',
      reason: 'Team meeting',
      paidTimeOff: false,
      overrideRules: { allowOverride: false, requiresApproval: true },
    });
  });

  it('keeps paid time off and override rules; a block of exactly 366 days is allowed', () => {
    expect(
      parseInput(calendarBlockSchema, { startsAt: '2026-01-01T00:00:00Z', endsAt: '2027-01-02T00:00:00Z', type: 'time_off', paidTimeOff: true, overrideRules: { allowOverride: true } }),
    ).toMatchObject({ paidTimeOff: true, overrideRules: { allowOverride: true, requiresApproval: true } });
  });

  const base = { startsAt: '2026-08-01T09:00:00Z', endsAt: '2026-08-01T10:00:00Z', type: 'maintenance' };
  it.each([
    ['an instant without offset', { ...base, startsAt: '2026-08-01T09:00:00' }, ['startsAt']],
    ['an end equal to the start', { ...base, endsAt: base.startsAt }, ['endsAt']],
    ['an end before the start', { ...base, endsAt: '2026-08-01T08:00:00Z' }, ['endsAt']],
    ['a block longer than 366 days', { ...base, endsAt: '2027-08-02T09:00:01Z' }, ['endsAt']],
    ['a type outside the spec', { ...base, type: 'vacation' }, ['type']],
    ['paid time off that is not time off', { ...base, paidTimeOff: true }, ['paidTimeOff']],
    ['an unknown override rule', { ...base, overrideRules: { allowEmergencyBookings: true } }, ['overrideRules.allowEmergencyBookings']],
    ['an unknown field', { ...base, bookableId: 'bkb_0123456789' }, ['bookableId']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(calendarBlockSchema, body)).toEqual(expected);
  });
});

describe('cascadingConfigSchema', () => {
  it.each([
    ['disabled, no settings needed', { enabled: false, strategy: 'sequential' }],
    ['sequential', { enabled: true, strategy: 'sequential', sequential: { initialOpenSlots: 1, advanceWindowDays: 0 } }],
    ['batch with premium', { enabled: true, strategy: 'batch', batch: { batchSize: 3, lookAheadDays: 14 }, premium: { enabled: true, premiumSlots: 2, pricingMultiplierBps: 15000 } }],
    ['dynamic, which has no settings', { enabled: true, strategy: 'dynamic' }],
  ])('accepts %s', (_name, body) => {
    expect(parseInput(cascadingConfigSchema, body)).toEqual(body);
  });

  it.each([
    ['sequential without its settings', { enabled: true, strategy: 'sequential', batch: { batchSize: 3, lookAheadDays: 14 } }, ['sequential']],
    ['batch without its settings', { enabled: true, strategy: 'batch' }, ['batch']],
    ['no slot open at first', { enabled: true, strategy: 'sequential', sequential: { initialOpenSlots: 0, advanceWindowDays: 1 } }, ['sequential.initialOpenSlots']],
    ['an empty batch', { enabled: true, strategy: 'batch', batch: { batchSize: 0, lookAheadDays: 14 } }, ['batch.batchSize']],
    ['an unknown strategy', { enabled: true, strategy: 'ml' }, ['strategy']],
    ['a premium cheaper than normal', { enabled: false, strategy: 'dynamic', premium: { enabled: true, premiumSlots: 1, pricingMultiplierBps: 9999 } }, ['premium.pricingMultiplierBps']],
    ['a premium with no slots', { enabled: false, strategy: 'dynamic', premium: { enabled: true, premiumSlots: 0, pricingMultiplierBps: 15000 } }, ['premium.premiumSlots']],
    ['a missing enabled flag', { strategy: 'dynamic' }, ['enabled']],
  ])('refuses %s', (_name, body, expected) => {
    expect(paths(cascadingConfigSchema, body)).toEqual(expected);
  });
});
