import { activateBackupSchema } from '../../routes/booking-backups.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const listDescription =
  '`{ bookingId, data: [{ id, backupKey, requirementId, primaryBookableId, backupBookableId, strategy, status, trigger, reason, activatedBy, activatedAt, notifiedAt, feeAmount, currency, settledAt, createdAt }] }`. `status` is `standby` (chosen, not working), `activated` (took over) or `released` (the booking ended without it); `feeAmount` is what it earned, set once the booking is over.';

/** Backup bookables of a booking (booking-backups.routes.ts). */
export const bookingBackupEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/bookings/{id}/backups',
    operationId: 'listBookingBackups',
    summary: 'The backups standing by for a booking, and any that took over',
    description:
      'For templates whose `bookables.backups` name candidates (`backupBookableIds`): once the booking is confirmed one backup per entry is put on standby, chosen among the candidates free for the booking’s time by `autoAssignStrategy` (`availability`: the first free in priority order; `round_robin`: the next after the template’s previous standby; `least_recently_used`: the one whose last booking or standby is oldest). A standby does not reserve the backup’s time. It is told `notifyBeforeHours` before the start.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingViewers,
    success: { status: 200, description: listDescription },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/backups/activate',
    operationId: 'activateBookingBackup',
    summary: 'Report a primary bookable unavailable: a backup takes over',
    description:
      'In one transaction the booking’s time moves from the primary to the standby backup, or, when it is busy by now, to the next free candidate by the backup’s strategy; the primary’s time is free again. Backups with `trigger.when: primary_unavailable` cover every situation, the others only their own (`primary_no_show` here; `primary_cancelled` takes over automatically when the provider cancels and `autoAssign` is on). Emits `backup.activated` and tells the backup. Every candidate busy: 409 BACKUP_UNAVAILABLE and the booking keeps its bookables; no backup covering it: 422 BACKUP_NOT_CONFIGURED.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.bookingApprovers,
    body: activateBackupSchema,
    success: { status: 200, description: listDescription },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'INVALID_TRANSITION', 'CONFLICT', 'WORKFLOW_UNAVAILABLE', 'BACKUP_NOT_CONFIGURED', 'BACKUP_UNAVAILABLE'],
  },
];
