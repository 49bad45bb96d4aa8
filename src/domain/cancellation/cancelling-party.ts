import type { CancelledBy } from './refund-decision';

/**
 * Who a cancellation counts as: the booker cancelling their own booking is the client; a provider
 * member cancelling a booking of their own provider is the provider; anyone else allowed to cancel
 * it (managers, API keys) acts for the organization.
 */
export function cancellingParty(actor: { userId: string | null; providerId?: string | null }, booking: { bookerUserId: string | null; bookableIds?: readonly string[] }): CancelledBy {
  if (actor.userId !== null && actor.userId === booking.bookerUserId) return 'client';
  if (actor.providerId && booking.bookableIds?.includes(actor.providerId)) return 'provider';
  return 'organization';
}
