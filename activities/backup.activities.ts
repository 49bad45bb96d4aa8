import type { Knex } from 'knex';
import { activateBackup, designateBackups, markBackupNotified, settleBackups, type ActivatedBackup, type BackupActivation, type DesignatedStandby } from '../src/db/queries/backup.queries';
import { backupChannels, type BackupRule } from '../src/domain/bookables/backups';
import { renderMessage } from '../src/domain/notifications/message-templates';
import type { NotificationTransports } from '../src/notifications/transport';
import type { EventDispatcher } from '../temporal/commands/event-dispatch';
import { asActivityFailure } from './activity-failure';
import { draftsFor, loadBookingMessageContext, sendDrafts, type Recipient } from './booking-messages';

/** Dependencies of the backup activities. */
export interface BackupActivityDeps {
  db: Knex;
  transports: NotificationTransports;
  events: EventDispatcher;
}

/** A message to a booking's backup: the standby notice or the news that it takes over. */
export interface BackupNotificationRequest {
  bookingId: string;
  bookingBackupId: string;
  kind: 'backup_standby' | 'backup_activated';
  channel: BackupRule['notifyChannel'];
  reason?: string | null;
  dedupeKey: string;
}

/** Where a backup bookable (a provider) is reached: its own email and phone, else its member's email. */
async function backupRecipient(db: Knex, bookingBackupId: string): Promise<Recipient | null> {
  const row = await db('booking_backups as bk')
    .join('bookables as k', 'k.id', 'bk.backup_bookable_id')
    .leftJoin('providers as p', 'p.bookable_id', 'k.id')
    .leftJoin('users as u', 'u.id', 'p.user_id')
    .where('bk.id', bookingBackupId)
    .first('k.name', 'p.email', 'p.phone', 'u.email as user_email');
  return row ? { email: row.email ?? row.userEmail ?? null, phone: row.phone ?? null, name: row.name } : null;
}

/** Activities that put backups on standby, swap one in, settle their pay and tell them. Each is idempotent. */
export function createBackupActivities({ db, transports, events }: BackupActivityDeps) {
  return {
    /** Puts one backup per rule on standby (chosen by the rule's strategy), or checks them again after a move; returns the booking's standbys. */
    async designateBackups(input: { bookingId: string; rules: BackupRule[]; occurredAt: string; afterMove?: boolean }): Promise<DesignatedStandby[]> {
      return designateBackups(db, { bookingId: input.bookingId, rules: input.rules, actor: 'system', occurredAt: new Date(input.occurredAt), afterMove: input.afterMove === true });
    },

    /** Swaps the primary for a free backup in one transaction; BACKUP_UNAVAILABLE / BACKUP_NOT_CONFIGURED refuse and change nothing. */
    async activateBackup(input: Omit<BackupActivation, 'occurredAt'> & { occurredAt: string }): Promise<ActivatedBackup> {
      const activated = await asActivityFailure(() => activateBackup(db, { ...input, occurredAt: new Date(input.occurredAt) }));
      await events.dispatchPending({ bookingId: input.bookingId });
      return activated;
    },

    /** Writes the backups' pay to the provider ledger once the booking is over (or releases them unpaid). */
    async settleBackups(input: { bookingId: string; rules: BackupRule[]; served: boolean }): Promise<void> {
      await settleBackups(db, { ...input, actor: 'system' });
    },

    /** Tells the backup's provider, through the outbox, on the rule's channels. */
    async notifyBackup(request: BackupNotificationRequest): Promise<void> {
      const [loaded, recipient] = await Promise.all([loadBookingMessageContext(db, request.bookingId), backupRecipient(db, request.bookingBackupId)]);
      if (!loaded || !recipient) return;
      const { booking, context } = loaded;
      const dedupeKey = `booking:${booking.id}:${request.kind}:${request.dedupeKey}`;
      const base = { organizationId: booking.organizationId, bookingId: booking.id, reservationId: null, kind: request.kind, dedupeKey };
      const render = (recipientName: string | null) => renderMessage(request.kind, { ...context, recipientName, reason: request.reason ?? null });
      for (const channel of backupChannels(request.channel)) await sendDrafts(db, transports, draftsFor(base, channel, [recipient], render), booking.organizationId, dedupeKey);
      if (request.kind === 'backup_standby') await markBackupNotified(db, request.bookingBackupId);
    },
  };
}
