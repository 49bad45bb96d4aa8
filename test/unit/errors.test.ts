import { DomainError, errorCodes, isErrorCode } from '../../src/domain/shared/errors';

describe('isErrorCode', () => {
  it.each([
    'VALIDATION_FAILED',
    'NOT_FOUND',
    'SLOT_UNAVAILABLE',
    'SLOT_OUTSIDE_AVAILABILITY',
    'SLOT_IN_THE_PAST',
    'TEMPLATE_NOT_BOOKABLE',
    'BOOKABLE_NOT_BOOKABLE',
    'INVALID_TRANSITION',
    'CHECK_IN_NOT_OPEN',
    'CLIENT_BANNED',
    'INTERNAL_ERROR',
  ])('accepts %s', (code) => {
    expect(isErrorCode(code)).toBe(true);
  });

  it('accepts every code of the catalogue', () => {
    expect(errorCodes.filter((code) => !isErrorCode(code))).toEqual([]);
    expect(errorCodes).toHaveLength(35);
  });

  it.each([
    ['a lower-case code', 'not_found'],
    ['a code with a trailing space', 'NOT_FOUND '],
    ['an unknown code', 'TEAPOT'],
    ['the empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['a number', 404],
    ['an object', { code: 'NOT_FOUND' }],
    ['an array holding a code', ['NOT_FOUND']],
    ['a String object', new String('NOT_FOUND')],
  ])('refuses %s', (_label, value) => {
    expect(isErrorCode(value)).toBe(false);
  });

  it('has no duplicate codes', () => {
    expect(new Set(errorCodes).size).toBe(errorCodes.length);
  });
});

describe('DomainError', () => {
  it('carries its code, message and details and is an Error', () => {
    const error = new DomainError('SLOT_IN_THE_PAST', 'too soon', { earliestStart: '2030-03-04T08:00:00.000Z' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('DomainError');
    expect(error.code).toBe('SLOT_IN_THE_PAST');
    expect(error.message).toBe('too soon');
    expect(error.details).toEqual({ earliestStart: '2030-03-04T08:00:00.000Z' });
  });

  it('has undefined details when none are given', () => {
    expect(new DomainError('NOT_FOUND', 'nope').details).toBeUndefined();
  });
});
