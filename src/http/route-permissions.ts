import { bookableManagers } from '../domain/auth/bookable-permissions';
import type { Permission } from '../domain/auth/permissions';

/**
 * The permission groups routes require (any one of a group lets the caller in). Routes and the
 * OpenAPI registry both read them from here, so the documented permissions are the enforced ones.
 */
export const routePermissions = {
  /** Reading what can be booked: locations, bookables, calendars, active templates, categories. */
  catalogueReaders: ['booking:create', 'booking:view_location', 'booking:view_assigned', 'setting:view'],
  /** Configuring bookables of any kind (and their categories). */
  bookableManagers: [...new Set([...bookableManagers('provider'), ...bookableManagers('asset')])],
  templateManagers: ['service_template:manage'],
  /** One bookable's slots and stays: who books, and staff who see a location's or the organization's bookings. */
  slotReaders: ['booking:create', 'booking:view_location', 'booking:manage_org'],
  /** Holding, confirming, extending and releasing reservations. */
  bookingWriters: ['booking:create', 'booking:manage_location', 'booking:manage_org'],
  reservationViewers: ['booking:view_own', 'booking:view_location', 'booking:manage_org'],
  bookingViewers: ['booking:view_own', 'booking:view_assigned', 'booking:view_location', 'booking:manage_org'],
  /** The booker, the provider member the booking is assigned to, or someone who manages bookings. */
  bookingCancellers: ['booking:cancel_own', 'booking:update_assigned', 'booking:manage_location', 'booking:manage_org'],
  bookingApprovers: ['booking:manage_location', 'booking:manage_org'],
  checkIn: ['booking:check_in', 'booking:manage_location', 'booking:manage_org'],
  /** Completion and no-show. */
  bookingFinishers: ['booking:update_assigned', 'booking:manage_location', 'booking:manage_org'],
  bookingReschedulers: ['booking:reschedule_own', 'booking:manage_location', 'booking:manage_org'],
  /** Adding and removing participants: the booker (with their own bookings) or someone who manages bookings. */
  participantManagers: ['booking:create', 'booking:manage_location', 'booking:manage_org'],
  /** Webhook subscriptions and their deliveries. */
  webhookManagers: ['integration:manage'],
  /** Event handlers, their dry runs and runs, and scheduled automation rules. */
  automationManagers: ['setting:manage'],
  /** A provider's timesheet and compensation: the provider member themselves, or who manages providers. */
  providerLedgerReaders: ['timesheet:view_own', 'provider:manage_location', 'provider:manage_org'],
  /** Capturing or releasing a booking's security deposit: staff who manage bookings (money kept from a client). */
  securityDepositManagers: ['booking:manage_location', 'booking:manage_org'],
  /** Recording a payment to a provider by hand. */
  compensationRecorders: ['booking:manage_location', 'booking:manage_org'],
  /** One's own store credit: every member has some kind of booking access. */
  storeCreditReaders: ['booking:view_own', 'booking:view_assigned', 'booking:view_location', 'booking:manage_org'],
  /** Another member's store credit. */
  storeCreditManagers: ['booking:manage_org'],
  /** The outbox of a whole organization. */
  notificationReaders: ['booking:manage_org'],
} as const satisfies Record<string, readonly Permission[]>;
