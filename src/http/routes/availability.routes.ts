import Router from '@koa/router';
import { freeSlots } from '../../domain/availability/slots';
import { scheduleWindows } from '../../domain/availability/weekly-schedule';
import { DomainError } from '../../domain/shared/errors';
import { addMinutes } from '../../domain/shared/durations';
import { busyRanges } from '../../db/queries/availability.queries';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { listCalendarOverrides } from '../../db/queries/calendar.queries';
import { definitionOf, findServiceTemplate, templateRules } from '../../db/queries/service-template.queries';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { presentTimes } from './booking.presenter';
import { availabilityQuerySchema } from './reservations.schemas';

/**
 * GET /bookables/:id/availability: the free slots of a service with one bookable. Slots start in
 * [from, to); each lies inside the bookable's working hours; its buffers must not touch a booking
 * or a live hold; and it respects the service's minimum notice.
 */
export function availabilityRoutes(deps: AppDeps): Router<AppState> {
  const { db } = deps;
  const router = new Router<AppState>();

  router.get('/bookables/:id/availability', permit(db, ['booking:create', 'booking:view_location', 'booking:manage_org'], scopeOfRow(db, 'bookables')), async (ctx) => {
    const query = parseInput(availabilityQuerySchema, ctx.query);
    const organizationId = ctx.state.access!.organizationId;
    const [bookable, template] = await Promise.all([findBookableRecord(db, organizationId, ctx.params.id!), findServiceTemplate(db, organizationId, query.serviceTemplateId)]);
    if (!bookable?.calendar) throw new DomainError('NOT_FOUND', 'Not found.');
    if (!template) throw new DomainError('VALIDATION_FAILED', 'Unknown service template.', { fields: [{ path: 'serviceTemplateId', message: 'not found' }] });
    const rules = templateRules(definitionOf(template));
    const shape = { durationMinutes: rules.duration.fixedMinutes, bufferBeforeMinutes: rules.duration.preBufferMinutes, bufferAfterMinutes: rules.duration.postBufferMinutes };
    const { timezone, weeklySchedule } = bookable.calendar;
    const overrides = await listCalendarOverrides(db, bookable.calendar.id);
    const windows = scheduleWindows(weeklySchedule, timezone, query.from, addMinutes(query.to, shape.durationMinutes), overrides);
    const busy = await busyRanges(db, bookable.bookable.id, addMinutes(query.from, -shape.bufferBeforeMinutes - shape.bufferAfterMinutes), addMinutes(query.to, shape.durationMinutes + shape.bufferAfterMinutes + shape.bufferBeforeMinutes));
    const slots = freeSlots({
      windows,
      shape,
      stepMinutes: rules.scheduling.slotIntervalMinutes ?? shape.durationMinutes,
      busy,
      notBefore: addMinutes(deps.now(), rules.scheduling.minAdvanceMinutes),
    }).filter((slot) => slot.start >= query.from && slot.start < query.to);
    ctx.body = { bookableId: bookable.bookable.id, serviceTemplateId: template.id, timezone, slots: slots.map((slot) => presentTimes(slot.start, slot.end, timezone)) };
  });

  return router;
}
