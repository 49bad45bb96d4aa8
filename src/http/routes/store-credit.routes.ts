import Router from '@koa/router';
import { findActiveMembership } from '../../db/queries/membership.queries';
import { storeCreditBalances, storeCreditLedger, storeCreditView } from '../../db/queries/store-credit.queries';
import { isAllowed } from '../../domain/auth/permissions';
import { DomainError } from '../../domain/shared/errors';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';
import { orgFromPath, permit } from '../middleware/permit';
import { routePermissions } from '../route-permissions';
import { parseInput } from '../validation';
import { storeCreditQuerySchema } from './store-credit.schemas';

/** A client's store credit with an organization: balances per currency and the ledger they add up from. */
export function storeCreditRoutes({ db }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  router.get('/organizations/:orgId/store-credit', permit(db, routePermissions.storeCreditReaders, orgFromPath), async (ctx) => {
    const access = ctx.state.access!;
    const { userId: asked } = parseInput(storeCreditQuerySchema, ctx.query);
    const userId = asked ?? access.userId;
    // Someone else's credit is for those who manage the organization's bookings; and only a member has any.
    if (userId !== access.userId && !isAllowed(access, routePermissions.storeCreditManagers)) throw new DomainError('FORBIDDEN', 'Only managers may read another member’s store credit.');
    if (userId !== null && userId !== access.userId && !(await findActiveMembership(db, access.organizationId, userId))) throw new DomainError('NOT_FOUND', 'Not found.');
    const owner = userId === null ? null : { organizationId: access.organizationId, userId };
    ctx.body = {
      userId,
      balances: owner ? await storeCreditBalances(db, owner) : {},
      data: owner ? (await storeCreditLedger(db, owner)).map(storeCreditView) : [],
    };
  });

  return router;
}
