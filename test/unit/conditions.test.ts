import { evaluateCondition, evaluateConditions, readField, type Condition, type EventContext, type Operator } from '../../src/domain/automation/conditions';

const now = new Date('2030-03-04T09:00:00Z');
const context: EventContext = {
  event: { type: 'booking.confirmed' },
  booking: {
    id: 'bk_0123456789',
    status: 'confirmed',
    startTime: '2030-03-05T09:00:00Z',
    endTime: '2030-03-05T09:30:00Z',
    participantCount: 3,
    locationId: 'loc_0123456789',
    tags: ['vip', { kind: 'group', size: 3 }],
    notes: null,
    price: { amount: 5000, currency: 'EUR' },
    serviceTemplate: { name: 'Group yoga', minParticipants: 5, maxParticipants: 3 },
  },
  participant: { email: 'ada@example.com', role: 'primary' },
};

type Row = [string, Operator, string, unknown, { holds: boolean; reason?: string }];
const check = ([, operator, field, value, expected]: Row) => {
  const result = evaluateCondition({ field, operator, value }, context, now);
  expect({ holds: result.holds, reason: result.reason }).toEqual({ holds: expected.holds, reason: expected.reason });
};

describe('readField', () => {
  it.each([
    ['booking.serviceTemplate.minParticipants', 5],
    ['booking.tags.0', 'vip'],
    ['booking.notes', null],
    ['event', { type: 'booking.confirmed' }],
    ['booking.serviceTemplate.missing', undefined],
    ['booking.status.length', undefined],
    ['booking.notes.anything', undefined],
    ['booking.constructor', undefined],
    ['nothing.at.all', undefined],
  ])('%s → %p', (path, value) => {
    expect(readField(context, path)).toEqual(value);
  });
});

describe('evaluateCondition', () => {
  it.each<Row>([
    ['equals a string', 'equals', 'booking.status', 'confirmed', { holds: true }],
    ['equals another string', 'equals', 'booking.status', 'cancelled', { holds: false }],
    ['equals null', 'equals', 'booking.notes', null, { holds: true }],
    ['equals an object, keys in any order', 'equals', 'booking.price', { currency: 'EUR', amount: 5000 }, { holds: true }],
    ['equals an array', 'equals', 'booking.tags', ['vip', { size: 3, kind: 'group' }], { holds: true }],
    ['equals: no coercion of numeric strings', 'equals', 'booking.participantCount', '3', { holds: false }],
    ['equals: the same instant in another offset is another string', 'equals', 'booking.startTime', '2030-03-05T10:00:00+01:00', { holds: false }],
    ['not_equals a different value', 'not_equals', 'booking.status', 'cancelled', { holds: true }],
    ['not_equals the same value', 'not_equals', 'booking.status', 'confirmed', { holds: false }],
    ['not_equals: no coercion', 'not_equals', 'booking.participantCount', '3', { holds: true }],
    ['greater_than numbers', 'greater_than', 'booking.participantCount', 2, { holds: true }],
    ['greater_than an equal number', 'greater_than', 'booking.participantCount', 3, { holds: false }],
    ['less_than numbers', 'less_than', 'booking.participantCount', 4, { holds: true }],
    ['less_than an equal number', 'less_than', 'booking.participantCount', 3, { holds: false }],
    ['greater_than instants, across offsets', 'greater_than', 'booking.startTime', '2030-03-05T09:59:00+01:00', { holds: true }],
    ['less_than instants, across offsets', 'less_than', 'booking.startTime', '2030-03-05T10:01:00+01:00', { holds: true }],
    ['less_than the same instant', 'less_than', 'booking.startTime', '2030-03-05T10:00:00+01:00', { holds: false }],
    ['greater_than: number against numeric string', 'greater_than', 'booking.participantCount', '2', { holds: false, reason: 'not comparable' }],
    ['less_than: plain strings', 'less_than', 'booking.status', 'zzz', { holds: false, reason: 'not comparable' }],
    ['less_than: instant against a date without time', 'less_than', 'booking.startTime', '2030-03-06', { holds: false, reason: 'not comparable' }],
    ['less_than: instant against one without offset', 'less_than', 'booking.startTime', '2030-03-06T09:00:00', { holds: false, reason: 'not comparable' }],
    ['greater_than: instant against an impossible date', 'greater_than', 'booking.startTime', '2030-02-30T09:00:00Z', { holds: false, reason: 'not comparable' }],
    ['greater_than: null', 'greater_than', 'booking.notes', 1, { holds: false, reason: 'not comparable' }],
    ['contains a substring', 'contains', 'participant.email', '@example.com', { holds: true }],
    ['contains: case-sensitive', 'contains', 'participant.email', '@EXAMPLE.com', { holds: false }],
    ['contains an array element', 'contains', 'booking.tags', 'vip', { holds: true }],
    ['contains an object element, deeply', 'contains', 'booking.tags', { size: 3, kind: 'group' }, { holds: true }],
    ['contains: absent element', 'contains', 'booking.tags', 'regular', { holds: false }],
    ['contains: number in a string', 'contains', 'booking.status', 3, { holds: false, reason: 'not comparable' }],
    ['contains: on a number', 'contains', 'booking.participantCount', 3, { holds: false, reason: 'not comparable' }],
    ['in a list', 'in', 'booking.status', ['pending', 'confirmed'], { holds: true }],
    ['in a list without it', 'in', 'booking.status', ['pending', 'cancelled'], { holds: false }],
    ['in: no coercion', 'in', 'booking.participantCount', ['3'], { holds: false }],
    ['in an empty list', 'in', 'booking.status', [], { holds: false }],
    ['in: value not a list', 'in', 'booking.status', 'confirmed', { holds: false, reason: 'invalid value' }],
    ['within_hours: on a non-instant', 'within_hours', 'booking.status', 24, { holds: false, reason: 'not comparable' }],
    ['within_hours: value not a number', 'within_hours', 'booking.startTime', '24', { holds: false, reason: 'invalid value' }],
    ['within_hours: negative value', 'within_hours', 'booking.startTime', -1, { holds: false, reason: 'invalid value' }],
  ])('%s', (...row) => check(row));

  it.each<[string, string, number, boolean]>([
    ['exactly now', '2030-03-04T09:00:00Z', 24, true],
    ['a millisecond ago', '2030-03-04T08:59:59.999Z', 24, false],
    ['exactly 24 hours ahead', '2030-03-05T09:00:00Z', 24, true],
    ['24 hours and a millisecond ahead', '2030-03-05T09:00:00.001Z', 24, false],
    ['24 hours ahead written in another offset', '2030-03-05T10:00:00+01:00', 24, true],
    ['90 minutes ahead within 1.5 hours', '2030-03-04T10:30:00Z', 1.5, true],
    ['now within 0 hours', '2030-03-04T09:00:00Z', 0, true],
  ])('within_hours: %s', (_name, startTime, hours, holds) => {
    expect(evaluateCondition({ field: 'booking.startTime', operator: 'within_hours', value: hours }, { booking: { startTime } }, now).holds).toBe(holds);
  });

  it.each<Row>([
    ['placeholder: less_than another field', 'less_than', 'booking.participantCount', '{{booking.serviceTemplate.minParticipants}}', { holds: true }],
    ['placeholder: greater_than another field', 'greater_than', 'booking.participantCount', '{{booking.serviceTemplate.minParticipants}}', { holds: false }],
    ['placeholder: equals another field', 'equals', 'booking.participantCount', '{{booking.serviceTemplate.maxParticipants}}', { holds: true }],
    ['placeholder: an instant', 'less_than', 'booking.startTime', '{{booking.endTime}}', { holds: true }],
    ['placeholder: a list for in', 'in', 'booking.tags.0', '{{booking.tags}}', { holds: true }],
    ['placeholder: its field is missing', 'less_than', 'booking.participantCount', '{{booking.serviceTemplate.nothing}}', { holds: false, reason: 'missing placeholder field' }],
    ['not a placeholder: text around it', 'equals', 'booking.status', 'x{{booking.status}}', { holds: false }],
    ['not a placeholder: spaces inside', 'equals', 'booking.status', '{{ booking.status }}', { holds: false }],
  ])('%s', (...row) => check(row));

  it.each<Operator>(['equals', 'not_equals', 'greater_than', 'less_than', 'contains', 'in', 'within_hours'])('a missing field fails %s', (operator) => {
    expect(evaluateCondition({ field: 'booking.missing', operator, value: [1] }, context, now)).toEqual({ holds: false, actual: undefined, expected: [1], reason: 'missing field' });
  });

  it('reports the values it compared, with the placeholder resolved', () => {
    expect(evaluateCondition({ field: 'booking.participantCount', operator: 'less_than', value: '{{booking.serviceTemplate.minParticipants}}' }, context, now)).toEqual({
      holds: true,
      actual: 3,
      expected: 5,
    });
  });

  it('refuses an undefined value', () => {
    expect(evaluateCondition({ field: 'booking.notes', operator: 'equals', value: undefined }, context, now)).toMatchObject({ holds: false, reason: 'invalid value' });
  });
});

describe('evaluateConditions', () => {
  const reminder24h: Condition = { field: 'booking.startTime', operator: 'within_hours', value: 24 };
  const underbooked: Condition = { field: 'booking.participantCount', operator: 'less_than', value: '{{booking.serviceTemplate.minParticipants}}' };
  const booking = (startTime: string, participantCount: number): EventContext => ({ booking: { startTime, participantCount, serviceTemplate: { minParticipants: 4 } } });

  it.each<[string, EventContext, boolean]>([
    ['spec example, 24-hour reminder: starts in 23 hours', booking('2030-03-05T08:00:00Z', 4), true],
    ['spec example, 24-hour reminder: starts in 25 hours', booking('2030-03-05T10:00:00Z', 4), false],
    ['spec example, 24-hour reminder: already started', booking('2030-03-04T08:00:00Z', 4), false],
  ])('%s', (_name, ctx, holds) => {
    expect(evaluateConditions([reminder24h], ctx, now).holds).toBe(holds);
  });

  it.each<[string, EventContext, boolean]>([
    ['spec example, underbooked: 3 of at least 4', booking('2030-03-05T08:00:00Z', 3), true],
    ['spec example, underbooked: 4 of at least 4', booking('2030-03-05T08:00:00Z', 4), false],
  ])('%s', (_name, ctx, holds) => {
    expect(evaluateConditions([underbooked], ctx, now).holds).toBe(holds);
  });

  it('holds only when every condition holds, and reports each', () => {
    const ctx = booking('2030-03-05T08:00:00Z', 3);
    expect(evaluateConditions([reminder24h, underbooked], ctx, now)).toEqual({
      holds: true,
      results: [
        { condition: reminder24h, holds: true, actual: '2030-03-05T08:00:00Z', expected: 24 },
        { condition: underbooked, holds: true, actual: 3, expected: 4 },
      ],
    });
    const later = booking('2030-03-06T08:00:00Z', 3);
    const outcome = evaluateConditions([reminder24h, underbooked], later, now);
    expect({ holds: outcome.holds, each: outcome.results.map((r) => r.holds) }).toEqual({ holds: false, each: [false, true] });
  });

  it('holds for an empty list', () => {
    expect(evaluateConditions([], context, now)).toEqual({ holds: true, results: [] });
  });
});
