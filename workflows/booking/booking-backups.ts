/**
 * Backup bookables of a booking (behind patch `booking-backups`): once the booking is confirmed, one
 * backup per template backup is put on standby (chosen by its strategy) and told `notifyBeforeHours`
 * before the start; when the primary falls through (reported unavailable or a no-show, or cancelling
 * as a provider) the backup takes over in one transaction; once the booking is over the backups' pay
 * goes to the provider ledger. A standby does not reserve the backup's time; when the booking moves,
 * a standby busy at the new time is replaced by the next free candidate.
 */
import { condition, patched, setHandler, upsertSearchAttributes } from '@temporalio/workflow';
import { backupCovers } from '../../src/domain/bookables/backups';
import { holdsResources, isTerminalBookingStatus } from '../../src/domain/booking/booking-status';
import { DomainError } from '../../src/domain/shared/errors';
import { searchAttributes } from '../../temporal/search-attributes';
import { databaseActivities as db, notificationActivities } from '../shared/activity-profiles';
import { activityFailureCode, refusalFromActivity } from '../shared/failures';
import { activateBackupUpdate, type ActivateBackupRequest, type BookingView } from './booking.contract';
import type { BookingRun } from './booking-run';

const HOUR_MS = 3_600_000;

/** The booking's backups: the standby plan, the take-over and the settlement. */
export function createBackups(run: BookingRun) {
  const { input, state } = run;
  const rules = run.rules.backups;
  const enabled = rules.length > 0 && patched('booking-backups');
  const bookableIds = [...input.bookableIds];
  const sending: Promise<unknown>[] = [];
  /** Backups (by key) that took over: their standby notice is no longer sent. */
  const tookOver = new Set<string>();

  const notify = (bookingBackupId: string, kind: 'backup_standby' | 'backup_activated', channel: (typeof rules)[number]['notifyChannel'], dedupeKey: string, reason: string | null = null) => {
    sending.push(notificationActivities.notifyBackup({ bookingId: input.bookingId, bookingBackupId, kind, channel, reason, dedupeKey }).catch(() => undefined));
  };

  /** Swaps a backup in for the primary; call inside `exclusive`. Throws the activity's refusal. */
  const activate = async (request: ActivateBackupRequest, dedupeKey: string): Promise<BookingView> => {
    const activated = await db.activateBackup({ bookingId: input.bookingId, rules, trigger: request.trigger, primaryBookableId: request.primaryBookableId ?? null, reason: request.reason, actor: request.by, occurredAt: new Date().toISOString(), dedupeKey });
    tookOver.add(activated.backupKey);
    bookableIds.splice(bookableIds.indexOf(activated.primaryBookableId), 1, activated.backupBookableId);
    upsertSearchAttributes([{ key: searchAttributes.bookableIds, value: [...bookableIds] }]);
    const rule = rules.find((r) => r.key === activated.backupKey);
    notify(activated.bookingBackupId, 'backup_activated', rule?.notifyChannel ?? 'email', dedupeKey, request.reason);
    return run.view();
  };

  /**
   * A provider cancelling: a backup that covers cancellations and assigns itself takes over instead,
   * and the booking goes on. Null when none does or every one is busy (the booking is then cancelled).
   */
  const takeOverFromCancelling = async (request: { cancelledBy: string; reason: string | null; providerId?: string | null }, dedupeKey: string): Promise<BookingView | null> => {
    if (!enabled || !rules.some((r) => r.autoAssign && backupCovers(r.trigger, 'primary_cancelled'))) return null;
    try {
      return await activate({ by: request.cancelledBy, trigger: 'primary_cancelled', primaryBookableId: request.providerId ?? null, reason: request.reason }, dedupeKey);
    } catch (error) {
      if (['BACKUP_UNAVAILABLE', 'BACKUP_NOT_CONFIGURED'].includes(activityFailureCode(error) ?? '')) return null;
      throw error;
    }
  };

  /**
   * Gives each standby notice `notifyBeforeHours` before the start, planned again when the booking
   * moves; after a move (patch `booking-backups-follow-move`) a standby busy at the new time is replaced first.
   */
  const giveNotice = async (designated: Array<{ id: string; backupKey: string }>, designatedFor: string) => {
    const upcoming = () => state.status === 'confirmed';
    let standbys = designated;
    let plannedFor = designatedFor;
    while (upcoming()) {
      if (state.startsAt !== plannedFor && patched('booking-backups-follow-move')) {
        standbys = await db.designateBackups({ bookingId: input.bookingId, rules, occurredAt: new Date().toISOString(), afterMove: true });
      }
      plannedFor = state.startsAt;
      const moved = () => state.startsAt !== plannedFor || !upcoming();
      const plan = standbys
        .map((standby) => ({ standby, rule: rules.find((r) => r.key === standby.backupKey)! }))
        .filter(({ rule }) => rule)
        .map((entry) => ({ ...entry, at: new Date(plannedFor).getTime() - entry.rule.notifyBeforeHours * HOUR_MS }))
        .sort((a, b) => a.at - b.at);
      for (const { standby, rule, at } of plan) {
        if (await condition(moved, Math.max(1, at - Date.now()))) break;
        if (!tookOver.has(standby.backupKey)) notify(standby.id, 'backup_standby', rule.notifyChannel, `notice:${standby.id}:${plannedFor}`);
      }
      await condition(moved);
    }
  };

  /** Runs beside the booking: standby once confirmed, notice before the start, pay once it is over. */
  const runBackups = async (): Promise<void> => {
    if (!enabled) return;
    await condition(() => state.status !== 'pending');
    if (state.status === 'confirmed') {
      const designatedFor = state.startsAt;
      const standbys = await db.designateBackups({ bookingId: input.bookingId, rules, occurredAt: new Date().toISOString() });
      await giveNotice(standbys, designatedFor);
    }
    await condition(() => isTerminalBookingStatus(state.status) || state.status === 'completed');
    await db.settleBackups({ bookingId: input.bookingId, rules, served: state.status === 'completed' || state.status === 'no_show' });
    await Promise.all(sending);
  };

  const refusing = (error: unknown) => {
    throw refusalFromActivity(error);
  };
  setHandler(activateBackupUpdate, (request) => run.exclusive(() => activate(request, run.updateId()).catch(refusing)), {
    validator: (request: ActivateBackupRequest) =>
      run.guard(null, () => {
        if (!enabled) throw new DomainError('BACKUP_NOT_CONFIGURED', 'This booking has no backups.');
        if (!holdsResources(state.status) || state.status === 'pending') throw new DomainError('INVALID_TRANSITION', `A ${state.status} booking's bookables cannot change.`, { status: state.status });
        if (!rules.some((r) => backupCovers(r.trigger, request.trigger))) throw new DomainError('BACKUP_NOT_CONFIGURED', `No backup of this booking covers ${request.trigger.replaceAll('_', ' ')}.`, { trigger: request.trigger });
      })(),
  });

  return { enabled, takeOverFromCancelling, runBackups };
}

/** The backups of a booking run. */
export type Backups = ReturnType<typeof createBackups>;
