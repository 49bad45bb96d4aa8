import { assertCapturable, assertReleasable, authorisationLapsesAt, renewalAt, securityDepositTimes, type SecurityDepositStatus } from '../../src/domain/booking/security-deposit';

const at = (iso: string) => new Date(iso);

describe('securityDepositTimes', () => {
  const stay = { startsAt: at('2030-07-10T13:00:00Z'), endsAt: at('2030-07-17T09:00:00Z'), releaseAfterHours: 48 };

  it.each([
    ['booked weeks ahead: the day before check-in', '2030-06-01T08:00:00Z', '2030-07-09T13:00:00.000Z'],
    ['booked two days ahead: still the day before', '2030-07-08T13:00:00Z', '2030-07-09T13:00:00.000Z'],
    ['booked the evening before: at once', '2030-07-09T20:00:00Z', '2030-07-09T20:00:00.000Z'],
    ['confirmed after check-in: at once', '2030-07-10T15:00:00Z', '2030-07-10T15:00:00.000Z'],
  ])('%s', (_label, now, holdAt) => {
    expect(securityDepositTimes({ ...stay, now: at(now) })).toEqual({ holdAt: at(holdAt), releaseAt: at('2030-07-19T09:00:00.000Z') });
  });

  it('releases right at check-out with no grace period', () => {
    expect(securityDepositTimes({ ...stay, releaseAfterHours: 0, now: at('2030-06-01T00:00:00Z') }).releaseAt).toEqual(stay.endsAt);
  });
});

describe('renewing the authorisation of a long stay', () => {
  // The seven-night stay above: held the day before check-in, released two days after check-out (nine days later).
  const heldAt = at('2030-07-09T13:00:00Z');
  const releaseAt = at('2030-07-19T09:00:00Z');

  it('lapses when Stripe says (an extended authorisation), else seven days after it was held', () => {
    expect(authorisationLapsesAt(heldAt, null)).toEqual(at('2030-07-16T13:00:00Z'));
    expect(authorisationLapsesAt(heldAt, at('2030-08-08T13:00:00Z'))).toEqual(at('2030-08-08T13:00:00Z'));
    // A capture_before that is not after the hold is not believed.
    expect(authorisationLapsesAt(heldAt, at('2030-07-01T00:00:00Z'))).toEqual(at('2030-07-16T13:00:00Z'));
  });

  it.each([
    ['a seven-day authorisation: a day before it lapses', '2030-07-16T13:00:00Z', releaseAt, '2030-07-15T13:00:00.000Z'],
    ['a thirty-day extended one outlives the stay: never', '2030-08-08T13:00:00Z', releaseAt, null],
    ['released within its last day: renewed all the same', '2030-07-16T13:00:00Z', at('2030-07-16T01:00:00Z'), '2030-07-15T13:00:00.000Z'],
    ['released before the renewal would be due: never', '2030-07-16T13:00:00Z', at('2030-07-15T12:00:00Z'), null],
    ['a two-day authorisation: a quarter of its life before it lapses', '2030-07-11T13:00:00Z', releaseAt, '2030-07-11T01:00:00.000Z'],
  ])('%s', (_label, captureBefore, release, expected) => {
    expect(renewalAt({ heldAt, captureBefore: at(captureBefore), releaseAt: release })).toEqual(expected ? at(expected) : null);
  });
});

describe('capturing and releasing', () => {
  const refusal = (call: () => void) => {
    try {
      call();
    } catch (error) {
      return error;
    }
    return undefined;
  };

  it('captures a held deposit up to what is held, and nothing else', () => {
    expect(refusal(() => assertCapturable({ status: 'held', amount: 30_000 }, 30_000))).toBeUndefined();
    expect(refusal(() => assertCapturable({ status: 'held', amount: 30_000 }, 30_001))).toMatchObject({ code: 'VALIDATION_FAILED', details: { fields: [{ path: 'amount' }] } });
    for (const status of ['scheduled', 'captured', 'released', 'failed'] as SecurityDepositStatus[]) {
      expect(refusal(() => assertCapturable({ status, amount: 30_000 }, 100))).toMatchObject({ code: 'SECURITY_DEPOSIT_NOT_ACTIVE', details: { status } });
    }
  });

  it('releases a held deposit or waives a scheduled one; a captured, released or failed one is refused', () => {
    expect(refusal(() => assertReleasable({ status: 'held' }))).toBeUndefined();
    expect(refusal(() => assertReleasable({ status: 'scheduled' }))).toBeUndefined();
    for (const status of ['captured', 'released', 'failed'] as SecurityDepositStatus[]) {
      expect(refusal(() => assertReleasable({ status }))).toMatchObject({ code: 'SECURITY_DEPOSIT_NOT_ACTIVE' });
    }
  });
});
