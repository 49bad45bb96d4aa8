import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { DomainError, isErrorCode, type ErrorCode } from '../../domain/shared/errors';
import { canonicalJson } from '../../domain/shared/canonical-json';
import { errorStatus } from '../error-status';
import { claimIdempotencyKey, completeIdempotencyKey, releaseIdempotencyKey } from '../../db/queries/idempotency.queries';
import type { AppState } from '../app-state';

// Answers that may change on retry are not remembered.
const retryableCodes = new Set<ErrorCode>(['INTERNAL_ERROR', 'WORKFLOW_UNAVAILABLE', 'CONFLICT']);

const KEY_FORMAT = /^[\x21-\x7e]{1,255}$/;

/**
 * Makes a mutation safe to retry (IETF Idempotency-Key draft, Stripe's semantics): the same key and
 * body replay the first response (`Idempotent-Replayed: true`); the same key with another body is
 * 422 IDEMPOTENCY_KEY_REUSED; a retry while the first attempt runs is 409. Responses of 5xx are not
 * remembered, so the client can retry them. Keys are per caller.
 */
export function idempotency(db: Knex): Middleware<AppState> {
  return async (ctx, next) => {
    const key = ctx.get('Idempotency-Key');
    if (!key || ctx.method === 'GET' || ctx.method === 'HEAD') return next();
    if (!KEY_FORMAT.test(key)) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1–255 visible ASCII characters.', {
        fields: [{ path: 'header.Idempotency-Key', message: 'invalid format' }],
      });
    }
    const principal = ctx.state.principal!.actorId;
    const requestHash = createHash('sha256').update(canonicalJson((ctx.request as { body?: unknown }).body ?? null)).digest('hex');
    const claim = await claimIdempotencyKey(db, { principal, key, method: ctx.method, path: ctx.path, requestHash });

    if (!claim.claimed) {
      const { record } = claim;
      if (record.requestHash !== requestHash || record.method !== ctx.method || record.path !== ctx.path) {
        throw new DomainError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for a different request.');
      }
      if (record.state === 'in_progress') {
        throw new DomainError('IDEMPOTENCY_REQUEST_IN_PROGRESS', 'A request with this Idempotency-Key is still running; retry shortly.');
      }
      ctx.set('Idempotent-Replayed', 'true');
      const stored = record.responseBody as { error?: { code?: string; message: string; details?: Record<string, unknown> } } | null;
      // A remembered refusal goes back through the error handler, so it carries this request's id.
      if (isErrorCode(stored?.error?.code)) throw new DomainError(stored.error.code, stored.error.message, stored.error.details);
      ctx.status = record.responseStatus!;
      ctx.body = record.responseBody;
      return;
    }

    ctx.state.idempotencyKey = key;
    try {
      await next();
    } catch (error) {
      if (error instanceof DomainError && !retryableCodes.has(error.code)) {
        // A business refusal is a final answer for this request: remember it like a success.
        await completeIdempotencyKey(db, claim.id, errorStatus[error.code], { error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) } });
      } else {
        await releaseIdempotencyKey(db, claim.id);
      }
      throw error;
    }
    if (ctx.status < 500) await completeIdempotencyKey(db, claim.id, ctx.status, ctx.state.replayBody ?? ctx.body);
    else await releaseIdempotencyKey(db, claim.id);
  };
}
