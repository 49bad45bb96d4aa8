import { assertCanReschedule, assertCheckInOpen, checkInWindow, defaultCheckInRules } from '../../src/domain/booking/lifecycle-rules';

const start = new Date('2030-03-04T09:00:00Z');
const at = (iso: string) => new Date(iso);
const codeOf = (attempt: () => void): string | undefined => {
  try {
    attempt();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('check-in window', () => {
  const rules = { enabled: true, openMinutesBefore: 30, closeMinutesAfter: 15, allowEarlyCheckIn: false };

  it('opens before the start and closes after it', () => {
    expect(checkInWindow(start, rules)).toEqual({ opens: at('2030-03-04T08:30:00Z'), closes: at('2030-03-04T09:15:00Z') });
  });

  it.each([
    ['08:29:59', rules, 'CHECK_IN_NOT_OPEN'],
    ['08:30:00', rules, undefined],
    ['09:15:00', rules, undefined],
    ['09:15:01', rules, 'CHECK_IN_CLOSED'],
    ['07:00:00', { ...rules, allowEarlyCheckIn: true }, undefined],
    ['07:00:00', defaultCheckInRules, undefined],
    ['09:16:00', defaultCheckInRules, 'CHECK_IN_CLOSED'],
  ] as const)('at %s with %j → %s', (time, ruleSet, expected) => {
    expect(codeOf(() => assertCheckInOpen(at(`2030-03-04T${time}Z`), start, ruleSet))).toBe(expected);
  });
});

describe('reschedule rules', () => {
  it.each([
    ['2030-03-03T08:59:00Z', { allowReschedule: true, rescheduleDeadlineHours: 24 }, undefined],
    ['2030-03-03T09:00:01Z', { allowReschedule: true, rescheduleDeadlineHours: 24 }, 'RESCHEDULE_DEADLINE_PASSED'],
    ['2030-03-04T08:59:59Z', { allowReschedule: true, rescheduleDeadlineHours: 0 }, undefined],
    ['2030-03-01T00:00:00Z', { allowReschedule: false, rescheduleDeadlineHours: 0 }, 'RESCHEDULE_NOT_ALLOWED'],
  ])('at %s with %j → %s', (now, rules, expected) => {
    expect(codeOf(() => assertCanReschedule(at(now), start, rules))).toBe(expected);
  });
});
