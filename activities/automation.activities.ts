import type { Knex } from 'knex';
import { ensureHandlerRun, findAutomationRule, findHandlerRun, finishHandlerRun, recordActionResult, templateAutomation, upcomingBookingIds, type HandlerRunRecord } from '../src/db/queries/automation.queries';
import { bookingSnapshot, findEvent } from '../src/db/queries/domain-event.queries';
import { ensureDelivery, findSubscription } from '../src/db/queries/webhook.queries';
import { evaluateConditions, type EventContext } from '../src/domain/automation/conditions';
import { eventContext, fillPlaceholders, type AutomationAction, type BookingFacts } from '../src/domain/automation/handler-matching';
import { renderMessage, type NotificationKind } from '../src/domain/notifications/message-templates';
import type { NotificationTransports } from '../src/notifications/transport';
import type { TemporalGateway } from '../temporal/client';
import { startWebhookDelivery } from '../temporal/commands/automation.commands';
import { cancelBooking } from '../temporal/commands/booking.commands';
import { DomainError } from '../src/domain/shared/errors';
import { adminRecipients, bookingRecipients, draftsFor, loadBookingMessageContext, sendDrafts, type Recipient } from './booking-messages';

/** Dependencies of the automation activities. */
export interface AutomationActivityDeps {
  db: Knex;
  transports: NotificationTransports;
  temporal: TemporalGateway;
}

/** The context a run's conditions and placeholders read: its event's, or (for a scheduled rule) its booking's now. */
async function runContext(db: Knex, run: HandlerRunRecord): Promise<EventContext> {
  const event = run.eventId ? await findEvent(db, run.organizationId, run.eventId) : undefined;
  const data = (event?.data as BookingFacts | undefined) ?? (run.bookingId ? { booking: (await bookingSnapshot(db, run.bookingId))?.snapshot } : {});
  const booking = data.booking as { serviceTemplateId?: string; serviceTemplateVersion?: number } | undefined;
  const facts = booking?.serviceTemplateId && booking.serviceTemplateVersion ? (await templateAutomation(db, run.organizationId, booking.serviceTemplateId, booking.serviceTemplateVersion)).facts : null;
  return eventContext({ type: event?.type ?? 'schedule', occurredAt: event?.occurredAt ?? new Date() }, data, facts);
}

/** Activities that carry out event handlers' and automation rules' actions, each recorded once on its run. */
export function createAutomationActivities({ db, transports, temporal }: AutomationActivityDeps) {
  /** send_email / send_sms: a template message or the handler's own subject and text (with {{placeholders}}), to participants, the primary, the admins or one address. */
  async function sendMessage(run: HandlerRunRecord, index: number, action: AutomationAction, context: EventContext): Promise<string> {
    const channel = action.type === 'send_sms' ? 'sms' : 'email';
    const to = typeof action.config.to === 'string' ? action.config.to : 'participants';
    const loaded = run.bookingId ? await loadBookingMessageContext(db, run.bookingId) : undefined;
    const recipients: Recipient[] =
      to === 'admins' ? await adminRecipients(db, run.organizationId)
      : to === 'participants' || to === 'primary' ? (loaded ? await bookingRecipients(db, loaded.booking, { primaryOnly: to === 'primary' }) : [])
      : [{ email: channel === 'email' ? to : null, phone: channel === 'sms' ? to : null, name: null }];
    const template = action.config.template as NotificationKind | undefined;
    const render = (recipientName: string | null) =>
      template && loaded ? renderMessage(template, { ...loaded.context, recipientName }) : { subject: fillPlaceholders(String(action.config.subject ?? ''), context), text: fillPlaceholders(String(action.config.text ?? ''), context) };
    const dedupeKey = `handler-run:${run.id}:${index}`;
    const base = { organizationId: run.organizationId, bookingId: run.bookingId, reservationId: null, kind: template ?? `handler:${run.handlerKey}`, dedupeKey };
    const drafts = draftsFor(base, channel, recipients, render);
    await sendDrafts(db, transports, drafts, run.organizationId, dedupeKey);
    return `${drafts.length} ${channel} message(s)`;
  }

  async function runAction(run: HandlerRunRecord, index: number, action: AutomationAction, context: EventContext): Promise<string> {
    switch (action.type) {
      case 'send_email':
      case 'send_sms':
      case 'notify_admin':
        return sendMessage(run, index, action.type === 'notify_admin' ? { type: 'send_email', config: { subject: `Automation: ${run.handlerKey}`, text: 'Event {{event.type}} for booking {{booking.id}}.', ...action.config, to: 'admins' } } : action, context);
      case 'update_booking': {
        if (!run.bookingId) return 'skipped: no booking';
        const reason = typeof action.config.reason === 'string' ? action.config.reason : `Cancelled by automation ${run.handlerKey}.`;
        try {
          await cancelBooking(temporal, { bookingId: run.bookingId, cancelledBy: `automation:${run.handlerKey}`, reason, party: 'system', updateId: `handler-run:${run.id}:${index}` });
          return 'cancelled';
        } catch (error) {
          // Already cancelled or over: the action has nothing left to do.
          if (error instanceof DomainError && error.code === 'INVALID_TRANSITION') return `skipped: ${error.message}`;
          throw error;
        }
      }
      case 'call_webhook': {
        const subscription = run.eventId ? await findSubscription(db, run.organizationId, String(action.config.subscriptionId)) : undefined;
        if (!subscription || !run.eventId) return 'skipped: no such subscription or no event';
        const delivery = await ensureDelivery(db, run.organizationId, subscription.id, run.eventId);
        await startWebhookDelivery(temporal, { deliveryId: delivery.id, run: delivery.runs, summary: `${run.handlerKey} to ${subscription.url}` });
        return `delivery ${delivery.id}`;
      }
      default:
        return `skipped: ${action.type} is not available`;
    }
  }

  return {
    /** What a run is to do: its delay and actions. */
    async loadHandlerRun(input: { runId: string }): Promise<{ delayMinutes: number; actions: AutomationAction[] }> {
      const run = await findHandlerRun(db, input.runId);
      if (!run) throw new DomainError('NOT_FOUND', `No handler run ${input.runId}.`);
      return run.definition;
    },

    /** Carries out one action of a run (once: a retry after it was recorded does nothing). */
    async runHandlerAction(input: { runId: string; index: number }): Promise<void> {
      const run = (await findHandlerRun(db, input.runId))!;
      if (run.results.some((result) => result.index === input.index)) return;
      const action = run.definition.actions[input.index]!;
      const outcome = await runAction(run, input.index, action, await runContext(db, run));
      await recordActionResult(db, run.id, { index: input.index, type: action.type, outcome });
    },

    /** Marks a run finished. */
    async finishHandlerRun(input: { runId: string }): Promise<void> {
      await finishHandlerRun(db, input.runId, 'completed');
    },

    /** For one firing of a scheduled rule: a run per upcoming booking its conditions hold for. */
    async matchAutomationRule(input: { ruleId: string; firingId: string; now: string }): Promise<Array<{ runId: string; workflowId: string }>> {
      const rule = await findAutomationRule(db, input.ruleId);
      if (!rule || !rule.enabled) return [];
      const now = new Date(input.now);
      const runs: Array<{ runId: string; workflowId: string }> = [];
      for (const bookingId of await upcomingBookingIds(db, rule.organizationId, now, rule.definition.lookAheadDays)) {
        const run = { id: '', organizationId: rule.organizationId, eventId: null, bookingId } as HandlerRunRecord;
        if (!evaluateConditions(rule.definition.conditions, await runContext(db, run), now).holds) continue;
        const workflowId = `${input.firingId}:${bookingId}`;
        const created = await ensureHandlerRun(db, { organizationId: rule.organizationId, eventId: null, automationRuleId: rule.id, handlerKey: rule.id, bookingId, workflowId, definition: { actions: rule.definition.actions, delayMinutes: 0 } });
        runs.push({ runId: created.id, workflowId });
      }
      return runs;
    },
  };
}
