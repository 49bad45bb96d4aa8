import { formatLocalDateTime } from '../shared/time';

/** Every kind of message the platform sends; stored in `notifications.kind`. */
export const notificationKinds = [
  'booking_confirmed',
  'booking_pending_approval',
  'booking_cancelled',
  'booking_rescheduled',
  'booking_reminder',
  'review_request',
  'participant_added',
  'hold_expired_admin',
  'backup_standby',
  'backup_activated',
  'security_deposit_failed_admin',
] as const;

/** One kind of message, e.g. `booking_confirmed`. */
export type NotificationKind = (typeof notificationKinds)[number];

/** What a message talks about; times are UTC instants shown in `timezone`, the booking's zone. */
export interface MessageContext {
  recipientName: string | null;
  organizationName: string;
  serviceName: string;
  locationName: string;
  startsAt: Date;
  timezone: string;
  bookingId: string | null;
  reservationId?: string | null;
  reason?: string | null;
  previousStartsAt?: Date | null;
}

/** A rendered message: email uses both parts, SMS sends `text`. */
export interface RenderedMessage {
  subject: string;
  text: string;
}

interface MessageParts {
  subject: string;
  /** The sentences before the details. */
  lead: string[];
  /** The "Label: value" lines; the booking's own details when left out. */
  details?: string[];
}

const when = (context: MessageContext) => formatLocalDateTime(context.startsAt, context.timezone);

function bookingDetails(context: MessageContext): string[] {
  return [
    `Service: ${context.serviceName}`,
    `When: ${when(context)}`,
    `Where: ${context.locationName}`,
    ...(context.bookingId ? [`Booking: ${context.bookingId}`] : []),
  ];
}

const messages: Record<NotificationKind, (context: MessageContext) => MessageParts> = {
  booking_confirmed: (c) => ({ subject: `Booking confirmed: ${c.serviceName} on ${when(c)}`, lead: ['Your booking is confirmed.'] }),
  booking_pending_approval: (c) => ({
    subject: `Booking request received: ${c.serviceName}`,
    lead: [`We have your booking request. ${c.organizationName} will review it, and we will tell you once it is confirmed.`],
  }),
  booking_cancelled: (c) => ({
    subject: `Booking cancelled: ${c.serviceName} on ${when(c)}`,
    lead: ['Your booking has been cancelled.', ...(c.reason ? [`Reason: ${c.reason}`] : [])],
  }),
  booking_rescheduled: (c) => ({
    subject: `Booking moved: ${c.serviceName} is now on ${when(c)}`,
    lead: ['Your booking has moved to a new time.'],
    details: [
      `Service: ${c.serviceName}`,
      ...(c.previousStartsAt ? [`Previous time: ${formatLocalDateTime(c.previousStartsAt, c.timezone)}`] : []),
      `New time: ${when(c)}`,
      `Where: ${c.locationName}`,
      ...(c.bookingId ? [`Booking: ${c.bookingId}`] : []),
    ],
  }),
  booking_reminder: (c) => ({ subject: `Reminder: ${c.serviceName} on ${when(c)}`, lead: ['This is a reminder of your upcoming booking.'] }),
  review_request: (c) => ({
    subject: `How was your ${c.serviceName}?`,
    lead: [`Thank you for visiting ${c.organizationName}. We would love to hear how it went: you can leave a review of this booking in your account.`],
  }),
  participant_added: (c) => ({ subject: `You have been added to a booking: ${c.serviceName} on ${when(c)}`, lead: [`${c.organizationName} has added you to a booking.`] }),
  backup_standby: (c) => ({
    subject: `You are on standby: ${c.serviceName} on ${when(c)}`,
    lead: [`${c.organizationName} has you on standby as the backup for this booking. We will tell you if you need to take over.`],
  }),
  backup_activated: (c) => ({
    subject: `You are taking over: ${c.serviceName} on ${when(c)}`,
    lead: [`${c.organizationName} needs you for this booking: you are taking over from the booked provider.`, ...(c.reason ? [`Reason: ${c.reason}`] : [])],
  }),
  security_deposit_failed_admin: (c) => ({
    subject: `Security deposit not held: ${c.serviceName} on ${when(c)}`,
    lead: [
      'The security deposit of this booking could not be held on the client’s card. The booking stays confirmed; ask the client for another card or decide how to go on.',
      ...(c.reason ? [`Reason: ${c.reason}`] : []),
    ],
  }),
  hold_expired_admin: (c) => ({
    subject: `Hold expired: ${c.serviceName} on ${when(c)}`,
    lead: ['A hold expired without being confirmed.'],
    details: [
      ...(c.reservationId ? [`Reservation: ${c.reservationId}`] : []),
      `Service: ${c.serviceName}`,
      `When: ${when(c)}`,
      `Where: ${c.locationName}`,
    ],
  }),
};

/** Renders the subject and plain text of a message of `kind`, with times in the booking's time zone. */
export function renderMessage(kind: NotificationKind, context: MessageContext): RenderedMessage {
  const parts = messages[kind](context);
  const greeting = context.recipientName ? `Hello ${context.recipientName},` : 'Hello,';
  const lines = [greeting, '', ...parts.lead, '', ...(parts.details ?? bookingDetails(context)), '', context.organizationName];
  return { subject: parts.subject, text: lines.join('\n') };
}
