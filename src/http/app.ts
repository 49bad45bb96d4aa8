import Koa from 'koa';
import Router from '@koa/router';
import { bodyParser } from '@koa/bodyparser';
import { toNodeHandler } from 'better-auth/node';
import type { AppDeps } from './app-deps';
import type { AppState } from './app-state';
import { errorHandler } from './error-handler';
import { authenticate } from './middleware/authenticate';
import { idempotency } from './middleware/idempotency';
import { requestContext } from './middleware/request-context';
import { availabilityRoutes } from './routes/availability.routes';
import { bookingRoutes } from './routes/bookings.routes';
import { bookableRoutes } from './routes/bookables.routes';
import { bookingBackupRoutes } from './routes/booking-backups.routes';
import { bookingLifecycleRoutes } from './routes/booking-lifecycle.routes';
import { bookingParticipantRoutes } from './routes/booking-participants.routes';
import { notificationRoutes } from './routes/notifications.routes';
import { webhookRoutes } from './routes/webhooks.routes';
import { automationRoutes } from './routes/automation.routes';
import { stripeWebhookRoutes } from './routes/stripe-webhook.routes';
import { storeCreditRoutes } from './routes/store-credit.routes';
import { providerRoutes } from './routes/providers.routes';
import { calendarRoutes } from './routes/calendars.routes';
import { categoryRoutes } from './routes/categories.routes';
import { docsRoutes } from './routes/docs.routes';
import { healthRoutes } from './routes/health.routes';
import { locationRoutes } from './routes/locations.routes';
import { organizationRoutes } from './routes/organizations.routes';
import { reservationRoutes } from './routes/reservations.routes';
import { searchRoutes } from './routes/search.routes';
import { securityDepositRoutes } from './routes/security-deposit.routes';
import { searchAvailabilityRoutes } from './routes/search-availability.routes';
import { serviceTemplateRoutes } from './routes/service-templates.routes';

/** Builds the HTTP application (no listening): `/api/auth/*` is better-auth, `/api/v1/*` is Bizing. */
export function createApp(deps: AppDeps): Koa<AppState> {
  const app = new Koa<AppState>();
  app.proxy = false;
  app.silent = true;
  app.use(requestContext(deps.logger));
  app.use(errorHandler());

  // better-auth reads the raw request itself, so it is mounted before the body parser.
  const authHandler = toNodeHandler(deps.auth);
  app.use(async (ctx, next) => {
    if (!ctx.path.startsWith('/api/auth/')) return next();
    ctx.respond = false;
    await authHandler(ctx.req, ctx.res);
  });

  app.use(bodyParser({ enableTypes: ['json'], jsonLimit: '100kb', encoding: 'utf-8', parsedMethods: ['POST', 'PUT', 'PATCH', 'DELETE'] }));

  const health = healthRoutes(deps);
  app.use(health.routes());
  app.use(docsRoutes().routes());
  // Stripe signs its events instead of authenticating: outside the API's authentication.
  app.use(stripeWebhookRoutes(deps).routes());

  const api = new Router<AppState>({ prefix: '/api/v1' });
  api.use(authenticate(deps), idempotency(deps.db));
  for (const routes of [organizationRoutes, locationRoutes, categoryRoutes, bookableRoutes, calendarRoutes, serviceTemplateRoutes, availabilityRoutes, reservationRoutes, bookingRoutes, bookingLifecycleRoutes, bookingBackupRoutes, securityDepositRoutes, bookingParticipantRoutes, notificationRoutes, webhookRoutes, automationRoutes, providerRoutes, storeCreditRoutes, searchRoutes, searchAvailabilityRoutes]) {
    const router = routes(deps);
    api.use(router.routes(), router.allowedMethods());
  }
  app.use(api.routes());
  app.use(api.allowedMethods());
  return app;
}
