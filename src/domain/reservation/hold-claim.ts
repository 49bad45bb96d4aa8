import type { Quote } from '../pricing/price-quote';

/**
 * The facts of a hold claim, shared by the reservation workflow's input, the claim activity (times as
 * ISO-8601 strings, as they travel through Temporal) and the database query (times as Dates).
 */
export interface HoldClaimFields<Time> {
  reservationId: string;
  organizationId: string;
  locationId: string;
  serviceTemplateId: string;
  serviceTemplateVersion: number;
  bookableIds: string[];
  bookerUserId: string | null;
  createdBy: string;
  startsAt: Time;
  endsAt: Time;
  blockedFrom: Time;
  blockedUntil: Time;
  timezone: string;
  expiresAt: Time;
  workflowId: string;
  /** The price the client was quoted for the hold (absent in holds made before quotes were kept). */
  priceQuote?: Quote;
  /** A group session's seats taken by this hold: one allocation unit each on every bookable (absent: one). */
  seats?: number;
  /** Per-day limits the hold counts against, counted again when it is claimed (absent: none). */
  dailyLimits?: Array<{ scope: 'bookable' | 'service'; id: string; limit: number; from: Time; until: Time }>;
}

/** A hold claim as it travels through Temporal. */
export type HoldClaimMessage = HoldClaimFields<string>;

/** The claim facts in a reservation request, before the workflow adds its id and the expiry. */
export type HoldRequestFields = Omit<HoldClaimMessage, 'expiresAt' | 'workflowId'>;

/** Picks exactly the claim facts out of a larger request, adding what the workflow decides. */
export function holdClaimMessage(request: HoldRequestFields, decided: { workflowId: string; expiresAt: string }): HoldClaimMessage {
  const { reservationId, organizationId, locationId, serviceTemplateId, serviceTemplateVersion, bookableIds, bookerUserId, createdBy, startsAt, endsAt, blockedFrom, blockedUntil, timezone, priceQuote, seats, dailyLimits } = request;
  return {
    reservationId,
    organizationId,
    locationId,
    serviceTemplateId,
    serviceTemplateVersion,
    bookableIds,
    bookerUserId,
    createdBy,
    startsAt,
    endsAt,
    blockedFrom,
    blockedUntil,
    timezone,
    ...(priceQuote ? { priceQuote } : {}),
    ...(seats !== undefined && seats > 1 ? { seats } : {}),
    ...(dailyLimits?.length ? { dailyLimits } : {}),
    ...decided,
  };
}
