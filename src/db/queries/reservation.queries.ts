import type { Knex } from 'knex';
import { ReservationModel } from '../models/reservation.model';

/** One reservation of one organization. */
export async function findReservation(db: Knex, organizationId: string, id: string): Promise<ReservationModel | undefined> {
  return ReservationModel.query(db).findOne({ organizationId, id });
}
