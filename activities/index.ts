import type { Knex } from 'knex';
import type { NotificationTransports } from '../src/notifications/transport';
import { createBookingActivities } from './booking.activities';
import { createNotificationActivities } from './notification.activities';
import { createReservationActivities } from './reservation.activities';

/** Everything the activities need from the outside world. */
export interface ActivityDeps {
  db: Knex;
  /** How messages leave: email (SMTP) and SMS; a channel without a transport records its messages as skipped. */
  transports: NotificationTransports;
}

/** All activities the worker registers. Activity names are contracts recorded in workflow histories. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createReservationActivities(deps),
    ...createBookingActivities(deps),
    ...createNotificationActivities(deps),
  };
}

/** The activity interface workflows proxy (types only; workflows never import activity code). */
export type Activities = ReturnType<typeof createActivities>;
