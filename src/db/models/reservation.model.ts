import type { ReservationStatus } from '../../domain/reservation/reservation-status';
import type { Quote } from '../../domain/pricing/price-quote';
import { BaseModel } from './base.model';

/** The database projection of a reservation workflow (a hold on bookable time). */
export class ReservationModel extends BaseModel {
  static override tableName = 'reservations';
  static override jsonAttributes = ['priceQuote'];

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
  /** The quote the client was given for this hold. */
  priceQuote!: Quote | null;
  createdAt!: Date;
  updatedAt!: Date;
}
