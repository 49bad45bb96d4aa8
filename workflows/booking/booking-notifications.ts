/**
 * What a booking tells people: messages on its transitions, reminders before the start (planned from
 * the booking's local wall clock and planned again whenever it moves), and the review request after
 * completion. Sending never blocks the booking: messages go out beside it, and the run waits for
 * them only before it ends.
 */
import { condition } from '@temporalio/workflow';
import type { NotificationKind } from '../../src/domain/notifications/message-templates';
import { computeActivities, notificationActivities } from '../shared/activity-profiles';
import type { BookingRun } from './booking-run';

/** What a message is about, beyond its kind. */
export interface NotificationExtra {
  dedupeKey: string;
  participantId?: string;
  channel?: 'email' | 'sms';
  previousStartsAt?: string;
  reason?: string | null;
}

/** After completion, how long the booking waits for a review before its workflow ends. */
export const REVIEW_WINDOW_MS = 30 * 24 * 3_600_000;

/** The booking's notifier; `enabled` is false for runs recorded before notifications existed. */
export function createNotifier(run: BookingRun, enabled: boolean) {
  const sending: Promise<unknown>[] = [];
  const notify = (kind: NotificationKind, extra: NotificationExtra): void => {
    if (!enabled || !run.rules.notifications) return;
    // A message that cannot be sent after its retries stays failed in the outbox; the booking goes on.
    sending.push(notificationActivities.notifyBooking({ bookingId: run.input.bookingId, kind, ...extra }).catch(() => undefined));
  };
  return { enabled, notify, allSent: () => Promise.all(sending) };
}

/** The notifier of a booking run. */
export type Notifier = ReturnType<typeof createNotifier>;

const upcoming = (run: BookingRun) => run.state.status === 'pending' || run.state.status === 'confirmed';

/**
 * Sends the template's reminders while the booking is upcoming. A reschedule ends the current plan
 * and a new one is made from the new start; a reminder is sent once per start time.
 */
export async function runReminders(run: BookingRun, notifier: Notifier): Promise<void> {
  const rules = run.rules.notifications?.reminders ?? [];
  if (!notifier.enabled || rules.length === 0) return;
  while (upcoming(run)) {
    const plannedFor = run.state.startsAt;
    const moved = () => run.state.startsAt !== plannedFor || !upcoming(run);
    const plan = await computeActivities.planReminders({ startsAt: plannedFor, timezone: run.input.timezone, reminders: rules, now: new Date().toISOString() });
    for (const reminder of plan) {
      if (await condition(moved, Math.max(1, new Date(reminder.at).getTime() - Date.now()))) break;
      if (run.state.status === 'confirmed') notifier.notify('booking_reminder', { dedupeKey: `reminder:${reminder.index}:${plannedFor}`, channel: reminder.channel });
    }
    await condition(moved);
  }
}

/**
 * After completion: the review request once its delay has passed (unless the client reviewed
 * already), then the review window; the booking's workflow ends when it closes.
 */
export async function followUpCompletion(run: BookingRun, notifier: Notifier): Promise<void> {
  const delaySeconds = run.rules.notifications?.reviewRequestDelaySeconds ?? null;
  const completedAt = Date.now();
  const reviewed = () => run.state.status !== 'completed';
  if (delaySeconds !== null && !(await condition(reviewed, Math.max(1, delaySeconds * 1000)))) {
    notifier.notify('review_request', { dedupeKey: 'review-request' });
  }
  await condition(reviewed, Math.max(1, completedAt + REVIEW_WINDOW_MS - Date.now()));
}
