import type { z } from 'zod';
import { DomainError } from '../domain/shared/errors';

/** Parses input with a zod schema, or throws VALIDATION_FAILED listing each bad field by its path. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.') || '(body)', message: issue.message, code: issue.code }));
  throw new DomainError('VALIDATION_FAILED', 'The request is not valid.', { fields });
}
