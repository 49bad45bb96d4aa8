import type { z } from 'zod';
import { DomainError } from '../../src/domain/shared/errors';
import { parseInput, type FieldProblem } from '../../src/http/validation';

/** The field problems the API would answer with for `input`; fails the test if the input is valid. */
export function validationProblems(schema: z.ZodType, input: unknown): FieldProblem[] {
  try {
    parseInput(schema, input);
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('VALIDATION_FAILED');
    return ((error as DomainError).details as { fields: FieldProblem[] }).fields;
  }
  throw new Error(`expected VALIDATION_FAILED for ${JSON.stringify(input)}`);
}

/** Just the dotted paths of those problems, in order. */
export function problemPaths(schema: z.ZodType, input: unknown): string[] {
  return validationProblems(schema, input).map((problem) => problem.path);
}
