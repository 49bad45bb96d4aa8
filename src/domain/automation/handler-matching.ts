import { evaluateConditions, readField, type Condition, type ConditionResult, type EventContext } from './conditions';

/** An action of a handler or automation rule (spec §4.2 WorkflowAction). */
export interface AutomationAction {
  type: string;
  config: Record<string, unknown>;
}

/** An event handler from wherever it is configured, with a key that names it in runs and dry runs. */
export interface HandlerDefinition {
  key: string;
  source: 'organization' | 'service_template';
  trigger: { event: string; conditions?: Condition[] };
  actions: AutomationAction[];
  executeImmediately: boolean;
  delayMinutes?: number;
  enabled: boolean;
  priority: number;
}

/** What one handler does with one event: whether it fires, each condition's verdict, and what it would run. */
export interface HandlerVerdict {
  key: string;
  source: HandlerDefinition['source'];
  fires: boolean;
  why: 'fires' | 'disabled' | 'other event' | 'conditions';
  conditions: Array<{ condition: Condition } & ConditionResult>;
  actions: AutomationAction[];
  delayMinutes: number;
  priority: number;
}

/**
 * Decides, for an event, every handler's verdict in execution order (lower priority first, then key).
 * The dispatcher runs the ones that fire; the dry run shows all of them. Same function, same answer.
 */
export function judgeHandlers(handlers: readonly HandlerDefinition[], eventType: string, context: EventContext, now: Date): HandlerVerdict[] {
  return [...handlers]
    .sort((a, b) => a.priority - b.priority || a.key.localeCompare(b.key))
    .map((handler) => {
      const base = { key: handler.key, source: handler.source, actions: handler.actions, delayMinutes: handler.executeImmediately ? 0 : (handler.delayMinutes ?? 0), priority: handler.priority };
      if (handler.trigger.event !== eventType) return { ...base, fires: false, why: 'other event' as const, conditions: [] };
      const { holds, results } = evaluateConditions(handler.trigger.conditions ?? [], context, now);
      if (!handler.enabled) return { ...base, fires: false, why: 'disabled' as const, conditions: results };
      return { ...base, fires: holds, why: holds ? ('fires' as const) : ('conditions' as const), conditions: results };
    });
}

/** The booking facts conditions read (spec examples: booking.startTime, booking.participantCount, booking.serviceTemplate.minParticipants). */
export interface BookingFacts {
  booking?: Record<string, unknown> & { startsAt?: string; endsAt?: string };
  reservation?: Record<string, unknown>;
  participant?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * The context conditions and message placeholders read for an event: its data, with the booking's
 * `startTime`/`endTime` (the spec's names) beside `startsAt`/`endsAt`, and its service template's
 * `name` and `minParticipants` under `booking.serviceTemplate`.
 */
export function eventContext(event: { type: string; occurredAt: Date }, data: BookingFacts, template: { name: string; minParticipants: number | null } | null): EventContext {
  const booking = data.booking ? { ...data.booking, startTime: data.booking.startsAt, endTime: data.booking.endsAt, ...(template ? { serviceTemplate: template } : {}) } : undefined;
  return { ...data, event: { type: event.type, occurredAt: event.occurredAt.toISOString() }, ...(booking ? { booking } : {}) };
}

/** Replaces `{{dotted.path}}` in a text with values from the context (missing ones become empty). */
export function fillPlaceholders(text: string, context: EventContext): string {
  return text.replace(/\{\{\s*([A-Za-z_][A-Za-z0-9_.]*)\s*\}\}/g, (_match, path: string) => {
    const value = readField(context, path);
    return value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  });
}
