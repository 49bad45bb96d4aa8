import { ApplicationFailure } from '@temporalio/activity';
import { DomainError } from '../src/domain/shared/errors';

/**
 * Runs an effect and turns a DomainError into a non-retryable ApplicationFailure whose type is the
 * catalogue code, so the workflow sees the business refusal and Temporal does not retry it.
 */
export async function asActivityFailure<T>(effect: () => Promise<T>): Promise<T> {
  try {
    return await effect();
  } catch (error) {
    if (error instanceof DomainError) {
      throw ApplicationFailure.create({ type: error.code, message: error.message, nonRetryable: true, details: error.details ? [error.details] : [] });
    }
    throw error;
  }
}
