import type { Knex } from 'knex';
import type { BookableCriteria } from '../../domain/bookables/bookable-criteria';
import { checkStart, findSlots } from '../../domain/availability/engine/find-slots';
import type { EngineRequirement, EngineSlot, SlotRefusal, SlotSearch } from '../../domain/availability/engine/engine-types';
import { appointmentMinutes, assignmentPolicy, engineService, serviceRequirements, stayRules, type TemplateAvailabilityBlocks } from '../../domain/availability/engine/service-requirements';
import { findStays, type Stay } from '../../domain/availability/engine/stays';
import { localDateOf, toLocalIso } from '../../domain/shared/time';
import { DomainError } from '../../domain/shared/errors';
import { addMinutes } from '../../domain/shared/durations';
import { loadEngineBookables, serviceBookingStarts } from '../../db/queries/slot-search.queries';
import { definitionOf } from '../../db/queries/service-template.queries';
import type { ServiceTemplateModel } from '../../db/models/service-template.model';

/** What a slot query asks, after validation. */
export interface SlotQuery {
  organizationId: string;
  template: ServiceTemplateModel;
  from: Date;
  to: Date;
  now: Date;
  durationMinutes?: number;
  seats?: number;
  /** The bookable the slots are for (GET /bookables/:id/availability): it fills the first required requirement. */
  anchorBookableId?: string;
  /** Search filters: only these bookables, at this location, meeting these criteria, may fill requirements chosen by criteria. */
  bookableIds?: readonly string[];
  locationId?: string;
  criteria?: BookableCriteria;
  /** A hold being retried: its own allocations do not count as busy. */
  ownReservationId?: string;
}

/**
 * Builds the engine's input for a slot query: the template's requirements (the first one pinned to
 * the anchor bookable when there is one, search criteria added to the ones chosen by criteria), the
 * appointment length, and the bookables, calendars and allocations loaded for the span.
 */
export async function slotSearchInput(db: Knex, query: SlotQuery): Promise<SlotSearch> {
  const blocks = definitionOf(query.template) as unknown as TemplateAvailabilityBlocks;
  const durationMinutes = appointmentMinutes(blocks.duration, query.durationMinutes);
  let requirements = serviceRequirements(blocks).map((requirement) => narrowed(requirement, query.criteria));
  if (query.anchorBookableId) {
    const anchorIndex = requirements.findIndex((r) => !r.optional);
    requirements = requirements.map((r, i) => (i === anchorIndex ? { key: r.key, count: 1, optional: false, specificBookableId: query.anchorBookableId! } : r));
  }
  const named = requirements.flatMap((r) => (r.specificBookableId ? [r.specificBookableId] : []));
  // When every requirement names its bookable (and none may be substituted), only those are loaded.
  const onlyNamed = requirements.every((r) => r.specificBookableId && !r.substitution);
  const bookableIds = onlyNamed ? named : query.bookableIds ? [...new Set([...query.bookableIds, ...named])] : undefined;
  const span = { from: query.from, to: query.to, now: query.now };
  const [bookables, bookingStarts] = await Promise.all([
    loadEngineBookables(
      db,
      {
        organizationId: query.organizationId,
        requirements,
        ...(bookableIds ? { bookableIds } : {}),
        ...(query.locationId ? { locationId: query.locationId } : {}),
      },
      { ...span, ...(query.ownReservationId ? { ignoreReservationId: query.ownReservationId } : {}) },
    ),
    blocks.scheduling?.maxBookingsPerDay ? serviceBookingStarts(db, query.template.id, span) : Promise.resolve([]),
  ]);
  return {
    now: query.now,
    from: query.from,
    to: query.to,
    service: engineService(query.template.id, blocks, durationMinutes, bookingStarts),
    requirements,
    bookables,
    assignment: assignmentPolicy(blocks),
    seats: query.seats ?? 1,
  };
}

// Search criteria narrow requirements that choose by criteria (named bookables stay named).
function narrowed(requirement: EngineRequirement, criteria: BookableCriteria | undefined): EngineRequirement {
  if (!criteria || requirement.specificBookableId) return requirement;
  const merged: BookableCriteria = { ...requirement.criteria };
  if (criteria.categoryIds?.length) merged.categoryIds = criteria.categoryIds;
  if (criteria.tags?.length) merged.tags = [...new Set([...(merged.tags ?? []), ...criteria.tags])];
  if (criteria.certifications?.length) merged.certifications = [...new Set([...(merged.certifications ?? []), ...criteria.certifications])];
  if (criteria.minRating !== undefined) merged.minRating = Math.max(merged.minRating ?? 0, criteria.minRating);
  return { ...requirement, criteria: merged };
}

/** The slots of a query, earliest first. */
export async function searchSlots(db: Knex, query: SlotQuery): Promise<EngineSlot[]> {
  return findSlots(await slotSearchInput(db, query));
}

/** Whether one exact start can be booked, with the bookables the hold would claim. */
export async function checkSlot(db: Knex, query: Omit<SlotQuery, 'from' | 'to'> & { startsAt: Date }): Promise<EngineSlot | SlotRefusal> {
  const input = await slotSearchInput(db, { ...query, from: query.startsAt, to: new Date(query.startsAt.getTime() + 1) });
  return checkStart(input, query.startsAt);
}

/** A slot as the API shows it: UTC, the local rendering in `timezone` (default: the bookable's zone), who serves it, and its flags. */
export function presentSlot(slot: EngineSlot, timezone?: string) {
  const zone = timezone ?? slot.timezone;
  const localStart = toLocalIso(slot.start, zone);
  return {
    startsAt: slot.start.toISOString(),
    endsAt: slot.end.toISOString(),
    timezone: zone,
    local: { startsAt: localStart, endsAt: toLocalIso(slot.end, zone), date: localStart.slice(0, 10) },
    bookableTimezone: slot.timezone,
    bookableIds: slot.bookableIds,
    assignments: slot.assignments,
    rangeType: slot.rangeType,
    premium: slot.premium,
    ...(slot.pricingMultiplierBps !== undefined ? { pricingMultiplierBps: slot.pricingMultiplierBps } : {}),
    ...(slot.seatsLeft !== undefined ? { seatsLeft: slot.seatsLeft } : {}),
    utilizationBps: slot.utilizationBps,
  };
}

/**
 * The error a hold or quote answers when the engine refuses its start: outside the working hours,
 * outside the booking window or too far ahead → SLOT_OUTSIDE_AVAILABILITY; too soon → SLOT_IN_THE_PAST
 * with the earliest start; taken, full, over a daily limit or not opened by a cascade → SLOT_UNAVAILABLE.
 * `details.reason` names the engine's reason, `details.requirementKey` the requirement that could not be filled.
 */
export function refusalError(refusal: SlotRefusal, now: Date, minAdvanceMinutes: number): DomainError {
  const details = { reason: refusal.reason, ...(refusal.requirementKey ? { requirementKey: refusal.requirementKey } : {}) };
  switch (refusal.reason) {
    case 'too_soon':
      return new DomainError('SLOT_IN_THE_PAST', 'That time is too soon to book.', { ...details, earliestStart: addMinutes(now, minAdvanceMinutes).toISOString() });
    case 'outside_hours':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'That time is outside the working hours.', details);
    case 'too_far':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'That time is too far ahead to book.', details);
    case 'booking_closed':
      return new DomainError('SLOT_OUTSIDE_AVAILABILITY', 'Booking for this service is not open now.', details);
    default:
      return new DomainError('SLOT_UNAVAILABLE', 'That time is not available.', details);
  }
}

/** What a stay query asks: check-in local dates [fromDate, toDate] on one bookable, optionally one length. */
export interface StayQuery {
  organizationId: string;
  template: ServiceTemplateModel;
  bookableId: string;
  fromDate: string;
  toDate: string;
  nights?: number;
  now: Date;
  ownReservationId?: string;
}

const DAY_MS = 86_400_000;

/** The template's stays on the bookable; a template not booked by the night is refused. */
export async function searchStays(db: Knex, query: StayQuery): Promise<Stay[]> {
  const rules = stayRules(definitionOf(query.template) as unknown as TemplateAvailabilityBlocks);
  if (!rules) throw new DomainError('VALIDATION_FAILED', 'This service is not booked by the night.', { fields: [{ path: 'serviceTemplateId', message: 'has no minNights/maxNights' }] });
  const reach = (rules.maxNights + rules.minGapBetweenBookings + 2) * DAY_MS;
  const [bookable] = await loadEngineBookables(
    db,
    { organizationId: query.organizationId, requirements: [{ key: 'stay', count: 1, optional: false }], bookableIds: [query.bookableId] },
    { from: new Date(Date.parse(`${query.fromDate}T00:00:00Z`) - reach), to: new Date(Date.parse(`${query.toDate}T00:00:00Z`) + reach), now: query.now, ...(query.ownReservationId ? { ignoreReservationId: query.ownReservationId } : {}) },
  );
  if (!bookable) return [];
  return findStays({ now: query.now, bookable, fromDate: query.fromDate, toDate: query.toDate, ...(query.nights !== undefined ? { nights: query.nights } : {}), rules });
}

/** The stay of `nights` that checks in at `startsAt` on the bookable, or null when there is none free. */
export async function checkStay(db: Knex, query: Omit<StayQuery, 'fromDate' | 'toDate'> & { startsAt: Date; timezone: string; nights: number }): Promise<Stay | null> {
  const checkInDate = localDateOf(query.startsAt.getTime(), query.timezone);
  const stays = await searchStays(db, { ...query, fromDate: checkInDate, toDate: checkInDate });
  return stays.find((stay) => stay.start.getTime() === query.startsAt.getTime()) ?? null;
}

/** A stay as the API shows it. */
export function presentStay(stay: Stay, timezone?: string) {
  const zone = timezone ?? stay.timezone;
  return {
    checkInDate: stay.checkInDate,
    checkOutDate: stay.checkOutDate,
    nights: stay.nights,
    startsAt: stay.start.toISOString(),
    endsAt: stay.end.toISOString(),
    timezone: zone,
    local: { startsAt: toLocalIso(stay.start, zone), endsAt: toLocalIso(stay.end, zone) },
    bookableTimezone: stay.timezone,
  };
}
