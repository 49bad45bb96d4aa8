import type { z } from 'zod';
import { DomainError } from '../domain/shared/errors';

/** One problem with one field, addressed by its dotted path in the request (`weeklySchedule.monday.0.end`). */
export interface FieldProblem {
  path: string;
  message: string;
  code: string;
}

function fieldPath(segments: readonly PropertyKey[]): string {
  return segments.map(String).join('.') || '(body)';
}

// Unknown keys are reported on their parent by zod; name the key itself so the client sees which one.
function toFieldProblems(issue: z.core.$ZodIssue): FieldProblem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ path: fieldPath([...issue.path, key]), message: 'unknown field', code: issue.code }));
  }
  return [{ path: fieldPath(issue.path), message: issue.message, code: issue.code }];
}

/** Parses input with a zod schema, or throws VALIDATION_FAILED listing each bad field by its path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new DomainError('VALIDATION_FAILED', 'The request is not valid.', { fields: result.error.issues.flatMap(toFieldProblems) });
}
