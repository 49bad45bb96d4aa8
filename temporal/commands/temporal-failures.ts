import {
  ApplicationFailure,
  WorkflowExecutionAlreadyStartedError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
  isGrpcServiceError,
} from '@temporalio/client';
import { DomainError, isErrorCode } from '../../src/domain/shared/errors';

/** How long the API waits for a workflow to answer an update before telling the client to retry. */
export const UPDATE_DEADLINE_MS = 15_000;

/** The DomainError a workflow refused with, or undefined when the failure was not a business refusal. */
export function businessRefusal(error: unknown): DomainError | undefined {
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const cause = error.cause;
  if (cause instanceof ApplicationFailure && isErrorCode(cause.type)) {
    const details = (cause.details?.[0] ?? undefined) as Record<string, unknown> | undefined;
    return new DomainError(cause.type, cause.message, details);
  }
  return undefined;
}

/** True when the workflow is gone or already closed, so it can no longer take updates. */
export function isWorkflowClosed(error: unknown): boolean {
  return error instanceof WorkflowNotFoundError || error instanceof WorkflowExecutionAlreadyStartedError;
}

/** Translates what Temporal threw into a DomainError the API can answer with. */
export function toDomainError(error: unknown): DomainError {
  const refusal = businessRefusal(error);
  if (refusal) return refusal;
  if (error instanceof WorkflowUpdateRPCTimeoutOrCancelledError || (isGrpcServiceError(error) && error.code === 4)) {
    return new DomainError('WORKFLOW_UNAVAILABLE', 'The booking engine did not answer in time; retry with the same Idempotency-Key.');
  }
  if (isGrpcServiceError(error) && error.code === 14) {
    return new DomainError('WORKFLOW_UNAVAILABLE', 'The booking engine is unreachable; retry shortly.');
  }
  throw error;
}
