import type { Knex } from 'knex';
import { renderMessage, type NotificationKind } from '../src/domain/notifications/message-templates';
import type { NotificationTransports } from '../src/notifications/transport';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';
import { adminRecipients, bookingRecipients, draftsFor, loadBookingMessageContext, sendDrafts } from './booking-messages';

/** Dependencies of the notification activities. */
export interface NotificationActivityDeps {
  db: Knex;
  transports: NotificationTransports;
  /** Hands on the events of messages sent (reminder.sent, confirmation.sent, review.requested). */
  events: EventDispatcher;
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

/** Activities that put messages in the outbox and send them. Safe to retry: a message is stored and sent once per dedupe key and recipient. */
export function createNotificationActivities({ db, transports, events }: NotificationActivityDeps) {
  return {
    /** Renders a booking's message for its recipients, stores it in the outbox and sends it. The review request goes to the primary only. */
    async notifyBooking(request: BookingNotificationRequest): Promise<void> {
      const loaded = await loadBookingMessageContext(db, request.bookingId);
      if (!loaded) return;
      const { booking, context } = loaded;
      const dedupeKey = `booking:${booking.id}:${request.kind}:${request.dedupeKey}`;
      const full = { ...context, reason: request.reason ?? null, previousStartsAt: request.previousStartsAt ? new Date(request.previousStartsAt) : null };
      const recipients = await bookingRecipients(db, booking, { participantId: request.participantId, primaryOnly: request.kind === 'review_request' });
      const base = { organizationId: booking.organizationId, bookingId: booking.id, reservationId: null, kind: request.kind, dedupeKey };
      await sendDrafts(db, transports, draftsFor(base, request.channel ?? 'email', recipients, (recipientName) => renderMessage(request.kind, { ...full, recipientName })), booking.organizationId, dedupeKey);
      await events.dispatchPending({ bookingId: booking.id });
    },

    /** Tells the organization's owners and admins that a booking's security deposit could not be held, and why. */
    async notifySecurityDepositFailed(input: { bookingId: string; reason: string | null }): Promise<void> {
      const loaded = await loadBookingMessageContext(db, input.bookingId);
      if (!loaded) return;
      const { booking, context } = loaded;
      const dedupeKey = `booking:${booking.id}:security_deposit_failed_admin`;
      const base = { organizationId: booking.organizationId, bookingId: booking.id, reservationId: null, kind: 'security_deposit_failed_admin', dedupeKey };
      const drafts = draftsFor(base, 'email', await adminRecipients(db, booking.organizationId), (recipientName) => renderMessage('security_deposit_failed_admin', { ...context, recipientName, reason: input.reason }));
      await sendDrafts(db, transports, drafts, booking.organizationId, dedupeKey);
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
      const dedupeKey = `reservation:${hold.id}:hold_expired_admin`;
      const context = { organizationName: hold.organizationName, serviceName: hold.serviceName, locationName: hold.locationName, startsAt: hold.startsAt, timezone: hold.timezone, bookingId: null, reservationId: hold.id };
      const base = { organizationId: hold.organizationId, bookingId: null, reservationId: hold.id, kind: 'hold_expired_admin', dedupeKey };
      const drafts = draftsFor(base, 'email', await adminRecipients(db, hold.organizationId), (recipientName) => renderMessage('hold_expired_admin', { ...context, recipientName }));
      await sendDrafts(db, transports, drafts, hold.organizationId, dedupeKey);
    },
  };
}
