import type { Logger } from '../logger';
import type { OrganizationAccess, Principal } from '../auth/principal';

/** What middleware puts on `ctx.state` for the handlers after it. */
export interface AppState {
  requestId: string;
  logger: Logger;
  principal: Principal | null;
  access?: OrganizationAccess;
  idempotencyKey?: string;
  /** What a retry with the same Idempotency-Key gets instead of the body (e.g. without a one-time secret). */
  replayBody?: unknown;
}
