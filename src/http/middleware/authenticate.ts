import type { Knex } from 'knex';
import type { Middleware } from 'koa';
import { fromNodeHeaders } from 'better-auth/node';
import { API_KEY_PREFIX, hashApiKey } from '../../auth/api-keys';
import type { Auth } from '../../auth/auth';
import { useApiKey } from '../../db/queries/api-key.queries';
import { DomainError } from '../../domain/shared/errors';
import type { AppState } from '../app-state';

/**
 * Works out who is calling: an API key (`Authorization: Bearer bzk_…`) or a better-auth session
 * (bearer token or cookie). Anonymous callers get UNAUTHENTICATED; a wrong key is never a 404.
 */
export function authenticate(deps: { auth: Auth; db: Knex }): Middleware<AppState> {
  return async (ctx, next) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(ctx.get('Authorization'))?.[1];
    if (bearer?.startsWith(API_KEY_PREFIX)) {
      const key = await useApiKey(deps.db, hashApiKey(bearer));
      if (!key) throw new DomainError('UNAUTHENTICATED', 'The API key is not valid or was revoked.');
      ctx.state.principal = { kind: 'api_key', apiKeyId: key.id, organizationId: key.organizationId, role: key.role, actorId: `api_key:${key.id}` };
    } else {
      const session = await deps.auth.api.getSession({ headers: fromNodeHeaders(ctx.req.headers) });
      if (!session) throw new DomainError('UNAUTHENTICATED', 'Sign in first: send Authorization: Bearer <session token or API key>.');
      ctx.state.principal = { kind: 'user', userId: session.user.id, email: session.user.email, actorId: `user:${session.user.id}` };
    }
    await next();
  };
}
