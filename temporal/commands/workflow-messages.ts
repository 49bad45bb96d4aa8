import type { QueryDefinition, UpdateDefinition } from '@temporalio/client';
import type { TemporalGateway } from '../client';
import type { DomainError } from '../../src/domain/shared/errors';
import { UPDATE_DEADLINE_MS, isWorkflowClosed, toDomainError } from './temporal-failures';

/**
 * Sends an update to a running workflow and waits for its answer, within the API's deadline. A
 * business refusal comes back as its DomainError; a closed workflow as `whenClosed()`'s error.
 */
export async function sendUpdate<Ret, Args extends [unknown, ...unknown[]]>(
  temporal: TemporalGateway,
  workflowId: string,
  update: UpdateDefinition<Ret, Args>,
  request: { args: Args; updateId: string; whenClosed: () => Promise<DomainError> | DomainError },
): Promise<Ret> {
  const handle = temporal.client.workflow.getHandle(workflowId);
  try {
    return await temporal.client.withDeadline(Date.now() + UPDATE_DEADLINE_MS, () =>
      handle.executeUpdate(update, { args: request.args, updateId: request.updateId }),
    );
  } catch (error) {
    if (isWorkflowClosed(error)) throw await request.whenClosed();
    throw toDomainError(error);
  }
}

/** A workflow's live state from a query, or null when it cannot answer within a few seconds. */
export async function queryLive<Ret>(temporal: TemporalGateway, workflowId: string, query: QueryDefinition<Ret, []>): Promise<Ret | null> {
  try {
    const handle = temporal.client.workflow.getHandle(workflowId);
    return await temporal.client.withDeadline(Date.now() + 5_000, () => handle.query(query));
  } catch {
    return null;
  }
}
