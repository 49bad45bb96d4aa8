import { validationProblems } from '../support/validation-problems';
import { z } from 'zod';
import { parseInput } from '../../src/http/validation';

// A small schema shaped like the provider body: strict objects all the way down.
const wallTime = z.string().regex(/^\d\d:\d\d$/, 'must be HH:MM');
const schema = z.strictObject({
  name: z.string().trim().min(1),
  capacity: z.number().int().positive().default(1),
  weeklySchedule: z
    .strictObject({
      monday: z.array(z.strictObject({ start: wallTime, end: wallTime })).optional(),
      tuesday: z.array(z.strictObject({ start: wallTime, end: wallTime })).optional(),
    })
    .optional(),
  labels: z.record(z.string().regex(/^[a-z]+$/), z.string()).optional(),
});

const problems = (input: unknown) => validationProblems(schema, input);
const paths = (input: unknown) => problems(input).map((p) => [p.path, p.code]);

describe('parseInput', () => {
  it('returns the parsed data, with transforms and defaults applied', () => {
    expect(parseInput(schema, { name: '  Ada  ', weeklySchedule: { monday: [{ start: '09:00', end: '17:00' }] } })).toEqual({
      name: 'Ada',
      capacity: 1,
      weeklySchedule: { monday: [{ start: '09:00', end: '17:00' }] },
    });
  });

  it.each([
    ['unknown top-level key', { name: 'Ada', surprise: true }, [['surprise', 'unrecognized_keys']]],
    ['two unknown top-level keys, each named', { name: 'Ada', a: 1, b: 2 }, [['a', 'unrecognized_keys'], ['b', 'unrecognized_keys']]],
    ['unknown nested key', { name: 'Ada', weeklySchedule: { funday: [] } }, [['weeklySchedule.funday', 'unrecognized_keys']]],
    [
      'unknown key inside an array element',
      { name: 'Ada', weeklySchedule: { monday: [{ start: '09:00', end: '17:00' }, { start: '09:00', end: '17:00', note: 'x' }] } },
      [['weeklySchedule.monday.1.note', 'unrecognized_keys']],
    ],
    ['bad value deep in an array', { name: 'Ada', weeklySchedule: { tuesday: [{ start: '9am', end: '17:00' }] } }, [['weeklySchedule.tuesday.0.start', 'invalid_format']]],
    ['missing required field', {}, [['name', 'invalid_type']]],
    ['blank after trimming', { name: '   ' }, [['name', 'too_small']]],
    ['wrong type', { name: 'Ada', capacity: '2' }, [['capacity', 'invalid_type']]],
    ['bad record key named by path', { name: 'Ada', labels: { Bad1: 'x' } }, [['labels.Bad1', 'invalid_key']]],
    [
      'several problems at once, in order',
      { name: '', capacity: 0, weeklySchedule: { monday: [{ start: '09:00' }] }, extra: 1 },
      [
        ['name', 'too_small'],
        ['capacity', 'too_small'],
        ['weeklySchedule.monday.0.end', 'invalid_type'],
        ['extra', 'unrecognized_keys'],
      ],
    ],
    ['not an object at all: the body itself', 'hello', [['(body)', 'invalid_type']]],
    ['null body', null, [['(body)', 'invalid_type']]],
  ])('%s', (_label, input, expected) => {
    expect(paths(input)).toEqual(expected);
  });

  it('says "unknown field" for an unknown key and keeps zod messages otherwise', () => {
    expect(problems({ name: 'Ada', surprise: 1, weeklySchedule: { monday: [{ start: 'x', end: '10:00' }] } })).toEqual([
      { path: 'weeklySchedule.monday.0.start', message: 'must be HH:MM', code: 'invalid_format' },
      { path: 'surprise', message: 'unknown field', code: 'unrecognized_keys' },
    ]);
  });
});
