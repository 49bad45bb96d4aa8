import { eventContext, fillPlaceholders, judgeHandlers, type HandlerDefinition } from '../../src/domain/automation/handler-matching';
import { subscriptionWants } from '../../src/domain/events/webhook-subscription';
import { retryDelayMs } from '../../workflows/webhooks/webhook-delivery.contract';

const now = new Date('2030-03-04T08:00:00Z');
const booking = { id: 'bk_1', status: 'cancelled', startsAt: '2030-03-04T10:00:00Z', endsAt: '2030-03-04T10:30:00Z', participantCount: 2 };
const context = eventContext({ type: 'booking.cancelled', occurredAt: now }, { booking }, { name: 'Spin', minParticipants: 3 });
const handler = (key: string, extra: Partial<HandlerDefinition> = {}): HandlerDefinition => ({
  key,
  source: 'organization',
  trigger: { event: 'booking.cancelled' },
  actions: [{ type: 'notify_admin', config: {} }],
  executeImmediately: true,
  enabled: true,
  priority: 0,
  ...extra,
});

describe('judging handlers for an event', () => {
  it('gives every handler a verdict in execution order: priority, then key', () => {
    const verdicts = judgeHandlers(
      [
        handler('b-late', { priority: 5 }),
        handler('a-other', { trigger: { event: 'booking.confirmed' } }),
        handler('c-off', { enabled: false }),
        handler('d-small', { trigger: { event: 'booking.cancelled', conditions: [{ field: 'booking.participantCount', operator: 'less_than', value: '{{booking.serviceTemplate.minParticipants}}' }] } }),
        handler('e-big', { trigger: { event: 'booking.cancelled', conditions: [{ field: 'booking.participantCount', operator: 'greater_than', value: 5 }] } }),
      ],
      'booking.cancelled',
      context,
      now,
    );
    expect(verdicts.map((v) => [v.key, v.fires, v.why])).toEqual([
      ['a-other', false, 'other event'],
      ['c-off', false, 'disabled'],
      ['d-small', true, 'fires'],
      ['e-big', false, 'conditions'],
      ['b-late', true, 'fires'],
    ]);
    expect(verdicts[2]!.conditions[0]).toMatchObject({ holds: true, actual: 2, expected: 3 });
  });

  it('a deferred handler reports its delay; an immediate one none', () => {
    const [deferred, immediate] = judgeHandlers([handler('a', { executeImmediately: false, delayMinutes: 30 }), handler('b', { delayMinutes: 30 })], 'booking.cancelled', context, now);
    expect([deferred!.delayMinutes, immediate!.delayMinutes]).toEqual([30, 0]);
  });

  it('gives conditions the spec’s field names beside ours, and fills placeholders in texts', () => {
    expect(context).toMatchObject({ event: { type: 'booking.cancelled' }, booking: { startTime: booking.startsAt, endTime: booking.endsAt, serviceTemplate: { name: 'Spin', minParticipants: 3 } } });
    expect(fillPlaceholders('{{booking.id}} at {{booking.startTime}} for {{booking.serviceTemplate.name}}{{booking.nothing}}', context)).toBe('bk_1 at 2030-03-04T10:00:00Z for Spin');
  });
});

describe('which events a subscription receives', () => {
  const event = { type: 'booking.cancelled' as const, status: 'cancelled', locationId: 'loc_a', serviceTemplateId: 'svt_a' };
  const subscription = (filter: object, extra: object = {}) => ({ events: ['booking.cancelled'], filter, enabled: true, ...extra });

  it.each([
    ['its type, no filter', subscription({}), true],
    ['another type', subscription({}, { events: ['booking.confirmed'] }), false],
    ['disabled', subscription({}, { enabled: false }), false],
    ['a matching state, location and template', subscription({ states: ['cancelled'], locations: ['loc_a'], serviceTemplates: ['svt_a'] }), true],
    ['another state', subscription({ states: ['confirmed'] }), false],
    ['another location', subscription({ locations: ['loc_b'] }), false],
    ['another template', subscription({ serviceTemplates: ['svt_b'] }), false],
  ])('%s → %s', (_label, sub, expected) => {
    expect(subscriptionWants(sub, event)).toBe(expected);
  });
});

describe('the wait between delivery attempts', () => {
  it('grows by the multiplier and never exceeds a day', () => {
    const retry = { retryDelayMs: 60_000, backoffMultiplier: 2 };
    expect([1, 2, 3, 4].map((n) => retryDelayMs(retry, n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(retryDelayMs(retry, 20)).toBe(24 * 3_600_000);
  });
});
