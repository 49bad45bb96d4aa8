import type { Knex } from 'knex';
import { ensureHandlerRun, handlersForEvent } from '../../src/db/queries/automation.queries';
import { markDispatched, undispatchedEvents, type DomainEventRecord } from '../../src/db/queries/domain-event.queries';
import { ensureDelivery, listSubscriptions } from '../../src/db/queries/webhook.queries';
import { subscriptionWants } from '../../src/domain/events/webhook-subscription';
import { judgeHandlers, type BookingFacts } from '../../src/domain/automation/handler-matching';
import type { TemporalGateway } from '../client';
import { handlerRunWorkflowId, startHandlerRun, startWebhookDelivery } from './automation.commands';

/**
 * Hands recorded events on: a delivery workflow per subscription that wants the event, and a handler
 * run per event handler whose trigger and conditions hold. Runs after every activity that records
 * events (and after the Stripe endpoint records one); a retry after a crash finds the events still
 * undispatched and does the same (idempotent: deliveries and runs are unique per event, their
 * workflow ids derived from them).
 */
export function createEventDispatcher(deps: { db: Knex; temporal: TemporalGateway }) {
  const { db, temporal } = deps;

  async function dispatch(event: DomainEventRecord): Promise<void> {
    for (const subscription of await listSubscriptions(db, event.organizationId)) {
      if (!subscriptionWants(subscription, event)) continue;
      const delivery = await ensureDelivery(db, event.organizationId, subscription.id, event.id);
      await startWebhookDelivery(temporal, { deliveryId: delivery.id, run: delivery.runs, summary: `${event.type} to ${subscription.url}` });
    }
    const { handlers, context } = await handlersForEvent(db, { ...event, data: event.data as BookingFacts });
    for (const verdict of judgeHandlers(handlers, event.type, context, new Date())) {
      if (!verdict.fires) continue;
      const workflowId = handlerRunWorkflowId(event.id, verdict.key);
      const run = await ensureHandlerRun(db, { organizationId: event.organizationId, eventId: event.id, automationRuleId: null, handlerKey: verdict.key, bookingId: event.bookingId, workflowId, definition: { actions: verdict.actions, delayMinutes: verdict.delayMinutes } });
      await startHandlerRun(temporal, { runId: run.id, workflowId, summary: `${verdict.key} on ${event.type}` });
    }
    await markDispatched(db, event.id);
  }

  return {
    /** Dispatches every undispatched event of a booking or hold, oldest first. */
    async dispatchPending(subject: { bookingId?: string; reservationId?: string }): Promise<void> {
      for (const event of await undispatchedEvents(db, subject)) await dispatch(event);
    },
    /** Dispatches one event (a subscription's test event). */
    dispatch,
  };
}

/** The dispatcher the activities share. */
export type EventDispatcher = ReturnType<typeof createEventDispatcher>;
