import type { BookingStatus } from '../../domain/booking/booking-status';
import type { Quote } from '../../domain/pricing/price-quote';
import { BaseModel } from './base.model';

/** The database projection of a booking workflow, used for listing and reading. */
export class BookingModel extends BaseModel {
  static override tableName = 'bookings';
  static override jsonAttributes = ['review', 'cancellationDecision', 'cancellationRequest', 'priceQuote'];

  id!: string;
  organizationId!: string;
  locationId!: string;
  serviceTemplateId!: string;
  serviceTemplateVersion!: number;
  reservationId!: string | null;
  bookerUserId!: string | null;
  createdBy!: string;
  status!: BookingStatus;
  startsAt!: Date;
  endsAt!: Date;
  timezone!: string;
  workflowId!: string;
  cancelledAt!: Date | null;
  cancelledBy!: string | null;
  cancellationReason!: string | null;
  checkedInAt!: Date | null;
  checkInMethod!: string | null;
  completedAt!: Date | null;
  noShowAt!: Date | null;
  review!: { rating: number; comment: string | null; by: string } | null;
  cancellationDecision!: Record<string, unknown> | null;
  /** A cancellation waiting for approval: who asked, as which party, why, when. */
  cancellationRequest!: { requestedBy: string; party: string; reason: string | null; requestedAt: string } | null;
  /** The quote the client accepted, kept from its hold. */
  priceQuote!: Quote | null;
  /** Reschedule fees the client owes (minor units). */
  rescheduleFeesAmount!: number;
  createdAt!: Date;
  updatedAt!: Date;
}
