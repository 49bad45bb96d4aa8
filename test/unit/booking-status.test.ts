import {
  bookingStatuses,
  bookingTransition,
  holdsResources,
  isTerminalBookingStatus,
  nextBookingStatus,
  type BookingEvent,
  type BookingStatus,
} from '../../src/domain/booking/booking-status';
import { DomainError } from '../../src/domain/shared/errors';

// Expected transition table, written independently from spec §4.1:
//   pending → confirmed (approve) | cancelled (cancel) | expired (expire)
//   confirmed → checked_in (check_in) | cancelled (cancel) | no_show (mark_no_show)
//   checked_in → completed (complete); completed → reviewed (review)
//   reviewed, cancelled, no_show, expired: terminal
const expected: Record<BookingStatus, Partial<Record<BookingEvent, BookingStatus>>> = {
  pending: { approve: 'confirmed', cancel: 'cancelled', expire: 'expired' },
  confirmed: { check_in: 'checked_in', cancel: 'cancelled', mark_no_show: 'no_show' },
  checked_in: { complete: 'completed' },
  completed: { review: 'reviewed' },
  reviewed: {},
  cancelled: {},
  no_show: {},
  expired: {},
};

const allStatuses: BookingStatus[] = ['pending', 'confirmed', 'checked_in', 'completed', 'reviewed', 'cancelled', 'no_show', 'expired'];
const allEvents: BookingEvent[] = ['approve', 'cancel', 'check_in', 'complete', 'review', 'mark_no_show', 'expire'];

const allPairs = allStatuses.flatMap((status) => allEvents.map((event) => [status, event, expected[status][event] ?? null] as const));
const allowed = allPairs.filter(([, , next]) => next !== null);
const refused = allPairs.filter(([, , next]) => next === null);

describe('booking state machine (spec §4.1)', () => {
  it('knows exactly the eight statuses', () => {
    expect([...bookingStatuses].sort()).toEqual([...allStatuses].sort());
  });

  it('has 56 (status, event) pairs of which 8 are allowed', () => {
    expect(allPairs).toHaveLength(56);
    expect(allowed).toHaveLength(8);
  });

  it.each(allPairs)('%s + %s → %s', (status, event, next) => {
    expect(bookingTransition(status, event) ?? null).toBe(next);
  });

  it.each(allowed)('nextBookingStatus(%s, %s) is %s', (status, event, next) => {
    expect(nextBookingStatus(status, event)).toBe(next);
  });

  it.each(refused)('nextBookingStatus(%s, %s) throws INVALID_TRANSITION', (status, event) => {
    let thrown: unknown;
    try {
      nextBookingStatus(status, event);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect((thrown as DomainError).code).toBe('INVALID_TRANSITION');
    expect((thrown as DomainError).details).toEqual({ status, event });
    expect((thrown as DomainError).message).toContain(status);
  });

  it('walks the happy path pending → reviewed', () => {
    const events: BookingEvent[] = ['approve', 'check_in', 'complete', 'review'];
    const visited = events.reduce<BookingStatus[]>((path, event) => [...path, nextBookingStatus(path[path.length - 1]!, event)], ['pending']);
    expect(visited).toEqual(['pending', 'confirmed', 'checked_in', 'completed', 'reviewed']);
  });
});

describe('isTerminalBookingStatus and holdsResources', () => {
  it.each([
    // status, terminal, holds resources
    ['pending', false, true],
    ['confirmed', false, true],
    ['checked_in', false, true],
    ['completed', false, false],
    ['reviewed', true, false],
    ['cancelled', true, false],
    ['no_show', true, false],
    ['expired', true, false],
  ] as const)('%s: terminal=%s, holdsResources=%s', (status, terminal, holds) => {
    expect(isTerminalBookingStatus(status)).toBe(terminal);
    expect(holdsResources(status)).toBe(holds);
  });
});
