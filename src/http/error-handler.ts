import type { Middleware } from 'koa';
import { DomainError } from '../domain/shared/errors';
import { errorStatus } from './error-status';
import type { AppState } from './app-state';

/** The one error envelope every failed request gets. */
export interface ErrorEnvelope {
  error: { code: string; message: string; details?: Record<string, unknown>; requestId: string };
}

// Koa and its body parser signal client mistakes as http-errors with a status; map them to our codes.
function fromHttpError(error: { status?: number; type?: string; message?: string }): DomainError | undefined {
  switch (error.status) {
    case 400:
      return new DomainError('MALFORMED_JSON', 'The request body is not valid JSON.');
    case 413:
      return new DomainError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    case 415:
      return new DomainError('UNSUPPORTED_MEDIA_TYPE', 'Send JSON with Content-Type: application/json.');
    default:
      return undefined;
  }
}

/**
 * Turns every thrown error into the envelope. Business errors keep their code and message; anything
 * else is logged with its stack and answered with INTERNAL_ERROR, never with database text.
 */
export function errorHandler(): Middleware<AppState> {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new DomainError('ROUTE_NOT_FOUND', `No route ${ctx.method} ${ctx.path}.`);
    } catch (caught) {
      const known = caught instanceof DomainError ? caught : fromHttpError(caught as { status?: number });
      const error = known ?? new DomainError('INTERNAL_ERROR', 'Something went wrong on our side. It has been logged.');
      if (!known) ctx.state.logger.error({ err: caught }, 'unhandled error');
      ctx.status = errorStatus[error.code];
      const body: ErrorEnvelope = {
        error: { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}), requestId: ctx.state.requestId },
      };
      ctx.body = body;
    }
  };
}
