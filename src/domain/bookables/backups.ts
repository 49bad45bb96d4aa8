/**
 * Backup bookables (spec §3.1 BackupBookableConfig): who stands by for a booking's primary bookable,
 * which standby takes over when the primary falls through, and what a backup earns. Pure: candidates,
 * their availability and history come in as data.
 */
import { prorate, shareOf } from '../shared/money';
import type { BookableCriteria } from './bookable-criteria';

/** How a standby is picked among the candidates. */
export type BackupStrategy = 'round_robin' | 'least_recently_used' | 'availability';

/** What makes a backup take over. */
export type BackupTrigger = 'primary_unavailable' | 'primary_cancelled' | 'primary_no_show';

/** What a bookable in a requirement's role earns (the template's CompensationRule). */
export interface RoleCompensation {
  type: 'flat' | 'hourly' | 'percentage';
  amount?: number;
  shareBps?: number;
}

/** One backup of a template version, as the booking keeps it. */
export interface BackupRule {
  /** The backup's `id` in the template, or `backup-<index>`. */
  key: string;
  primaryRequirementId: string;
  /** The requirement backed up: its bookable type, the bookable it names (if any), and what its role pays. */
  primary: { bookableType: string; specificBookableId: string | null; compensation: RoleCompensation | null };
  /** Candidates in priority order (empty when the backup names `criteria`). */
  candidateIds: string[];
  /** Candidates by criteria instead: the active bookables of the primary's type meeting them on the booking's local date, by id (absent in rules of older bookings). */
  criteria?: BookableCriteria | null;
  trigger: BackupTrigger;
  /** Notice the backup needs before the booking's start to take over (absent in rules of older bookings: none). */
  noticeHours?: number;
  compensation: {
    ifNotUsed: 'none' | 'partial' | 'full';
    ifUsed: 'standard' | 'premium' | 'overtime';
    standbyFeeAmount?: number;
    usageFeeAmount?: number;
  };
  autoAssign: boolean;
  strategy: BackupStrategy;
  notifyBeforeHours: number;
  /** Push is not delivered yet: it goes by email. */
  notifyChannel: 'email' | 'sms' | 'push' | 'all';
}

interface StoredRequirement {
  id?: string;
  bookableType: string;
  specificBookableId?: string;
  compensation?: RoleCompensation;
}

interface StoredBackup {
  id?: string;
  primaryRequirementId: string;
  backupBookableIds?: string[];
  criteria?: BookableCriteria;
  trigger?: { when?: BackupTrigger; noticeHours?: number };
  compensation?: { ifNotUsed?: BackupRule['compensation']['ifNotUsed']; ifUsed?: BackupRule['compensation']['ifUsed']; amounts?: { standbyFeeAmount?: number; usageFeeAmount?: number } };
  autoAssign?: boolean;
  autoAssignStrategy?: BackupStrategy;
  notifyBeforeHours?: number;
  notifyChannel?: BackupRule['notifyChannel'];
}

/** The backups of a template version's `bookables` block: candidates named by id, or by criteria. */
export function backupRulesOf(bookables: unknown): BackupRule[] {
  const block = (bookables ?? {}) as { required?: StoredRequirement[]; optional?: StoredRequirement[]; backups?: StoredBackup[] };
  const requirements = [...(block.required ?? []), ...(block.optional ?? [])];
  return (block.backups ?? []).flatMap((backup, index) => {
    const requirement = requirements.find((r) => r.id === backup.primaryRequirementId);
    if (!requirement || (!backup.backupBookableIds?.length && !backup.criteria)) return [];
    const amounts = backup.compensation?.amounts ?? {};
    return [
      {
        key: backup.id ?? `backup-${index}`,
        primaryRequirementId: backup.primaryRequirementId,
        primary: { bookableType: requirement.bookableType, specificBookableId: requirement.specificBookableId ?? null, compensation: requirement.compensation ?? null },
        candidateIds: backup.backupBookableIds ?? [],
        criteria: backup.criteria ?? null,
        trigger: backup.trigger?.when ?? 'primary_unavailable',
        noticeHours: backup.trigger?.noticeHours ?? 0,
        compensation: {
          ifNotUsed: backup.compensation?.ifNotUsed ?? 'none',
          ifUsed: backup.compensation?.ifUsed ?? 'standard',
          ...(amounts.standbyFeeAmount !== undefined ? { standbyFeeAmount: amounts.standbyFeeAmount } : {}),
          ...(amounts.usageFeeAmount !== undefined ? { usageFeeAmount: amounts.usageFeeAmount } : {}),
        },
        autoAssign: backup.autoAssign ?? false,
        strategy: backup.autoAssignStrategy ?? 'availability',
        notifyBeforeHours: backup.notifyBeforeHours ?? 24,
        notifyChannel: backup.notifyChannel ?? 'email',
      },
    ];
  });
}

/**
 * The booking's bookable a backup stands in for: the requirement's own bookable when it names one,
 * otherwise the first of the booking's bookables of the requirement's type.
 */
export function primaryBookableOf(rule: BackupRule, bookables: ReadonlyArray<{ id: string; type: string }>): string | null {
  if (rule.primary.specificBookableId) return bookables.some((b) => b.id === rule.primary.specificBookableId) ? rule.primary.specificBookableId : null;
  return bookables.find((b) => b.type === rule.primary.bookableType)?.id ?? null;
}

/** A candidate as the chooser sees it: free for the booking's blocked time or not, and when it last stood by or worked. */
export interface BackupCandidate {
  bookableId: string;
  free: boolean;
  /** The latest booking or standby of this bookable; null when it never had one. */
  lastAssignedAt: Date | null;
}

/**
 * The free candidates in the order to try them (`candidates` come in priority order):
 * - `availability`: priority order;
 * - `round_robin`: priority order, starting after `lastChosenId` (the template's previous standby) and wrapping;
 * - `least_recently_used`: the oldest `lastAssignedAt` first (never assigned before anyone), ties by priority.
 */
export function rankBackupCandidates(strategy: BackupStrategy, candidates: readonly BackupCandidate[], lastChosenId: string | null = null): string[] {
  let ordered = [...candidates];
  if (strategy === 'round_robin') {
    const start = candidates.findIndex((c) => c.bookableId === lastChosenId) + 1;
    ordered = [...candidates.slice(start), ...candidates.slice(0, start)];
  } else if (strategy === 'least_recently_used') {
    const at = (c: BackupCandidate) => c.lastAssignedAt?.getTime() ?? Number.NEGATIVE_INFINITY;
    ordered = candidates.map((c, priority) => ({ c, priority })).sort((a, b) => at(a.c) - at(b.c) || a.priority - b.priority).map(({ c }) => c);
  }
  return ordered.filter((c) => c.free).map((c) => c.bookableId);
}

/** The candidate to put on standby, or null when none is free. */
export function chooseStandby(strategy: BackupStrategy, candidates: readonly BackupCandidate[], lastChosenId: string | null = null): string | null {
  return rankBackupCandidates(strategy, candidates, lastChosenId)[0] ?? null;
}

/**
 * Whether a backup configured for `configured` covers what happened: `primary_unavailable` covers
 * every way the primary falls through (unavailable, cancelled, no-show); the others only their own.
 */
export function backupCovers(configured: BackupTrigger, happened: BackupTrigger): boolean {
  return configured === 'primary_unavailable' || configured === happened;
}

/** How `ifUsed` scales the usage fee, in basis points: standard 100 %, premium 125 %, overtime 150 %. */
export const usageMultiplierBps: Record<BackupRule['compensation']['ifUsed'], number> = { standard: 10_000, premium: 12_500, overtime: 15_000 };

/** What the primary's role pays for this booking (flat, hourly over its duration, or a share of its value). */
export function roleCompensationAmount(rule: RoleCompensation | null | undefined, booking: { durationMinutes: number; expectedAmount: number }): number {
  if (!rule) return 0;
  if (rule.type === 'percentage') return shareOf(booking.expectedAmount, rule.shareBps ?? 0);
  if (rule.type === 'hourly') return prorate(rule.amount ?? 0, booking.durationMinutes, 60);
  return rule.amount ?? 0;
}

/** A backup's pay for one booking, in minor units, with why. */
export interface BackupFee {
  reason: 'backup_standby' | 'backup_used';
  amount: number;
}

/**
 * What a backup earns once the booking is over. Used: the usage fee (or, without one, what the
 * primary's role pays) scaled by `ifUsed`. Stood by unused: `none` nothing, `partial` the standby
 * fee, `full` what it would have earned working at the standard rate.
 */
export function backupFee(rule: BackupRule['compensation'], outcome: 'standby' | 'used', roleAmount: number): BackupFee {
  const fullPay = rule.usageFeeAmount ?? roleAmount;
  if (outcome === 'used') return { reason: 'backup_used', amount: shareOf(fullPay, usageMultiplierBps[rule.ifUsed]) };
  const amount = rule.ifNotUsed === 'partial' ? (rule.standbyFeeAmount ?? 0) : rule.ifNotUsed === 'full' ? fullPay : 0;
  return { reason: 'backup_standby', amount };
}

/** The channels a backup's messages go by (push is not delivered yet and falls back to email). */
export function backupChannels(channel: BackupRule['notifyChannel']): Array<'email' | 'sms'> {
  if (channel === 'sms') return ['sms'];
  return channel === 'all' ? ['email', 'sms'] : ['email'];
}

/**
 * Whether a backup still has the notice it needs (`trigger.noticeHours` before the booking's start)
 * when asked to take over at `at`. A no-show is only known at the start, so it needs none.
 */
export function hasNotice(rule: Pick<BackupRule, 'noticeHours'>, trigger: BackupTrigger, startsAt: Date, at: Date): boolean {
  if (trigger === 'primary_no_show') return true;
  return startsAt.getTime() - at.getTime() >= (rule.noticeHours ?? 0) * 3_600_000;
}
