import Router, { type RouterContext } from '@koa/router';
import type { ParameterizedContext } from 'koa';
import { bookingVisibility, canSeeBooking } from '../../domain/auth/booking-visibility';
import { assertNotBanned } from '../../domain/booking/no-show-ban';
import { DomainError } from '../../domain/shared/errors';
import { findBookableRecord } from '../../db/queries/bookable.queries';
import { listCalendarOverrides } from '../../db/queries/calendar.queries';
import { findReservation } from '../../db/queries/reservation.queries';
import { requireServiceTemplate, templateRules } from '../../db/queries/service-template.queries';
import { backupRulesOf } from '../../domain/bookables/backups';
import { findBooking, noShowTimes } from '../../db/queries/booking.queries';
import type { ReservationModel } from '../../db/models/reservation.model';
import { derivedId, newId, sameBodyId } from '../../ids';
import { confirmReservation, extendReservation, liveReservation, releaseReservation, requestHoldPayment, startReservation } from '../../../temporal/commands/reservation.commands';
import { paymentTerms } from '../../domain/pricing/payment-terms';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { permit, scopeOfRow } from '../middleware/permit';
import { parseInput } from '../validation';
import { presentBooking, presentReservation, presentTimes } from './booking.presenter';
import { quoteSlot } from './slot-quote';
import { currentService, planSlot } from './slot-search';
import { assertBookable } from '../../domain/reservation/assert-bookable';
import { createReservationSchema, holdPaymentSchema } from './reservations.schemas';
import { routePermissions } from '../route-permissions';

const notFound = () => new DomainError('NOT_FOUND', 'Not found.');
const { bookingWriters } = routePermissions;

/** Reservations: hold a slot, confirm it into a booking, or release it; and booking in one step (spec §4.1, §9.1). */
export function reservationRoutes(deps: AppDeps): Router<AppState> {
  const { db, temporal } = deps;
  const router = new Router<AppState>();

  // The reservation's holder, or someone who manages its bookings, may act on it; others see a 404.
  async function visibleReservation(ctx: ParameterizedContext<AppState>, id: string): Promise<ReservationModel> {
    const access = ctx.state.access!;
    const reservation = await findReservation(db, access.organizationId, id);
    if (!reservation || !canSeeBooking(bookingVisibility(access), reservation)) throw notFound();
    return reservation;
  }

  // The booking happens where its bookable is; without one, where the service is (or anywhere in its organization).
  const scopeFromBody = async (ctx: ParameterizedContext<AppState>) => {
    const input = parseInput(createReservationSchema, ctx.request.body);
    const row = input.bookableId
      ? await db('bookables').where({ id: input.bookableId }).whereNull('deleted_at').first('organization_id', 'location_id')
      : await db('service_templates').where({ id: input.serviceTemplateId }).whereNull('deleted_at').first('organization_id', 'location_id');
    return row ? { organizationId: row.organizationId as string, locationId: (row.locationId as string | null) ?? undefined } : undefined;
  };

  /**
   * Plans the slot the body asks for with the availability engine (service active, bookables active,
   * notice, working hours, limits, free time for every bookable the service needs, chosen by its
   * strategy when the body names none) and prices it with the template's pricing, the slot's demand
   * and its premium multiplier: what POST /quotes answers and a hold keeps.
   */
  async function planAndQuote(ctx: ParameterizedContext<AppState>, reservationId?: string) {
    const input = parseInput(createReservationSchema, ctx.request.body);
    const access = ctx.state.access!;
    const [template, bookable] = await Promise.all([
      requireServiceTemplate(db, access.organizationId, input.serviceTemplateId),
      input.bookableId ? findBookableRecord(db, access.organizationId, input.bookableId) : Promise.resolve(undefined),
    ]);
    if (input.bookableId && !bookable?.calendar) throw notFound();
    assertBookable(template, bookable && { status: bookable.bookable.status, deleted: false });
    const service = currentService(template);
    const { definition } = service;
    const rules = templateRules(definition);
    const now = deps.now();
    const slot = await planSlot(db, { organizationId: access.organizationId, template: service, now, request: input, reservationId, bookable, minAdvanceMinutes: rules.scheduling.minAdvanceMinutes });
    const timezone = slot.timezone;
    const plan = { slot: { start: slot.start, end: slot.end, blockedStart: slot.blockedStart, blockedEnd: slot.blockedEnd }, holdSeconds: rules.reservation.holdDurationSeconds, timezone, bookableIds: slot.bookableIds, seats: slot.seats, dailyLimits: slot.dailyLimits ?? [] };
    const anchor = bookable ?? (await findBookableRecord(db, access.organizationId, slot.bookableIds[0]!))!;
    const overrides = anchor.calendar ? await listCalendarOverrides(db, anchor.calendar.id) : [];
    const quote = await quoteSlot(db, {
      organizationId: access.organizationId,
      serviceTemplateId: template.id,
      pricing: definition.pricing,
      slot: plan.slot,
      timezone,
      overrides,
      now,
      order: input,
      demand: { utilizationBps: slot.utilizationBps },
      ...(slot.pricingMultiplierBps !== undefined ? { premiumMultiplierBps: slot.pricingMultiplierBps } : {}),
    });
    return { input, access, template, bookable: anchor, rules, backups: backupRulesOf(definition.bookables), plan, quote };
  }

  // Holds the slot the body asks for (Update-with-Start: answers once the workflow has claimed it, or 409); returns the reservation's id.
  async function holdSlot(ctx: ParameterizedContext<AppState>): Promise<string> {
    const access = ctx.state.access!;
    const key = ctx.state.idempotencyKey;
    const reservationId = key ? derivedId('reservation', access.actorId, key) : newId('reservation');
    const { template, bookable, rules, backups, plan, quote } = await planAndQuote(ctx, reservationId);
    const payment = paymentTerms(rules.paymentFirst, quote);
    if (rules.noShowBan && access.userId) assertNotBanned(await noShowTimes(db, access.organizationId, access.userId), rules.noShowBan, deps.now());
    const view = await startReservation(temporal, {
      reservationId,
      bookingId: sameBodyId('booking', reservationId),
      organizationId: access.organizationId,
      locationId: bookable.bookable.locationId,
      serviceTemplateId: template.id,
      serviceTemplateVersion: template.version,
      bookableIds: plan.bookableIds,
      bookerUserId: access.userId,
      createdBy: access.actorId,
      startsAt: plan.slot.start.toISOString(),
      endsAt: plan.slot.end.toISOString(),
      blockedFrom: plan.slot.blockedStart.toISOString(),
      blockedUntil: plan.slot.blockedEnd.toISOString(),
      timezone: plan.timezone,
      ...(plan.seats > 1 ? { seats: plan.seats } : {}),
      ...(plan.dailyLimits.length > 0 ? { dailyLimits: plan.dailyLimits.map((limit) => ({ ...limit, from: limit.from.toISOString(), until: limit.until.toISOString() })) } : {}),
      holdSeconds: plan.holdSeconds,
      summary: `${template.name} with ${bookable.bookable.name}, ${plan.slot.start.toISOString()}`,
      ...(rules.reservation.allowExtension && rules.reservation.maxExtensions && rules.reservation.extensionDurationSeconds
        ? { extensions: { max: rules.reservation.maxExtensions, seconds: rules.reservation.extensionDurationSeconds } }
        : {}),
      bookingRules: {
        checkIn: rules.checkIn,
        reschedule: rules.reschedule,
        refund: rules.refund,
        timers: rules.timers,
        requireApproval: rules.requireApproval,
        cancellation: rules.cancellation,
        notifications: rules.notifications,
        ...(backups.length > 0 ? { backups } : {}),
        ...(quote.securityDeposit && quote.currency ? { securityDeposit: { ...quote.securityDeposit, currency: quote.currency } } : {}),
      },
      ...(rules.reservation.onExpiry === 'notify_admin' ? { notifyAdminsOnExpiry: true } : {}),
      primaryParticipant: access.userId ? { participantId: sameBodyId('participant', reservationId), userId: access.userId } : null,
      priceQuote: quote,
      ...(payment ? { payment } : {}),
    });
    if (view.status !== 'held') throw new Error(`Reservation ${reservationId} answered ${view.status}`);
    return reservationId;
  }

  router.post('/quotes', permit(db, routePermissions.catalogueReaders, scopeFromBody), async (ctx) => {
    const { template, bookable, plan, quote } = await planAndQuote(ctx);
    ctx.body = { serviceTemplateId: template.id, serviceTemplateVersion: template.version, bookableId: bookable.bookable.id, ...presentTimes(plan.slot.start, plan.slot.end, plan.timezone), ...quote };
  });

  router.post('/reservations', permit(db, bookingWriters, scopeFromBody), async (ctx) => {
    const reservationId = await holdSlot(ctx);
    const reservation = await findReservation(db, ctx.state.access!.organizationId, reservationId);
    if (!reservation) throw new Error(`Reservation ${reservationId} was held but has no row`);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/reservations/${reservationId}`);
    ctx.body = presentReservation(reservation);
  });

  // Booking in one step: hold, then confirm at once (both keyed by the Idempotency-Key, so a retry lands on the same booking).
  router.post('/bookings', permit(db, bookingWriters, scopeFromBody), async (ctx) => {
    const reservationId = await holdSlot(ctx);
    try {
      await confirmAndAnswer(ctx, reservationId, ctx.state.idempotencyKey ? `book:${ctx.state.idempotencyKey}` : `book:${newId('reservation')}`);
    } catch (error) {
      // A service that takes payment first: the slot is held; pay it (POST /reservations/:id/payment), then confirm.
      if (error instanceof DomainError && error.code === 'PAYMENT_REQUIRED') {
        ctx.set('Location', `/api/v1/reservations/${reservationId}`);
        throw new DomainError('PAYMENT_REQUIRED', `${error.message} The slot is held as reservation ${reservationId}: pay it, then confirm it.`, { ...error.details, reservationId });
      }
      throw error;
    }
  });

  router.get('/reservations/:id', permit(db, routePermissions.reservationViewers, scopeOfRow(db, 'reservations')), async (ctx) => {
    const reservation = await visibleReservation(ctx, ctx.params.id!);
    ctx.body = { ...presentReservation(reservation), live: await liveReservation(temporal, reservation.id) };
  });

  async function confirmAndAnswer(ctx: ParameterizedContext<AppState>, reservationId: string, updateId: string): Promise<void> {
    const access = ctx.state.access!;
    await confirmReservation(temporal, { reservationId, confirmedBy: access.actorId, updateId });
    const booking = await findBooking(db, access.organizationId, sameBodyId('booking', reservationId));
    if (!booking) throw new Error(`Reservation ${reservationId} confirmed without a booking row`);
    ctx.status = 201;
    ctx.set('Location', `/api/v1/bookings/${booking.id}`);
    ctx.body = presentBooking(booking);
  }

  const confirm = async (ctx: RouterContext<AppState>) => {
    const reservation = await visibleReservation(ctx, ctx.params.id!);
    await confirmAndAnswer(ctx, reservation.id, ctx.state.idempotencyKey ?? `confirm:${newId('reservation')}`);
  };
  router.patch('/reservations/:id/confirm', permit(db, bookingWriters, scopeOfRow(db, 'reservations')), confirm);
  router.post('/reservations/:id/confirm', permit(db, bookingWriters, scopeOfRow(db, 'reservations')), confirm);

  router.post('/reservations/:id/extend', permit(db, bookingWriters, scopeOfRow(db, 'reservations')), async (ctx) => {
    const reservation = await visibleReservation(ctx, ctx.params.id!);
    const access = ctx.state.access!;
    await extendReservation(temporal, { reservationId: reservation.id, extendedBy: access.actorId, updateId: ctx.state.idempotencyKey ?? `extend:${newId('reservation')}` });
    ctx.body = presentReservation((await findReservation(db, access.organizationId, reservation.id))!);
  });

  router.post('/reservations/:id/payment', permit(db, bookingWriters, scopeOfRow(db, 'reservations')), async (ctx) => {
    const reservation = await visibleReservation(ctx, ctx.params.id!);
    const { useStoreCredit } = parseInput(holdPaymentSchema, ctx.request.body ?? {});
    ctx.body = await requestHoldPayment(temporal, { reservationId: reservation.id, requestedBy: ctx.state.access!.actorId, useStoreCredit, updateId: ctx.state.idempotencyKey ?? `payment:${reservation.id}` });
  });

  router.delete('/reservations/:id', permit(db, bookingWriters, scopeOfRow(db, 'reservations')), async (ctx) => {
    const reservation = await visibleReservation(ctx, ctx.params.id!);
    const access = ctx.state.access!;
    await releaseReservation(temporal, { reservationId: reservation.id, releasedBy: access.actorId, updateId: ctx.state.idempotencyKey ?? `release:${newId('reservation')}` });
    ctx.body = presentReservation((await findReservation(db, access.organizationId, reservation.id))!);
  });

  return router;
}
