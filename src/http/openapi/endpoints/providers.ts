import { manualCompensationSchema, providerPeriodQuerySchema } from '../../routes/providers.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

/** Timesheets and compensation of providers (providers.routes.ts). */
export const providerEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/providers/{id}/timesheets',
    operationId: 'getProviderTimesheet',
    summary: 'The bookings a provider worked',
    description: 'Bookings of the provider starting in [from, to) (at most 93 days) that were checked in, completed or reviewed, with their scheduled and recorded times, and totals. The provider member sees their own; managers those of their locations.',
    tag: 'Bookables',
    authenticated: true,
    permissions: routePermissions.providerLedgerReaders,
    query: providerPeriodQuerySchema,
    success: { status: 200, description: '`{ providerId, from, to, data: [{ bookingId, status, startsAt, endsAt, checkedInAt, completedAt, scheduledMinutes }], totals: { bookings, scheduledMinutes } }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/providers/{id}/compensation',
    operationId: 'getProviderCompensation',
    summary: 'What a provider is owed',
    description:
      'The provider’s compensation ledger in [from, to): written with each cancellation and no-show of their bookings by the template version’s rules (`cancellation.providerCompensation`: a share by hours left when the client cancels, full or partial when the business does, nothing when the provider does; `noShowPolicy.providerCompensationBps`), as shares of the booking’s quoted total, plus payments recorded by hand. Totals are per currency.',
    tag: 'Bookables',
    authenticated: true,
    permissions: routePermissions.providerLedgerReaders,
    query: providerPeriodQuerySchema,
    success: { status: 200, description: '`{ providerId, data: [{ id, providerId, bookingId, reason, amount, currency, bps, note, recordedBy, createdAt }], totals: { <currency>: amount } }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/bookings/{id}/compensation',
    operationId: 'recordProviderCompensation',
    summary: 'Record a payment to a provider for a booking',
    description: 'By hand (backup pay, a bonus), in the booking’s currency; the provider defaults to the booking’s only provider.',
    tag: 'Bookings',
    authenticated: true,
    permissions: routePermissions.compensationRecorders,
    body: manualCompensationSchema,
    success: { status: 201, description: 'The ledger row.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
