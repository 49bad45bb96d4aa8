import type { Endpoint } from './endpoint';
import { bookableEndpoints } from './endpoints/bookables';
import { bookingBackupEndpoints } from './endpoints/booking-backups';
import { bookingLifecycleEndpoints } from './endpoints/booking-lifecycle';
import { participantEndpoints } from './endpoints/participants';
import { notificationEndpoints } from './endpoints/notifications';
import { webhookEndpoints } from './endpoints/webhooks';
import { automationEndpoints } from './endpoints/automation';
import { providerEndpoints } from './endpoints/providers';
import { bookingEndpoints } from './endpoints/bookings';
import { calendarEndpoints } from './endpoints/calendars';
import { healthEndpoints } from './endpoints/health';
import { locationEndpoints } from './endpoints/locations';
import { organizationEndpoints } from './endpoints/organizations';
import { reservationEndpoints } from './endpoints/reservations';
import { availabilityEndpoints } from './endpoints/availability';
import { serviceTemplateEndpoints } from './endpoints/service-templates';
import { storeCreditEndpoints } from './endpoints/store-credit';
import { securityDepositEndpoints } from './endpoints/security-deposit';

export type { Endpoint, HttpMethod, Tag } from './endpoint';

/**
 * Every endpoint of the API, one entry each, in the order the reference page lists them. A test
 * checks this registry against the routes the Koa routers really have, both ways.
 */
export const endpoints: readonly Endpoint[] = [...healthEndpoints, ...organizationEndpoints, ...locationEndpoints, ...bookableEndpoints, ...calendarEndpoints, ...serviceTemplateEndpoints, ...availabilityEndpoints, ...reservationEndpoints, ...bookingEndpoints, ...bookingLifecycleEndpoints, ...bookingBackupEndpoints, ...securityDepositEndpoints, ...participantEndpoints, ...notificationEndpoints, ...webhookEndpoints, ...automationEndpoints, ...providerEndpoints, ...storeCreditEndpoints];
