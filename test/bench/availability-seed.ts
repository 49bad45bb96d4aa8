/**
 * Data for the availability benchmark: a treatment centre in London whose 60-minute service needs a
 * therapist, a treatment room and a laser at once, built through the public API like a customer
 * would, and a booking history written straight into the tables the booking flow writes
 * (reservations, bookings, booking_bookables, allocations), because creating tens of thousands of
 * bookings through workflows would take hours.
 */
import type { Knex } from 'knex';
import { newId } from '../../src/ids';
import { nextLocalDate, wallTimeToUtc } from '../../src/domain/shared/time';
import { addMember, type Clinic } from '../support/builders';
import { apiClient, signUp } from '../support/http-client';

export const ZONE = 'Europe/London';
/** Opening hours of every calendar: Monday to Saturday, 08:00–20:00. */
const OPEN_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;
const HOURS = [{ start: '08:00', end: '20:00' }];
/** Bookings start on the hour (plus a quarter-hour offset that changes by day) between 08:00 and 18:45: 11 one-hour rows a day. */
const ROWS_PER_DAY = 11;
const APPOINTMENT_MINUTES = 60;

export interface CentreSize {
  providers: number;
  rooms: number;
  assets: number;
}

/** One organization under test: its ids, the owner (who seeds), and a staff member (who searches). */
export interface Centre extends Clinic {
  staffToken: string;
  providerIds: string[];
  roomIds: string[];
  assetIds: string[];
}

/**
 * Creates the organization, its London location, the providers, rooms and assets (each with its own
 * Mon–Sat 08:00–20:00 calendar), the service (60 minutes on a 15-minute grid, one therapist + one
 * treatment room + one laser chosen by tag, round robin) and a staff member.
 */
export async function createCentre(baseUrl: string, name: string, size: CentreSize): Promise<Centre> {
  const owner = await signUp(baseUrl, `${name} Owner`);
  const api = apiClient(baseUrl, owner.token);
  const org = await must(api.post('/organizations', { name }), 'organization');
  const location = await must(api.post(`/organizations/${org.id}/locations`, { name: 'Clerkenwell', timezone: ZONE }), 'location');
  const weeklySchedule = Object.fromEntries(OPEN_DAYS.map((day) => [day, HOURS]));
  const create = (path: string, count: number, body: (i: number) => Record<string, unknown>) =>
    inBatches(count, 8, async (i) => (await must(api.post(`/organizations/${org.id}/bookables/${path}`, { locationId: location.id, weeklySchedule, ...body(i) }), path)).id as string);
  const providerIds = await create('providers', size.providers, (i) => ({ name: `Therapist ${i + 1}`, tags: ['therapist'] }));
  const roomIds = await create('venues', size.rooms, (i) => ({ name: `Treatment room ${i + 1}`, tags: ['treatment-room'], capacity: { max: 2 } }));
  const assetIds = await create('assets', size.assets, (i) => ({ name: `Laser ${i + 1}`, tags: ['laser'], assetType: 'equipment' }));
  const template = await must(
    api.post(`/organizations/${org.id}/service-templates`, {
      name: 'Laser treatment',
      duration: { type: 'fixed', fixedMinutes: APPOINTMENT_MINUTES },
      scheduling: { slotIntervalMinutes: 15 },
      bookables: {
        required: [
          { id: 'therapist', bookableType: 'provider', criteria: { tags: ['therapist'] } },
          { id: 'room', bookableType: 'venue', criteria: { tags: ['treatment-room'] } },
          { id: 'laser', bookableType: 'asset', criteria: { tags: ['laser'] } },
        ],
        assignment: { strategy: 'round_robin' },
      },
    }),
    'service template',
  );
  const clinic: Clinic = { owner, orgId: org.id, locationId: location.id, providerId: providerIds[0]!, templateId: template.id };
  const staff = await addMember(baseUrl, clinic, 'staff', `${name} Front Desk`);
  return { ...clinic, staffToken: staff.token, providerIds, roomIds, assetIds };
}

async function must(response: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const { status, body } = await response;
  if (status !== 201) throw new Error(`creating ${what} failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

async function inBatches<T>(count: number, width: number, make: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < count; i += width) out.push(...(await Promise.all(Array.from({ length: Math.min(width, count - i) }, (_, k) => make(i + k)))));
  return out;
}

/** The open local dates (Mon–Sat) in [from, to). */
export function openDates(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let date = from; date < to; date = nextLocalDate(date)) if (new Date(`${date}T12:00:00Z`).getUTCDay() !== 0) dates.push(date);
  return dates;
}

/** The `count` open local dates before `before`, latest first. */
export function openDatesBefore(before: string, count: number): string[] {
  const dates: string[] = [];
  const day = new Date(`${before}T12:00:00Z`);
  while (dates.length < count) {
    day.setUTCDate(day.getUTCDate() - 1);
    if (day.getUTCDay() !== 0) dates.push(day.toISOString().slice(0, 10));
  }
  return dates;
}

export interface HistoryPlan {
  /** Open local dates the bookings are spread over, evenly. */
  dates: readonly string[];
  count: number;
  /** Past bookings: mostly completed or cancelled (their time freed, as the lifecycle does), one in ten left confirmed. */
  past: boolean;
  now: Date;
}

/**
 * Writes `count` bookings of the centre's service, each holding one therapist, one room and one laser,
 * as a confirmed hold leaves them: the reservation (confirmed, pointing at its booking), the booking,
 * its booking_bookables and, while the booking is live, one allocation per bookable. Bookings in one
 * day are laid out so no bookable is used twice in the same hour (the exclusion constraint holds):
 * the j-th booking of a day takes row j mod 11 and the (j div 11)-th distinct room, laser and
 * therapist of that row. Returns how many allocations were written.
 */
export async function insertBookings(db: Knex, centre: Centre, plan: HistoryPlan): Promise<number> {
  const { providerIds, roomIds, assetIds } = centre;
  const perDay = Math.ceil(plan.count / plan.dates.length);
  if (perDay > ROWS_PER_DAY * roomIds.length) throw new Error(`${perDay} bookings a day do not fit ${roomIds.length} rooms`);
  const random = lcg(plan.dates.length * 7919 + plan.count);
  const template = await db('service_templates').where({ id: centre.templateId }).first('version');
  const version = (template?.version as number | undefined) ?? 1;
  const reservations: Record<string, unknown>[] = [];
  const bookings: Record<string, unknown>[] = [];
  const links: Record<string, unknown>[] = [];
  const allocations: Record<string, unknown>[] = [];
  let written = 0;
  const flush = async (force: boolean) => {
    if (!force && reservations.length < 2000) return;
    await db.transaction(async (trx) => {
      for (const [table, rows] of [
        ['reservations', reservations],
        ['bookings', bookings],
        ['booking_bookables', links],
        ['allocations', allocations],
      ] as const) {
        for (let i = 0; i < rows.length; i += 1000) await trx(table).insert(rows.slice(i, i + 1000));
      }
    });
    written += allocations.length;
    reservations.length = bookings.length = links.length = allocations.length = 0;
  };

  for (let i = 0; i < plan.count; i++) {
    const dayIndex = i % plan.dates.length;
    const date = plan.dates[dayIndex]!;
    const j = Math.floor(i / plan.dates.length);
    const row = j % ROWS_PER_DAY;
    const lane = Math.floor(j / ROWS_PER_DAY);
    const minute = 8 * 60 + row * 60 + (dayIndex % 4) * 15;
    const startsAt = wallTimeToUtc(date, `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`, ZONE);
    const endsAt = new Date(startsAt.getTime() + APPOINTMENT_MINUTES * 60_000);
    const pick = (ids: string[], stride: number, shift: number) => ids[(lane * stride + row + shift) % ids.length]!;
    const bookableIds = [
      pick(providerIds, providerIds.length / roomIds.length, dayIndex * 3),
      pick(roomIds, 1, dayIndex),
      pick(assetIds, assetIds.length / roomIds.length, dayIndex),
    ];
    const createdAt = plan.past ? new Date(startsAt.getTime() - (1 + Math.floor(random() * 14)) * 86_400_000) : new Date(plan.now.getTime() - Math.floor(random() * 29 * 86_400_000));
    const fate = plan.past ? random() : 1;
    const status = fate < 0.8 ? 'completed' : fate < 0.9 ? 'cancelled' : 'confirmed';
    const reservationId = newId('reservation');
    const bookingId = newId('booking');
    const common = {
      organizationId: centre.orgId,
      locationId: centre.locationId,
      serviceTemplateId: centre.templateId,
      serviceTemplateVersion: version,
      bookerUserId: centre.owner.userId,
      createdBy: centre.owner.userId,
      startsAt,
      endsAt,
      timezone: ZONE,
      createdAt,
      updatedAt: createdAt,
    };
    reservations.push({
      ...common,
      id: reservationId,
      bookableIds,
      status: 'confirmed',
      expiresAt: new Date(createdAt.getTime() + 600_000),
      workflowId: `reservation:${reservationId}`,
      bookingId,
    });
    bookings.push({
      ...common,
      id: bookingId,
      reservationId,
      status,
      workflowId: `booking:${bookingId}`,
      ...(status === 'completed' ? { completedAt: endsAt } : {}),
      ...(status === 'cancelled' ? { cancelledAt: new Date(startsAt.getTime() - 86_400_000), cancelledBy: centre.owner.userId, cancellationReason: 'client request' } : {}),
    });
    for (const bookableId of bookableIds) {
      links.push({ bookingId, organizationId: centre.orgId, bookableId });
      // Completing or cancelling a booking frees its time (booking-lifecycle.queries.ts); live bookings keep it.
      if (status === 'confirmed') {
        allocations.push({
          organizationId: centre.orgId,
          bookableId,
          unit: 0,
          period: db.raw("tstzrange(?, ?, '[)')", [startsAt, endsAt]),
          kind: 'booking',
          reservationId,
          bookingId,
          appointmentStartsAt: startsAt,
          serviceTemplateId: centre.templateId,
          createdAt,
        });
      }
    }
    await flush(false);
  }
  await flush(true);
  // A live database's tables are vacuumed and analysed by autovacuum as they grow; a bulk load is
  // brought to that state at once, so the figures are for a settled database, not a freshly loaded one.
  await db.raw('VACUUM ANALYZE reservations, bookings, booking_bookables, allocations');
  return written;
}

/** A small deterministic generator, so every run seeds the same history. */
function lcg(seed: number): () => number {
  let state = seed >>> 0 || 1;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}
