import type { Permission } from '../../../domain/auth/permissions';
import { calendarBlockSchema, calendarPatchSchema, dateOverrideSchema } from '../../routes/calendars.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const readers = routePermissions.catalogueReaders;
const schedulers: Permission[] = ['schedule:manage_location', 'provider:manage_org'];

/** Calendars: weekly pattern, special days and blocked time (calendars.routes.ts). */
export const calendarEndpoints: Endpoint[] = [
  {
    method: 'get',
    path: '/api/v1/calendars/{id}',
    operationId: 'getCalendar',
    summary: 'A calendar, with its overrides and coming blocks',
    tag: 'Calendars',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: 'The calendar (`pattern` with `weeklySchedule`, `cascading`), plus `overrides` and `blocks`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/api/v1/calendars/{id}',
    operationId: 'updateCalendar',
    summary: 'Change a calendar\'s name, zone, pattern or cascading settings',
    description: 'The pattern sent is merged into the stored one, and the result must still hold together.',
    tag: 'Calendars',
    authenticated: true,
    permissions: schedulers,
    body: calendarPatchSchema,
    success: { status: 200, description: 'The calendar as it now is.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/calendars/{id}/overrides',
    operationId: 'createCalendarOverride',
    summary: 'Override one date (closed, or other hours)',
    tag: 'Calendars',
    authenticated: true,
    permissions: schedulers,
    body: dateOverrideSchema,
    success: { status: 201, description: 'The override.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS'],
  },
  {
    method: 'delete',
    path: '/api/v1/calendars/{id}/overrides/{overrideId}',
    operationId: 'deleteCalendarOverride',
    summary: 'Remove a date override',
    tag: 'Calendars',
    authenticated: true,
    permissions: schedulers,
    success: { status: 204, description: 'Removed.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'post',
    path: '/api/v1/calendars/{id}/blocks',
    operationId: 'createCalendarBlock',
    summary: 'Block time, the half-open range [startsAt, endsAt)',
    description: 'A block on a bookable\'s calendar may not overlap its bookings or live holds (409).',
    tag: 'Calendars',
    authenticated: true,
    permissions: schedulers,
    body: calendarBlockSchema,
    success: { status: 201, description: 'The block.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'SLOT_UNAVAILABLE'],
  },
  {
    method: 'delete',
    path: '/api/v1/calendars/{id}/blocks/{blockId}',
    operationId: 'deleteCalendarBlock',
    summary: 'Remove blocked time',
    tag: 'Calendars',
    authenticated: true,
    permissions: schedulers,
    success: { status: 204, description: 'Removed.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
