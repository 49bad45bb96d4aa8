import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import type { ErrorCode } from '../../src/domain/shared/errors';

/** A business refusal that fails an update (or a workflow) with a catalogue code as its type. */
export function businessFailure(code: ErrorCode, message: string, details?: Record<string, unknown>): ApplicationFailure {
  return ApplicationFailure.create({ type: code, message, nonRetryable: true, details: details ? [details] : [] });
}

/** The catalogue code an activity failed with, if it failed with one. */
export function activityFailureCode(error: unknown): string | undefined {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) return error.cause.type ?? undefined;
  return undefined;
}

/** The details an activity's business refusal carried (its first details object), or none. */
export function activityFailureDetails(error: unknown): Record<string, unknown> {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure) {
    const [first] = error.cause.details ?? [];
    if (first && typeof first === 'object' && !Array.isArray(first)) return first as Record<string, unknown>;
  }
  return {};
}

/**
 * Passes an activity's business refusal on as the update's own failure (same code, message and
 * details), so the caller sees SLOT_UNAVAILABLE rather than a generic activity failure.
 */
export function refusalFromActivity(error: unknown): unknown {
  if (error instanceof ActivityFailure && error.cause instanceof ApplicationFailure && error.cause.type) {
    const cause = error.cause;
    return ApplicationFailure.create({ type: cause.type ?? undefined, message: cause.message, nonRetryable: true, details: cause.details ? [...cause.details] : [] });
  }
  return error;
}
