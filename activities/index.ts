import type { Knex } from 'knex';
import type { NotificationTransports } from '../src/notifications/transport';
import type { PaymentGateway } from '../src/payments/stripe-gateway';
import type { TemporalGateway } from '../temporal/client';
import { createAutomationActivities } from './automation.activities';
import { createBackupActivities } from './backup.activities';
import { createBookingActivities } from './booking.activities';
import { createEventDispatcher } from '../temporal/commands/event-dispatch';
import { createNotificationActivities } from './notification.activities';
import { createPaymentActivities } from './payment.activities';
import { createWebhookActivities, type EgressDeps } from './webhook.activities';
import { createReservationActivities } from './reservation.activities';
import { createSecurityDepositActivities } from './security-deposit.activities';
import { createStoreCreditActivities } from './store-credit.activities';

/** Everything the activities need from the outside world. */
export interface ActivityDeps {
  db: Knex;
  /** How messages leave: email (SMTP) and SMS; a channel without a transport records its messages as skipped. */
  transports: NotificationTransports;
  /** Starts the workflows events lead to (webhook deliveries, handler runs) and cancels bookings for handlers. */
  temporal: TemporalGateway;
  /** Where webhooks may be sent. */
  egress: EgressDeps;
  /** Stripe, or null when no account is configured (holds that need payment then cannot be paid). */
  payments: PaymentGateway | null;
}

/** All activities the worker registers. Activity names are contracts recorded in workflow histories. */
export function createActivities(deps: ActivityDeps) {
  const withEvents = { ...deps, events: createEventDispatcher(deps) };
  return {
    ...createReservationActivities(withEvents),
    ...createBookingActivities(withEvents),
    ...createBackupActivities(withEvents),
    ...createNotificationActivities(withEvents),
    ...createPaymentActivities({ ...withEvents, gateway: deps.payments }),
    ...createSecurityDepositActivities({ ...withEvents, gateway: deps.payments }),
    ...createStoreCreditActivities(deps),
    ...createWebhookActivities(deps),
    ...createAutomationActivities(deps),
  };
}

/** The activity interface workflows proxy (types only; workflows never import activity code). */
export type Activities = ReturnType<typeof createActivities>;
