import type { Knex } from 'knex';
import type { BookableCriteria } from '../../domain/bookables/bookable-criteria';
import { checkStart, findSlots } from '../../domain/availability/engine/find-slots';
import type { EngineRequirement, EngineSlot, SlotRefusal, SlotSearch } from '../../domain/availability/engine/engine-types';
import { appointmentMinutes, assignmentPolicy, engineService, narrowedByCriteria, serviceRequirements, stayRules, type TemplateAvailabilityBlocks } from '../../domain/availability/engine/service-requirements';
import { findStays, type Stay } from '../../domain/availability/engine/stays';
import { localDateMs, localDateOf, toLocalIso } from '../../domain/shared/time';
import { DomainError } from '../../domain/shared/errors';
import { refusalError } from '../../domain/availability/engine/slot-refusal';
import type { BookableRecord } from '../../db/queries/bookable.queries';
import { loadEngineBookables, serviceBookingStarts } from '../../db/queries/slot-search.queries';
import { definitionOf, type TemplateDefinition } from '../../db/queries/service-template.queries';
import type { ServiceTemplateModel } from '../../db/models/service-template.model';

/** A service as slots are planned for it: its id and the definition (current, or the version a booking was made with). */
export interface SlotService {
  id: string;
  definition: TemplateDefinition;
}

/** The current definition of a stored template. */
export function currentService(template: ServiceTemplateModel): SlotService {
  return { id: template.id, definition: definitionOf(template) };
}

/** What a slot query asks, after validation. */
export interface SlotQuery {
  organizationId: string;
  template: SlotService;
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
  /** A booking moving to a new time: its own allocations do not count as busy. */
  ownBookingId?: string;
  /** A booking keeping its bookables at a new time: each of these is required, in place of the template's requirements. */
  keepBookableIds?: readonly string[];
}

/**
 * Builds the engine's input for a slot query: the template's requirements (the first one pinned to
 * the anchor bookable when there is one, search criteria added to the ones chosen by criteria), the
 * appointment length, and the bookables, calendars and allocations loaded for the span.
 */
export async function slotSearchInput(db: Knex, query: SlotQuery): Promise<SlotSearch> {
  const blocks = query.template.definition as unknown as TemplateAvailabilityBlocks;
  const durationMinutes = appointmentMinutes(blocks.duration, query.durationMinutes);
  let requirements = query.keepBookableIds
    ? query.keepBookableIds.map((id): EngineRequirement => ({ key: id, count: 1, optional: false, specificBookableId: id }))
    : serviceRequirements(blocks).map((requirement) => narrowedByCriteria(requirement, query.criteria));
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
      { ...span, ...(query.ownReservationId ? { ignoreReservationId: query.ownReservationId } : {}), ...(query.ownBookingId ? { ignoreBookingId: query.ownBookingId } : {}) },
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

/** What a stay query asks: check-in local dates [fromDate, toDate] on one bookable, optionally one length. */
export interface StayQuery {
  organizationId: string;
  template: SlotService;
  bookableId: string;
  fromDate: string;
  toDate: string;
  nights?: number;
  now: Date;
  ownReservationId?: string;
  ownBookingId?: string;
}

const DAY_MS = 86_400_000;

/** The template's stays on the bookable; a template not booked by the night is refused. */
export async function searchStays(db: Knex, query: StayQuery): Promise<Stay[]> {
  const rules = stayRules(query.template.definition as unknown as TemplateAvailabilityBlocks);
  if (!rules) throw new DomainError('VALIDATION_FAILED', 'This service is not booked by the night.', { fields: [{ path: 'serviceTemplateId', message: 'has no minNights/maxNights' }] });
  const reach = (rules.maxNights + rules.minGapBetweenBookings + 2) * DAY_MS;
  const [bookable] = await loadEngineBookables(
    db,
    { organizationId: query.organizationId, requirements: [{ key: 'stay', count: 1, optional: false }], bookableIds: [query.bookableId] },
    { from: new Date(Date.parse(`${query.fromDate}T00:00:00Z`) - reach), to: new Date(Date.parse(`${query.toDate}T00:00:00Z`) + reach), now: query.now, ...(query.ownReservationId ? { ignoreReservationId: query.ownReservationId } : {}), ...(query.ownBookingId ? { ignoreBookingId: query.ownBookingId } : {}) },
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

/** What a hold claims: the times, the zone, the bookables, the seats (group sessions), and the day's demand and premium multiplier for the price. */
export type PlannedSlot = Pick<EngineSlot, 'start' | 'end' | 'blockedStart' | 'blockedEnd' | 'timezone' | 'bookableIds' | 'utilizationBps' | 'pricingMultiplierBps' | 'dailyLimits'> & { seats: number };

/** What a hold or quote asks for, as POST /reservations carries it. */
export interface SlotRequest {
  startsAt: Date;
  bookableId?: string;
  durationMinutes?: number;
  nights?: number;
  participants: number;
}

/**
 * The slot (or stay) a hold or quote asks for, checked by the availability engine, with the
 * bookables it claims; refused with the engine's reason. A service booked by the night needs its
 * bookable and nights; any other refuses nights.
 */
export async function planSlot(
  db: Knex,
  plan: { organizationId: string; template: SlotService; now: Date; request: SlotRequest; reservationId?: string; bookable?: BookableRecord; minAdvanceMinutes: number },
): Promise<PlannedSlot> {
  const { organizationId, template, now, request: input, reservationId, bookable } = plan;
  const { definition } = template;
  if (stayRules(definition as unknown as TemplateAvailabilityBlocks)) {
    if (!bookable || input.nights === undefined) throw new DomainError('VALIDATION_FAILED', 'A stay names its bookable and its nights.', { fields: [{ path: bookable ? 'nights' : 'bookableId', message: 'required for a service booked by the night' }] });
    return plannedStay(db, { organizationId, template, bookableId: bookable.bookable.id, startsAt: input.startsAt, nights: input.nights, timezone: bookable.calendar!.timezone, now, ownReservationId: reservationId });
  }
  if (input.nights !== undefined) throw new DomainError('VALIDATION_FAILED', 'This service is not booked by the night.', { fields: [{ path: 'nights', message: 'only for services with minNights/maxNights' }] });
  const seats = isGroup(definition) ? input.participants : 1;
  const checked = await checkSlot(db, { organizationId, template, now, startsAt: input.startsAt, durationMinutes: input.durationMinutes, seats, anchorBookableId: input.bookableId, ownReservationId: reservationId });
  if ('reason' in checked) throw refusalError(checked, now, plan.minAdvanceMinutes);
  return { ...checked, seats };
}

/**
 * A booking's new time, checked by the availability engine with the rules of the template version it
 * was made with: the same bookables, each required (open, free apart from this booking, within notice,
 * limits and buffers), for the same length (a stay: the same nights from the new check-in).
 */
export async function planReschedule(
  db: Knex,
  plan: { organizationId: string; template: SlotService; now: Date; booking: { id: string; startsAt: Date; endsAt: Date; timezone: string; bookableIds: readonly string[]; seats: number }; startsAt: Date; minAdvanceMinutes: number },
): Promise<PlannedSlot> {
  const { organizationId, template, now, booking, startsAt } = plan;
  if (stayRules(template.definition as unknown as TemplateAvailabilityBlocks)) {
    const nights = Math.round((localDateMs(localDateOf(booking.endsAt.getTime(), booking.timezone)) - localDateMs(localDateOf(booking.startsAt.getTime(), booking.timezone))) / DAY_MS);
    return plannedStay(db, { organizationId, template, bookableId: booking.bookableIds[0]!, startsAt, nights, timezone: booking.timezone, now, ownBookingId: booking.id });
  }
  const durationMinutes = (booking.endsAt.getTime() - booking.startsAt.getTime()) / 60_000;
  const checked = await checkSlot(db, { organizationId, template, now, startsAt, durationMinutes, seats: booking.seats, keepBookableIds: booking.bookableIds, ownBookingId: booking.id });
  if ('reason' in checked) throw refusalError(checked, now, plan.minAdvanceMinutes);
  return { ...checked, seats: booking.seats };
}

function isGroup(definition: TemplateDefinition): boolean {
  return (definition.capacity as { type?: string } | null)?.type === 'group';
}

async function plannedStay(db: Knex, query: Omit<StayQuery, 'fromDate' | 'toDate'> & { startsAt: Date; timezone: string; nights: number }): Promise<PlannedSlot> {
  const stay = await checkStay(db, query);
  if (!stay) throw new DomainError('SLOT_UNAVAILABLE', 'That stay is not available.', { reason: 'stay_unavailable', nights: query.nights });
  return { start: stay.start, end: stay.end, blockedStart: stay.start, blockedEnd: stay.end, timezone: stay.timezone, bookableIds: [query.bookableId], utilizationBps: 0, seats: 1 };
}
