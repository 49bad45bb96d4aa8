import type { Knex } from 'knex';
import { overrideFor, type DateOverride } from '../../domain/availability/calendar-config';
import type { Slot } from '../../domain/availability/slots';
import type { PricingRules } from '../../domain/pricing/pricing-rules';
import { quotePrice, type Quote } from '../../domain/pricing/price-quote';
import { calendarDayPricing } from '../../domain/pricing/calendar-day-pricing';
import { pricedNights } from '../../domain/pricing/stay-nights';
import { localWallClock } from '../../domain/shared/time';
import { upsellQuantitiesTaken } from '../../db/queries/upsell-stock.queries';

/** What the client orders with a slot. */
export interface SlotOrder {
  participants: number;
  quantity?: number;
  upsells: Array<{ id: string; quantity: number }>;
  /** A stay's nights (it checks in on the slot's local date). */
  nights?: number;
}

/**
 * Prices a planned slot with the template's pricing: wall-clock facts in the bookable's zone, the
 * calendar override of that local day (calendarDayPricing), upsell stock left after live holds and
 * bookings, and the day's demand and a premium slot's multiplier as availability reports them. A stay's
 * nights are the local dates from its check-in on, each with its calendar day's multiplier.
 */
export async function quoteSlot(
  db: Knex,
  request: {
    organizationId: string;
    serviceTemplateId: string;
    pricing: unknown;
    slot: Slot;
    timezone: string;
    overrides: readonly DateOverride[];
    now: Date;
    order: SlotOrder;
    /** How full the slot's day already is (availability's utilizationBps), for demand surge. */
    demand?: { utilizationBps: number };
    /** A cascading premium slot's multiplier. */
    premiumMultiplierBps?: number;
  },
): Promise<Quote> {
  const pricing = request.pricing as PricingRules;
  const { localDate, localWeekday, localTime } = localWallClock(request.slot.start, request.timezone);
  const tracked = pricing.upsells.filter((upsell) => upsell.inventory?.trackInventory);
  const taken = tracked.length > 0 ? await upsellQuantitiesTaken(db, request.organizationId, request.serviceTemplateId) : {};
  return quotePrice({
    pricing,
    slot: { startsAt: request.slot.start, localDate, localWeekday, localStartTime: localTime, durationMinutes: (request.slot.end.getTime() - request.slot.start.getTime()) / 60_000 },
    now: request.now,
    participants: request.order.participants,
    quantity: request.order.quantity,
    ...calendarDayPricing(pricing, overrideFor(request.overrides, localDate)),
    upsells: request.order.upsells,
    ...(request.demand ? { demand: request.demand } : {}),
    ...(request.premiumMultiplierBps !== undefined ? { premiumMultiplierBps: request.premiumMultiplierBps } : {}),
    ...(request.order.nights !== undefined ? { nights: pricedNights(localDate, request.order.nights, request.overrides) } : {}),
    upsellStock: Object.fromEntries(tracked.map((upsell) => [upsell.id, Math.max(0, upsell.inventory!.quantityAvailable - (taken[upsell.id] ?? 0))])),
  });
}
