import Router from '@koa/router';
import type { AppDeps } from '../app-deps';
import type { AppState } from '../app-state';

/** GET /health: whether the database and Temporal answer. Needs no credentials. */
export function healthRoutes({ db, temporal }: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/health', async (ctx) => {
    const [database, workflows] = await Promise.all([
      db.raw('select 1').then(() => 'ok', () => 'unavailable'),
      temporal.connection.healthService.check({}).then(() => 'ok', () => 'unavailable'),
    ]);
    const ok = database === 'ok' && workflows === 'ok';
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ok' : 'degraded', database, temporal: workflows };
  });
  return router;
}
