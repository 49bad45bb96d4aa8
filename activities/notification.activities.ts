import type { Knex } from 'knex';
import { deliverQueued, enqueueNotifications, type NotificationDraft } from '../src/db/queries/notification.queries';
import { renderMessage, type MessageContext, type NotificationKind } from '../src/domain/notifications/message-templates';
import type { NotificationTransports } from '../src/notifications/transport';

/** Dependencies of the notification activities. */
export interface NotificationActivityDeps {
  db: Knex;
  transports: NotificationTransports;
}

/** Someone a message goes to. */
interface Recipient {
  email: string | null;
  phone: string | null;
  name: string | null;
}

/** What a booking's message is about (see workflows/booking/booking-notifications.ts). */
export interface BookingNotificationRequest {
  bookingId: string;
  kind: NotificationKind;
  dedupeKey: string;
  /** Only this participant (e.g. the one just added). */
  participantId?: string;
  /** Reminders name their channel; everything else goes by email. */
  channel?: 'email' | 'sms';
  previousStartsAt?: string;
  reason?: string | null;
}

// The review request goes to the primary only; everything else to every active participant.
async function bookingRecipients(db: Knex, booking: { id: string; bookerUserId: string | null }, request: BookingNotificationRequest): Promise<Recipient[]> {
  const query = db('booking_participants').where({ bookingId: booking.id, status: 'active' }).select('email', 'phone', 'name').orderBy('created_at');
  if (request.participantId) query.where({ id: request.participantId });
  else if (request.kind === 'review_request') query.where({ role: 'primary' });
  const participants: Recipient[] = await query;
  if (participants.length > 0 || request.participantId || !booking.bookerUserId) return participants;
  // Bookings made before participants existed: the booker.
  const booker = await db('users').where({ id: booking.bookerUserId }).first('email', 'name');
  return booker ? [{ email: booker.email, phone: null, name: booker.name }] : [];
}

const address = (recipient: Recipient, channel: 'email' | 'sms') => (channel === 'email' ? recipient.email : recipient.phone);

/** Renders one draft per recipient reachable on the channel. */
function drafts(base: Omit<NotificationDraft, 'recipient' | 'recipientName' | 'subject' | 'body' | 'channel'>, kind: NotificationKind, channel: 'email' | 'sms', recipients: Recipient[], context: Omit<MessageContext, 'recipientName'>): NotificationDraft[] {
  return recipients.flatMap((recipient) => {
    const to = address(recipient, channel);
    if (!to) return [];
    const message = renderMessage(kind, { ...context, recipientName: recipient.name });
    return [{ ...base, channel, recipient: to, recipientName: recipient.name, subject: message.subject, body: message.text }];
  });
}

/** Activities that put messages in the outbox and send them. Safe to retry: a message is stored and sent once per dedupe key and recipient. */
export function createNotificationActivities({ db, transports }: NotificationActivityDeps) {
  return {
    /** Renders a booking's message for its recipients, stores it in the outbox and sends it. */
    async notifyBooking(request: BookingNotificationRequest): Promise<void> {
      const booking = await db('bookings as b')
        .join('organizations as o', 'o.id', 'b.organization_id')
        .join('service_templates as t', 't.id', 'b.service_template_id')
        .join('locations as l', 'l.id', 'b.location_id')
        .where('b.id', request.bookingId)
        .first('b.id', 'b.organization_id', 'b.booker_user_id', 'b.starts_at', 'b.timezone', 'o.name as organization_name', 't.name as service_name', 'l.name as location_name');
      if (!booking) return;
      const dedupeKey = `booking:${booking.id}:${request.kind}:${request.dedupeKey}`;
      const context = {
        organizationName: booking.organizationName,
        serviceName: booking.serviceName,
        locationName: booking.locationName,
        startsAt: booking.startsAt,
        timezone: booking.timezone,
        bookingId: booking.id,
        reason: request.reason ?? null,
        previousStartsAt: request.previousStartsAt ? new Date(request.previousStartsAt) : null,
      };
      const recipients = await bookingRecipients(db, booking, request);
      const base = { organizationId: booking.organizationId, bookingId: booking.id, reservationId: null, kind: request.kind, dedupeKey };
      await enqueueNotifications(db, drafts(base, request.kind, request.channel ?? 'email', recipients, context));
      await deliverQueued(db, transports, { organizationId: booking.organizationId, dedupeKey });
    },

    /** Tells the organization's owners and admins that a hold expired unconfirmed (`onExpiry: notify_admin`). */
    async notifyHoldExpired(input: { reservationId: string }): Promise<void> {
      const hold = await db('reservations as r')
        .join('organizations as o', 'o.id', 'r.organization_id')
        .join('service_templates as t', 't.id', 'r.service_template_id')
        .join('locations as l', 'l.id', 'r.location_id')
        .where('r.id', input.reservationId)
        .first('r.id', 'r.organization_id', 'r.starts_at', 'r.timezone', 'o.name as organization_name', 't.name as service_name', 'l.name as location_name');
      if (!hold) return;
      const admins: Recipient[] = await db('organization_memberships as m')
        .join('users as u', 'u.id', 'm.user_id')
        .where({ 'm.organization_id': hold.organizationId, 'm.status': 'active' })
        .whereIn('m.role', ['owner', 'admin'])
        .select('u.email', db.raw('NULL as phone'), 'u.name')
        .orderBy('u.email');
      const dedupeKey = `reservation:${hold.id}:hold_expired_admin`;
      const context = { organizationName: hold.organizationName, serviceName: hold.serviceName, locationName: hold.locationName, startsAt: hold.startsAt, timezone: hold.timezone, bookingId: null, reservationId: hold.id };
      await enqueueNotifications(db, drafts({ organizationId: hold.organizationId, bookingId: null, reservationId: hold.id, kind: 'hold_expired_admin', dedupeKey }, 'hold_expired_admin', 'email', admins, context));
      await deliverQueued(db, transports, { organizationId: hold.organizationId, dedupeKey });
    },
  };
}
