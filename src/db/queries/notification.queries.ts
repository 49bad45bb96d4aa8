import type { Knex } from 'knex';
import { newId } from '../../ids';
import type { EventType } from '../../domain/events/event-catalogue';
import type { NotificationTransport, NotificationTransports } from '../../notifications/transport';
import { recordBookingEvent } from './domain-event.queries';

/** Where a notification is in its delivery; `sending` while one delivery call holds it. */
export type NotificationStatus = 'queued' | 'sending' | 'sent' | 'failed' | 'skipped';

/** A message to put in the outbox; `dedupeKey` (with channel and recipient) makes enqueueing it twice a no-op. */
export interface NotificationDraft {
  organizationId: string;
  bookingId: string | null;
  reservationId: string | null;
  kind: string;
  channel: 'email' | 'sms';
  recipient: string;
  recipientName: string | null;
  subject: string;
  body: string;
  dedupeKey: string;
}

/** A notification as listed: what was sent to whom, and how its delivery went. */
export interface NotificationRow extends Omit<NotificationDraft, 'organizationId' | 'dedupeKey'> {
  id: string;
  status: NotificationStatus;
  transport: string | null;
  error: string | null;
  attempts: number;
  createdAt: Date;
  sentAt: Date | null;
}

/** How many notifications one delivery call sent, failed to send, and skipped for want of a transport. */
export interface DeliveryTally {
  sent: number;
  failed: number;
  skipped: number;
}

/**
 * How long a delivery call may hold a row in `sending` before another call takes it over (the caller
 * died mid-send). A send that outlives it may go out twice; the SMTP transport's timeouts are shorter.
 */
export const CLAIM_TIMEOUT_SECONDS = 120;

type ClaimedNotification = Pick<NotificationRow, 'id' | 'bookingId' | 'kind' | 'channel' | 'recipient' | 'recipientName' | 'subject' | 'body'>;

const uniqueKey = ['organization_id', 'dedupe_key', 'channel', 'recipient'];

/** Puts messages in the outbox as `queued`; a message already there (same dedupe key, channel and recipient) is left as it is. */
export async function enqueueNotifications(db: Knex, drafts: readonly NotificationDraft[]): Promise<void> {
  if (drafts.length === 0) return;
  await db('notifications')
    .insert(drafts.map((draft) => ({ id: newId('notification'), ...draft })))
    .onConflict(uniqueKey)
    .ignore();
}

/**
 * Delivers the `queued` and `failed` notifications of one dedupe key. Rows are first claimed in one
 * statement (status `sending`), so concurrent calls never send the same row; a channel without a
 * transport is `skipped`. Throws after trying every row if any send failed, so the calling activity
 * is retried; rows already sent are not sent again.
 */
export async function deliverQueued(db: Knex, transports: NotificationTransports, filter: { organizationId: string; dedupeKey: string }): Promise<DeliveryTally> {
  const claimed = await claimDeliverable(db, filter);
  const tally: DeliveryTally = { sent: 0, failed: 0, skipped: 0 };
  const failures: string[] = [];
  for (const notification of claimed) {
    const transport = transports[notification.channel];
    if (!transport) {
      await db('notifications').where({ id: notification.id }).update({ status: 'skipped', error: `no ${notification.channel} transport configured` });
      tally.skipped++;
      continue;
    }
    const failure = await sendOne(db, transport, notification);
    if (failure === null) {
      tally.sent++;
    } else {
      tally.failed++;
      failures.push(`${notification.id}: ${failure}`);
    }
  }
  if (failures.length > 0) throw new Error(`${failures.length} of ${claimed.length} notifications failed to send and are retried on the next delivery: ${failures.join('; ')}`);
  return tally;
}

async function claimDeliverable(db: Knex, filter: { organizationId: string; dedupeKey: string }): Promise<ClaimedNotification[]> {
  return db('notifications')
    .where({ organizationId: filter.organizationId, dedupeKey: filter.dedupeKey })
    .where((deliverable) =>
      deliverable
        .whereIn('status', ['queued', 'failed'])
        .orWhere((abandoned) => abandoned.where({ status: 'sending' }).where('claimed_at', '<', db.raw(`now() - interval '${CLAIM_TIMEOUT_SECONDS} seconds'`))),
    )
    .update({ status: 'sending', claimedAt: db.fn.now() })
    .returning(['id', 'bookingId', 'kind', 'channel', 'recipient', 'recipientName', 'subject', 'body']);
}

/** The event a sent message publishes (spec §4.2 notification events). */
const sentEvents: Partial<Record<string, EventType>> = { booking_reminder: 'reminder.sent', booking_confirmed: 'confirmation.sent', review_request: 'review.requested' };

/** Sends one claimed notification and records the outcome; returns why it failed, or null once sent. */
async function sendOne(db: Knex, transport: NotificationTransport, notification: ClaimedNotification): Promise<string | null> {
  const attempts = db.raw('attempts + 1');
  try {
    const { providerMessageId } = await transport.send({
      channel: notification.channel,
      to: notification.recipient,
      toName: notification.recipientName,
      subject: notification.subject,
      text: notification.body,
    });
    await db.transaction(async (trx) => {
      await trx('notifications').where({ id: notification.id }).update({ status: 'sent', sentAt: trx.fn.now(), transport: transport.name, providerMessageId, error: null, attempts });
      const type = sentEvents[notification.kind];
      if (type && notification.bookingId) {
        const extra = { notification: { id: notification.id, channel: notification.channel, recipient: notification.recipient } };
        await recordBookingEvent(trx, { type, bookingId: notification.bookingId, dedupeKey: notification.id, occurredAt: new Date(), extra });
      }
    });
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await db('notifications').where({ id: notification.id }).update({ status: 'failed', transport: transport.name, error: message, attempts });
    return message;
  }
}

/** An organization's notifications, oldest first, a page at a time (`afterId`: the last id of the previous page). */
export async function listNotifications(
  db: Knex,
  filter: { organizationId: string; bookingId?: string; recipient?: string; status?: string; channel?: 'email' | 'sms'; limit: number; afterId?: string },
): Promise<NotificationRow[]> {
  const query = db('notifications')
    .where({ organizationId: filter.organizationId })
    .orderBy(['created_at', 'id'])
    .limit(filter.limit)
    .select('id', 'bookingId', 'reservationId', 'kind', 'channel', 'recipient', 'recipientName', 'subject', 'body', 'status', 'transport', 'error', 'attempts', 'createdAt', 'sentAt');
  if (filter.bookingId) query.where({ bookingId: filter.bookingId });
  if (filter.recipient !== undefined) query.where({ recipient: filter.recipient });
  if (filter.status) query.where({ status: filter.status });
  if (filter.channel) query.where({ channel: filter.channel });
  if (filter.afterId) {
    query.whereRaw('(created_at, id) > (select created_at, id from notifications where organization_id = ? and id = ?)', [filter.organizationId, filter.afterId]);
  }
  return query;
}
