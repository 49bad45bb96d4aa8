import Router from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { DomainError } from '../../domain/shared/errors';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { findCalendar } from '../../db/queries/calendar.queries';
import { requireServiceTemplate } from '../../db/queries/service-template.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { routePermissions } from '../route-permissions';
import { bookableSlotsQuerySchema, staysQuerySchema } from './availability.schemas';
import { currentService, presentSlot, presentStay, searchSlots, searchStays } from './slot-search';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');
const { slotReaders } = routePermissions;

/**
 * The slots of one bookable: GET /bookables/:id/availability and GET /calendars/:id/slots (the
 * calendar's bookable). The bookable fills the service's first required requirement; the service's
 * other requirements (a room, equipment) are assigned from their candidates as in a search.
 */
export function availabilityRoutes(deps: AppDeps): Router<AppState> {
  const { db } = deps;
  const router = new Router<AppState>();

  // The bookable (with a calendar, else 404) and the service a slot query names (unknown: 400).
  async function bookableAndTemplate(organizationId: string, bookableId: string, serviceTemplateId: string) {
    const [bookable, template] = await Promise.all([findBookableRecord(db, organizationId, bookableId), requireServiceTemplate(db, organizationId, serviceTemplateId)]);
    if (!bookable?.calendar) throw notFound();
    return { bookable, calendar: bookable.calendar, template };
  }

  async function bookableSlots(ctx: ParameterizedContext<AppState>, bookableId: string, query: { serviceTemplateId: string; from: Date; to: Date; timezone?: string; durationMinutes?: number; seats: number; limit: number }) {
    const organizationId = ctx.state.access!.organizationId;
    const { bookable, calendar, template } = await bookableAndTemplate(organizationId, bookableId, query.serviceTemplateId);
    const slots = await searchSlots(db, { organizationId, template: currentService(template), from: query.from, to: query.to, now: deps.now(), durationMinutes: query.durationMinutes, seats: query.seats, anchorBookableId: bookable.bookable.id });
    return {
      bookableId: bookable.bookable.id,
      calendarId: calendar.id,
      serviceTemplateId: template.id,
      timezone: query.timezone ?? calendar.timezone,
      slots: slots.slice(0, query.limit).map((slot) => presentSlot(slot, query.timezone ?? calendar.timezone)),
      truncated: slots.length > query.limit,
    };
  }

  router.get('/bookables/:id/availability', permit(db, slotReaders, scopeOfRow(db, 'bookables')), async (ctx) => {
    ctx.body = await bookableSlots(ctx, ctx.params.id!, parseInput(bookableSlotsQuerySchema, ctx.query));
  });

  router.get('/calendars/:id/slots', permit(db, slotReaders, scopeOfRow(db, 'calendars')), async (ctx) => {
    const query = parseInput(bookableSlotsQuerySchema, ctx.query);
    const calendar = await findCalendar(db, ctx.state.access!.organizationId, ctx.params.id!);
    if (!calendar?.bookableId) throw notFound();
    ctx.body = await bookableSlots(ctx, calendar.bookableId, query);
  });

  router.get('/bookables/:id/stays', permit(db, slotReaders, scopeOfRow(db, 'bookables')), async (ctx) => {
    const query = parseInput(staysQuerySchema, ctx.query);
    const organizationId = ctx.state.access!.organizationId;
    const { bookable, calendar, template } = await bookableAndTemplate(organizationId, ctx.params.id!, query.serviceTemplateId);
    const stays = await searchStays(db, { organizationId, template: currentService(template), bookableId: bookable.bookable.id, fromDate: query.fromDate, toDate: query.toDate, nights: query.nights, now: deps.now() });
    ctx.body = { bookableId: bookable.bookable.id, serviceTemplateId: template.id, timezone: query.timezone ?? calendar.timezone, stays: stays.map((stay) => presentStay(stay, query.timezone)) };
  });

  return router;
}
