/**
 * The parts of a service template (spec §3) that decide how a booking occupies time and how long a
 * hold lasts. Field names follow the spec, except the hold duration, which is in seconds
 * (`holdDurationSeconds`) because holds of a few seconds are useful in tests and demos.
 */
export interface DurationRules {
  type: 'fixed';
  fixedMinutes: number;
  preBufferMinutes: number;
  postBufferMinutes: number;
}

/** How long a reservation holds its slot before it expires. */
export interface ReservationRules {
  holdDurationSeconds: number;
  allowExtension?: boolean;
  maxExtensions?: number;
  extensionDurationSeconds?: number;
  /** What an unconfirmed hold's expiry does besides freeing the slot (waitlists are refused by the template schema for now). */
  onExpiry?: 'release_slot' | 'move_to_waitlist' | 'notify_admin';
}

/** Scheduling limits that apply when a slot is chosen. */
export interface SchedulingRules {
  minAdvanceMinutes: number;
  slotIntervalMinutes?: number;
}

/** Defaults applied when a template leaves a block out. */
export const defaultReservationRules: ReservationRules = { holdDurationSeconds: 900 };
export const defaultSchedulingRules: SchedulingRules = { minAdvanceMinutes: 0 };
