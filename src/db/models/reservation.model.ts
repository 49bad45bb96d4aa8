import type { ReservationStatus } from '../../domain/reservation/reservation-status';
import { BaseModel } from './base.model';

/** The database projection of a reservation workflow (a hold on bookable time). */
export class ReservationModel extends BaseModel {
  static override tableName = 'reservations';

  id!: string;
  organizationId!: string;
  locationId!: string;
  serviceTemplateId!: string;
  serviceTemplateVersion!: number;
  bookableIds!: string[];
  bookerUserId!: string | null;
  createdBy!: string;
  status!: ReservationStatus;
  startsAt!: Date;
  endsAt!: Date;
  timezone!: string;
  expiresAt!: Date;
  workflowId!: string;
  bookingId!: string | null;
  createdAt!: Date;
  updatedAt!: Date;
}
