import type { BookingStatus } from './booking-status';
import { addMinutes } from '../shared/durations';

/** The timed rules of a booking's lifecycle (spec §3.3), taken from its template version. */
export interface TimerRules {
  approvalDeadlineSeconds: number;
  autoMarkNoShow: boolean;
  markNoShowAfterMinutes: number;
  autoComplete: boolean;
  autoCompleteAfterMinutes: number;
}

/** Defaults: approval waits a day, nothing else happens by itself. */
export const defaultTimerRules: TimerRules = { approvalDeadlineSeconds: 86_400, autoMarkNoShow: false, markNoShowAfterMinutes: 15, autoComplete: false, autoCompleteAfterMinutes: 0 };

/** Something the booking workflow does by itself when its time comes. */
export interface LifecycleTimer {
  event: 'expire' | 'mark_no_show' | 'complete' | 'cancel';
  at: Date;
}

/**
 * The next thing that happens by itself to a booking in `status`: a pending booking expires at its
 * approval deadline; a confirmed one is marked a no-show that many minutes after its start; a
 * checked-in one completes that many minutes after its end. Times follow the booking when it is
 * rescheduled, because they are computed from its current start and end. A booking whose primary
 * participant left without a successor is cancelled at its start unless someone takes over first.
 */
export function nextLifecycleTimer(booking: { status: BookingStatus; startsAt: Date; endsAt: Date; pendingSince: Date; awaitingNewPrimary?: boolean }, rules: TimerRules): LifecycleTimer | null {
  const upcoming = booking.status === 'pending' || booking.status === 'confirmed';
  if (booking.awaitingNewPrimary && upcoming) {
    const own = nextLifecycleTimer({ ...booking, awaitingNewPrimary: false }, rules);
    return own && own.at < booking.startsAt ? own : { event: 'cancel', at: booking.startsAt };
  }
  switch (booking.status) {
    case 'pending':
      return { event: 'expire', at: new Date(booking.pendingSince.getTime() + rules.approvalDeadlineSeconds * 1000) };
    case 'confirmed':
      return rules.autoMarkNoShow ? { event: 'mark_no_show', at: addMinutes(booking.startsAt, rules.markNoShowAfterMinutes) } : null;
    case 'checked_in':
      return rules.autoComplete ? { event: 'complete', at: addMinutes(booking.endsAt, rules.autoCompleteAfterMinutes) } : null;
    default:
      return null;
  }
}
