import type { Knex } from 'knex';
import { deliverQueued, enqueueNotifications, type NotificationDraft } from '../src/db/queries/notification.queries';
import type { MessageContext } from '../src/domain/notifications/message-templates';
import type { NotificationTransports } from '../src/notifications/transport';

/** Someone a message goes to. */
export interface Recipient {
  email: string | null;
  phone: string | null;
  name: string | null;
}

/** A booking's facts for messages: who it belongs to, and the context every message template renders. */
export async function loadBookingMessageContext(db: Knex, bookingId: string) {
  const row = await db('bookings as b')
    .join('organizations as o', 'o.id', 'b.organization_id')
    .join('service_templates as t', 't.id', 'b.service_template_id')
    .join('locations as l', 'l.id', 'b.location_id')
    .where('b.id', bookingId)
    .first('b.id', 'b.organization_id', 'b.booker_user_id', 'b.starts_at', 'b.timezone', 'o.name as organization_name', 't.name as service_name', 'l.name as location_name');
  if (!row) return undefined;
  const context: Omit<MessageContext, 'recipientName'> = {
    organizationName: row.organizationName,
    serviceName: row.serviceName,
    locationName: row.locationName,
    startsAt: row.startsAt,
    timezone: row.timezone,
    bookingId: row.id,
  };
  return { booking: { id: row.id as string, organizationId: row.organizationId as string, bookerUserId: row.bookerUserId as string | null }, context };
}

/**
 * A booking's recipients: every active participant, only the primary, or one participant. Bookings
 * made before participants existed reach their booker.
 */
export async function bookingRecipients(db: Knex, booking: { id: string; bookerUserId: string | null }, audience: { participantId?: string; primaryOnly?: boolean }): Promise<Recipient[]> {
  const query = db('booking_participants').where({ bookingId: booking.id, status: 'active' }).select('email', 'phone', 'name').orderBy('created_at');
  if (audience.participantId) query.where({ id: audience.participantId });
  else if (audience.primaryOnly) query.where({ role: 'primary' });
  const participants: Recipient[] = await query;
  if (participants.length > 0 || audience.participantId || !booking.bookerUserId) return participants;
  const booker = await db('users').where({ id: booking.bookerUserId }).first('email', 'name');
  return booker ? [{ email: booker.email, phone: null, name: booker.name }] : [];
}

/** The organization's active owners and admins. */
export async function adminRecipients(db: Knex, organizationId: string): Promise<Recipient[]> {
  return db('organization_memberships as m')
    .join('users as u', 'u.id', 'm.user_id')
    .where({ 'm.organization_id': organizationId, 'm.status': 'active' })
    .whereIn('m.role', ['owner', 'admin'])
    .select('u.email', db.raw('NULL as phone'), 'u.name')
    .orderBy('u.email');
}

/** One draft per recipient reachable on the channel, rendered for that recipient. */
export function draftsFor(
  base: Omit<NotificationDraft, 'recipient' | 'recipientName' | 'subject' | 'body' | 'channel'>,
  channel: 'email' | 'sms',
  recipients: Recipient[],
  render: (recipientName: string | null) => { subject: string; text: string },
): NotificationDraft[] {
  return recipients.flatMap((recipient) => {
    const to = channel === 'email' ? recipient.email : recipient.phone;
    if (!to) return [];
    const message = render(recipient.name);
    return [{ ...base, channel, recipient: to, recipientName: recipient.name, subject: message.subject, body: message.text }];
  });
}

/** Stores the drafts in the outbox and sends them (once per dedupe key and recipient, whatever the retries). */
export async function sendDrafts(db: Knex, transports: NotificationTransports, drafts: NotificationDraft[], organizationId: string, dedupeKey: string): Promise<void> {
  await enqueueNotifications(db, drafts);
  await deliverQueued(db, transports, { organizationId, dedupeKey });
}
