import type { Knex } from 'knex';
import type { EventType } from '../../domain/events/event-catalogue';
import { newId } from '../../ids';

/**
 * The event log (spec §4.2 events). Events are written by the queries that make the change they
 * report, inside the same transaction, so a committed change always has its event and a rolled-back
 * one never does. The dedupe key makes a retried write record the event once.
 */

/** An event as webhooks and handlers see it. */
export interface DomainEventRecord {
  id: string;
  organizationId: string;
  type: EventType;
  bookingId: string | null;
  reservationId: string | null;
  locationId: string | null;
  serviceTemplateId: string | null;
  status: string | null;
  data: Record<string, unknown>;
  occurredAt: Date;
}

/** The booking as events carry it. */
export async function bookingSnapshot(trx: Knex | Knex.Transaction, bookingId: string) {
  const booking = await trx('bookings').where({ id: bookingId }).first();
  if (!booking) return undefined;
  const [bookables, participants] = await Promise.all([
    trx('booking_bookables').where({ bookingId }).orderBy('bookable_id').pluck('bookable_id'),
    trx('booking_participants').where({ bookingId, status: 'active' }).count<{ count: string }[]>('* as count'),
  ]);
  return {
    organizationId: booking.organizationId as string,
    snapshot: {
      id: booking.id as string,
      status: booking.status as string,
      startsAt: (booking.startsAt as Date).toISOString(),
      endsAt: (booking.endsAt as Date).toISOString(),
      timezone: booking.timezone as string,
      locationId: booking.locationId as string,
      serviceTemplateId: booking.serviceTemplateId as string,
      serviceTemplateVersion: booking.serviceTemplateVersion as number,
      bookableIds: bookables as string[],
      bookerUserId: booking.bookerUserId as string | null,
      participantCount: Number(participants[0]?.count ?? 0),
      reservationId: booking.reservationId as string | null,
    },
  };
}

/** Records an event about a booking, with the booking as it is now inside `trx`; `extra` joins `data`. */
export async function recordBookingEvent(trx: Knex | Knex.Transaction, event: { type: EventType; bookingId: string; dedupeKey: string; occurredAt: Date; extra?: Record<string, unknown> }): Promise<void> {
  const found = await bookingSnapshot(trx, event.bookingId);
  if (!found) return;
  const { snapshot } = found;
  await trx('domain_events')
    .insert({
      id: newId('event'),
      organizationId: found.organizationId,
      type: event.type,
      bookingId: snapshot.id,
      reservationId: snapshot.reservationId,
      locationId: snapshot.locationId,
      serviceTemplateId: snapshot.serviceTemplateId,
      status: snapshot.status,
      data: JSON.stringify({ booking: snapshot, ...event.extra }),
      dedupeKey: `${event.type}:${event.bookingId}:${event.dedupeKey}`,
      occurredAt: event.occurredAt,
    })
    .onConflict(['organization_id', 'dedupe_key'])
    .ignore();
}

/** Records an event about a hold (booking.reserved, booking.expired for a hold that lapsed). */
export async function recordReservationEvent(trx: Knex | Knex.Transaction, event: { type: EventType; reservationId: string; occurredAt: Date; extra?: Record<string, unknown> }): Promise<void> {
  const hold = await trx('reservations').where({ id: event.reservationId }).first();
  if (!hold) return;
  const reservation = {
    id: hold.id,
    status: hold.status,
    startsAt: hold.startsAt.toISOString(),
    endsAt: hold.endsAt.toISOString(),
    timezone: hold.timezone,
    locationId: hold.locationId,
    serviceTemplateId: hold.serviceTemplateId,
    bookableIds: hold.bookableIds,
    expiresAt: hold.expiresAt.toISOString(),
  };
  await trx('domain_events')
    .insert({
      id: newId('event'),
      organizationId: hold.organizationId,
      type: event.type,
      reservationId: hold.id,
      locationId: hold.locationId,
      serviceTemplateId: hold.serviceTemplateId,
      status: hold.status,
      data: JSON.stringify({ reservation, ...event.extra }),
      dedupeKey: `${event.type}:${hold.id}`,
      occurredAt: event.occurredAt,
    })
    .onConflict(['organization_id', 'dedupe_key'])
    .ignore();
}

/** Records an event that concerns no booking (a subscription's test event). */
export async function recordOrganizationEvent(db: Knex, event: { organizationId: string; type: EventType; data: Record<string, unknown>; dedupeKey: string }): Promise<DomainEventRecord> {
  await db('domain_events')
    .insert({ id: newId('event'), organizationId: event.organizationId, type: event.type, data: JSON.stringify(event.data), dedupeKey: event.dedupeKey, occurredAt: new Date() })
    .onConflict(['organization_id', 'dedupe_key'])
    .ignore();
  return db('domain_events').where({ organizationId: event.organizationId, dedupeKey: event.dedupeKey }).first();
}

/** Events of one booking or hold not yet handed to webhooks and handlers, oldest first. */
export async function undispatchedEvents(db: Knex, subject: { bookingId?: string; reservationId?: string }): Promise<DomainEventRecord[]> {
  const query = db('domain_events').whereNull('dispatched_at').orderBy(['occurred_at', 'id']);
  if (subject.bookingId) query.where({ bookingId: subject.bookingId });
  else if (subject.reservationId) query.where({ reservationId: subject.reservationId }).whereNull('booking_id');
  else return [];
  return query;
}

/** Marks an event handed on. */
export async function markDispatched(db: Knex, eventId: string): Promise<void> {
  await db('domain_events').where({ id: eventId }).update({ dispatchedAt: db.fn.now() });
}

/** One event of an organization. */
export async function findEvent(db: Knex, organizationId: string, eventId: string): Promise<DomainEventRecord | undefined> {
  return db('domain_events').where({ organizationId, id: eventId }).first();
}
