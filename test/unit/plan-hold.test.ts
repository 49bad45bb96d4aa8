import { planHold, type HoldRequest } from '../../src/domain/reservation/plan-hold';
import { DomainError, type ErrorCode } from '../../src/domain/shared/errors';

// Baseline: a Berlin provider working 09:00–17:00 on Mondays and Sundays; a 30-minute service with a
// 10-minute buffer before, 15 after, 60 minutes' notice and a 600-second hold. Monday 2030-03-04 is
// CET (+01:00): 09:00 local = 08:00Z, 17:00 local = 16:00Z.
function request(overrides: {
  startsAt?: string;
  now?: string;
  templateStatus?: string;
  bookableStatus?: string;
  deleted?: boolean;
  minAdvanceMinutes?: number;
  buffers?: readonly [number, number];
  timezone?: string;
}): HoldRequest {
  const [preBufferMinutes, postBufferMinutes] = overrides.buffers ?? [10, 15];
  const nineToFive = [{ start: '09:00', end: '17:00' }];
  return {
    startsAt: new Date(overrides.startsAt ?? '2030-03-04T08:00:00Z'),
    now: new Date(overrides.now ?? '2030-03-01T12:00:00Z'),
    template: {
      status: overrides.templateStatus ?? 'active',
      duration: { type: 'fixed', fixedMinutes: 30, preBufferMinutes, postBufferMinutes },
      reservation: { holdDurationSeconds: 600 },
      scheduling: { minAdvanceMinutes: overrides.minAdvanceMinutes ?? 60 },
    },
    bookable: { status: overrides.bookableStatus ?? 'active', deleted: overrides.deleted ?? false },
    calendar: { timezone: overrides.timezone ?? 'Europe/Berlin', weeklySchedule: { monday: nineToFive, sunday: nineToFive } },
  };
}

function refusal(input: HoldRequest): { code: ErrorCode; details: unknown } | 'accepted' {
  try {
    planHold(input);
    return 'accepted';
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { code: error.code, details: error.details };
  }
}

describe('planHold', () => {
  it('plans a valid hold: appointment, blocked span with buffers, hold seconds, zone', () => {
    const plan = planHold(request({}));
    expect({
      start: plan.slot.start.toISOString(),
      end: plan.slot.end.toISOString(),
      blockedStart: plan.slot.blockedStart.toISOString(),
      blockedEnd: plan.slot.blockedEnd.toISOString(),
      holdSeconds: plan.holdSeconds,
      timezone: plan.timezone,
    }).toEqual({
      start: '2030-03-04T08:00:00.000Z',
      end: '2030-03-04T08:30:00.000Z',
      blockedStart: '2030-03-04T07:50:00.000Z',
      blockedEnd: '2030-03-04T08:45:00.000Z',
      holdSeconds: 600,
      timezone: 'Europe/Berlin',
    });
  });

  it.each([
    ['draft template', { templateStatus: 'draft' }, { code: 'TEMPLATE_NOT_BOOKABLE', details: { status: 'draft' } }],
    ['archived template', { templateStatus: 'archived' }, { code: 'TEMPLATE_NOT_BOOKABLE', details: { status: 'archived' } }],
    ['template checked before bookable', { templateStatus: 'draft', deleted: true }, { code: 'TEMPLATE_NOT_BOOKABLE', details: { status: 'draft' } }],
    ['inactive bookable', { bookableStatus: 'inactive' }, { code: 'BOOKABLE_NOT_BOOKABLE', details: { status: 'inactive' } }],
    ['deleted bookable (status still active)', { deleted: true }, { code: 'BOOKABLE_NOT_BOOKABLE', details: { status: 'deleted' } }],
    ['deleted and inactive bookable reports deleted', { deleted: true, bookableStatus: 'inactive' }, { code: 'BOOKABLE_NOT_BOOKABLE', details: { status: 'deleted' } }],
    [
      'too soon: 30 min ahead with 60 min notice',
      { now: '2030-03-04T07:30:00Z' },
      { code: 'SLOT_IN_THE_PAST', details: { earliestStart: '2030-03-04T08:30:00.000Z' } },
    ],
    [
      'in the past with no notice required',
      { now: '2030-03-04T08:00:01Z', minAdvanceMinutes: 0 },
      { code: 'SLOT_IN_THE_PAST', details: { earliestStart: '2030-03-04T08:00:01.000Z' } },
    ],
    [
      'too soon is reported before outside availability',
      { startsAt: '2030-03-05T08:00:00Z', now: '2030-03-05T07:30:00Z' },
      { code: 'SLOT_IN_THE_PAST', details: { earliestStart: '2030-03-05T08:30:00.000Z' } },
    ],
    ['one minute before opening (08:59 local)', { startsAt: '2030-03-04T07:59:00Z' }, { code: 'SLOT_OUTSIDE_AVAILABILITY', details: { timezone: 'Europe/Berlin' } }],
    ['ends one minute after closing (16:31–17:01 local)', { startsAt: '2030-03-04T15:31:00Z' }, { code: 'SLOT_OUTSIDE_AVAILABILITY', details: { timezone: 'Europe/Berlin' } }],
    ['on a Tuesday, a day missing from the schedule', { startsAt: '2030-03-05T10:00:00Z' }, { code: 'SLOT_OUTSIDE_AVAILABILITY', details: { timezone: 'Europe/Berlin' } }],
    // 08:00Z is 09:00 in Berlin but 03:00 in New York: same schedule, other zone
    ['the same instant in another zone', { timezone: 'America/New_York' }, { code: 'SLOT_OUTSIDE_AVAILABILITY', details: { timezone: 'America/New_York' } }],
  ] as const)('refuses: %s', (_label, overrides, expected) => {
    expect(refusal(request(overrides))).toEqual(expected);
  });

  it.each([
    ['exactly at the minimum notice', { now: '2030-03-04T07:00:00Z' }],
    ['starting exactly at opening, pre-buffer before opening', { startsAt: '2030-03-04T08:00:00Z', buffers: [30, 0] }],
    ['ending exactly at closing (16:30–17:00 local)', { startsAt: '2030-03-04T15:30:00Z' }],
    ['ending at closing with a post-buffer past closing', { startsAt: '2030-03-04T15:30:00Z', buffers: [0, 45] }],
    ['09:00 in New York (14:00Z, EST)', { startsAt: '2030-03-04T14:00:00Z', timezone: 'America/New_York' }],
  ] as const)('accepts: %s', (_label, overrides) => {
    expect(refusal(request(overrides))).toBe('accepted');
  });

  it('returns the blocked span even when the buffers lie outside the working hours', () => {
    const plan = planHold(request({ startsAt: '2030-03-04T15:30:00Z', buffers: [5, 45] }));
    expect([plan.slot.blockedStart.toISOString(), plan.slot.blockedEnd.toISOString()]).toEqual(['2030-03-04T15:25:00.000Z', '2030-03-04T16:45:00.000Z']);
  });

  it('throws DomainError instances', () => {
    expect(() => planHold(request({ templateStatus: 'draft' }))).toThrow(DomainError);
  });
});

describe('planHold on DST days (Berlin Sunday schedule 09:00–17:00)', () => {
  it.each([
    // startsAt (UTC), local wall time, outcome
    ['2030-03-31T07:00:00Z', '09:00 CEST on spring-forward day', 'accepted'],
    ['2030-03-31T06:30:00Z', '08:30 CEST (would be 07:30 under the old offset)', 'SLOT_OUTSIDE_AVAILABILITY'],
    ['2030-03-31T14:30:00Z', '16:30–17:00 CEST, ends exactly at closing', 'accepted'],
    ['2030-03-31T15:00:00Z', '17:00 CEST (would be 16:00 under the old offset)', 'SLOT_OUTSIDE_AVAILABILITY'],
    ['2030-10-27T07:30:00Z', '08:30 CET on fall-back day (would be 09:30 under the old offset)', 'SLOT_OUTSIDE_AVAILABILITY'],
    ['2030-10-27T08:00:00Z', '09:00 CET on fall-back day', 'accepted'],
    ['2030-10-27T15:30:00Z', '16:30–17:00 CET, ends exactly at closing', 'accepted'],
  ])('%s (%s) → %s', (startsAt, _local, outcome) => {
    const result = refusal(request({ startsAt, now: '2030-03-01T00:00:00Z' }));
    expect(result === 'accepted' ? 'accepted' : result.code).toBe(outcome);
  });
});
