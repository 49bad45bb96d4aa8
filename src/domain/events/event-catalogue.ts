/**
 * The events of spec §4.2 (BookingEvent) that webhooks, event handlers and automation rules name,
 * plus `booking.reviewed` and `webhook.test`. Every event is defined and described here; only those in
 * `emittedToday` are sent yet, the others wait for the feature that will emit them.
 */

/** Every event type, in catalogue order. */
export const eventTypes = [
  'booking.created',
  'booking.reserved',
  'booking.confirmed',
  'booking.cancelled',
  'booking.rescheduled',
  'booking.checked_in',
  'booking.completed',
  'booking.reviewed',
  'booking.no_show',
  'booking.expired',
  'participant.added',
  'participant.removed',
  'participant.cancelled',
  'resource.assigned',
  'resource.replaced',
  'resource.cancelled',
  'payment.received',
  'payment.failed',
  'payment.refunded',
  'deposit.hold_placed',
  'deposit.released',
  'reminder.sent',
  'confirmation.sent',
  'review.requested',
  'backup.activated',
  'waitlist.promoted',
  'conflict.detected',
  'webhook.test',
] as const;

/** One event type, e.g. `booking.confirmed`. */
export type EventType = (typeof eventTypes)[number];

/** The event types defined now and emitted once their features exist (resources, waitlists, conflicts). */
const waitingForTheirFeatures: ReadonlySet<EventType> = new Set<EventType>([
  'resource.assigned',
  'resource.replaced',
  'resource.cancelled',
  'waitlist.promoted',
  'conflict.detected',
]);

/** The event types the platform sends today. */
export const emittedToday: ReadonlySet<EventType> = new Set<EventType>(eventTypes.filter((type) => !waitingForTheirFeatures.has(type)));

/** When each event is emitted, or which feature will emit it. */
export const eventDescriptions: Record<EventType, string> = {
  'booking.created': 'A booking was created, pending approval or already confirmed.',
  'booking.reserved': 'A slot was held by a reservation that is not yet a booking.',
  'booking.confirmed': 'A booking was confirmed, at once or when a manager approved it.',
  'booking.cancelled': 'A booking was cancelled, with who cancelled it and the refund decision.',
  'booking.rescheduled': 'A booking moved to another time; the previous times come with it.',
  'booking.checked_in': 'The booking was checked in.',
  'booking.completed': 'The booking was marked completed.',
  'booking.reviewed': 'The booker left a review of a completed booking.',
  'booking.no_show': 'The booking was marked a no-show, by staff or when the check-in window closed.',
  'booking.expired': 'A hold lapsed without being confirmed, or a pending booking was not approved in time.',
  'participant.added': 'Someone was added to a booking as a participant.',
  'participant.removed': 'A participant was removed from a booking.',
  'participant.cancelled': 'A participant cancelled their own place in a booking.',
  'resource.assigned': 'Not emitted yet: multi-resource assignment will emit it when a resource is assigned to a booking.',
  'resource.replaced': 'Not emitted yet: multi-resource assignment will emit it when a booking’s resource is replaced.',
  'resource.cancelled': 'Not emitted yet: multi-resource assignment will emit it when a resource drops out of a booking.',
  'payment.received': 'A hold’s payment (deposit or full price) succeeded at Stripe, and the hold can now be confirmed; or a charge made later succeeded, or staff captured part of a security deposit.',
  'payment.failed': 'A hold’s payment failed (e.g. the card was declined) and the hold is released; or a charge made later failed, or a booking’s security deposit could not be held (the booking stays confirmed).',
  'payment.refunded': 'A cancelled booking’s refund, as its refund decision says, was paid out through Stripe.',
  'deposit.hold_placed': 'A booking’s security deposit was authorised on the client’s card (held, not charged), the day before the booking starts or when it is confirmed if that is later.',
  'deposit.released': 'A booking’s held security deposit was given back: after the booking, when it was cancelled, by staff, or the part staff did not capture.',
  'reminder.sent': 'A booking reminder was sent to a participant.',
  'confirmation.sent': 'A booking confirmation was sent to a participant.',
  'review.requested': 'The booker was asked to review a completed booking.',
  'backup.activated': 'A backup bookable took over a booking from its primary (reported unavailable or a no-show, or the provider cancelled): the booking’s time moved to the backup.',
  'waitlist.promoted': 'Not emitted yet: waitlists will emit it when someone on a waitlist gets a place.',
  'conflict.detected': 'Not emitted yet: availability conflicts will emit it when a booking clashes with changed availability.',
  'webhook.test': 'Sent on request to check that a webhook endpoint receives and verifies deliveries.',
};

const known: ReadonlySet<string> = new Set(eventTypes);

/** Tells whether `value` names an event of the catalogue. */
export function isEventType(value: string): value is EventType {
  return known.has(value);
}
