import type { ReminderRule } from './reminder-schedule';

/** What a booking tells people, and when, from its template version. */
export interface NotificationRules {
  /** Confirmation (or "waiting for approval") message when the booking is made. */
  confirmation: boolean;
  reminders: ReminderRule[];
  /** Review request this many seconds after completion; null: none. */
  reviewRequestDelaySeconds: number | null;
}
