import { wallClockBefore } from '../shared/time';

/** A reminder of a service template (`lifecycle.reminders`): how long before the start, on which channel. */
export interface ReminderRule {
  /** ISO-8601 duration: days count on the booking's wall clock, hours and smaller units are exact. */
  before: string;
  /** Send at this local wall time (HH:MM) on the day `before` lands on. */
  atLocalTime?: string;
  channel: 'email' | 'sms';
}

/** A reminder due at a point in time; `index` is its place in the template's list. */
export interface PlannedReminder {
  index: number;
  channel: 'email' | 'sms';
  at: Date;
}

/**
 * When each reminder of a booking starting at `startsAt` (in `zone`) goes out, earliest first.
 * Reminders whose time has passed by `now`, or that would land after the start, are left out:
 * booking at 10:00 for 11:00 sends no day-before reminder.
 */
export function planReminders(startsAt: Date, zone: string, rules: readonly ReminderRule[], now: Date): PlannedReminder[] {
  return rules
    .map((rule, index) => ({ index, channel: rule.channel, at: wallClockBefore(startsAt, zone, rule.before, rule.atLocalTime) }))
    .filter((reminder) => reminder.at > now && reminder.at < startsAt)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}
