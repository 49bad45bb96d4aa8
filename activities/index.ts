import type { Knex } from 'knex';
import { createBookingActivities } from './booking.activities';
import { createReservationActivities } from './reservation.activities';

/** Everything the activities need from the outside world. */
export interface ActivityDeps {
  db: Knex;
}

/** All activities the worker registers. Activity names are contracts recorded in workflow histories. */
export function createActivities(deps: ActivityDeps) {
  return {
    ...createReservationActivities(deps),
    ...createBookingActivities(deps),
  };
}

/** The activity interface workflows proxy (types only; workflows never import activity code). */
export type Activities = ReturnType<typeof createActivities>;
