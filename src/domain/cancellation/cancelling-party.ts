import type { CancelledBy } from './refund-decision';

/**
 * Who a cancellation counts as for refunds: the booker cancelling their own booking is the client;
 * anyone else allowed to cancel it (staff, managers, API keys) acts for the business.
 */
export function cancellingParty(actor: { userId: string | null }, booking: { bookerUserId: string | null }): CancelledBy {
  return actor.userId !== null && actor.userId === booking.bookerUserId ? 'client' : 'organization';
}
