import { createLocationSchema, updateLocationSchema } from '../../routes/locations.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const readers = routePermissions.catalogueReaders;

/** Locations and their configuration inheritance (locations.routes.ts). */
export const locationEndpoints: Endpoint[] = [
  {
    method: 'post',
    path: '/api/v1/organizations/{orgId}/locations',
    operationId: 'createLocation',
    summary: 'Create a location',
    description: 'A `mobile` location needs a `serviceArea`.',
    tag: 'Locations',
    authenticated: true,
    permissions: ['org:manage'],
    body: createLocationSchema,
    success: { status: 201, description: 'The location.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/locations',
    operationId: 'listLocations',
    summary: 'Locations of an organization',
    tag: 'Locations',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: '`{ data: [location] }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/locations/{id}',
    operationId: 'getLocation',
    summary: 'One location',
    tag: 'Locations',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: 'The location.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/api/v1/locations/{id}',
    operationId: 'updateLocation',
    summary: 'Change a location',
    description: 'Any field; `null` clears an optional one; `config` replaces the location\'s overrides. Location managers change only their own locations.',
    tag: 'Locations',
    authenticated: true,
    permissions: ['org:manage', 'schedule:manage_location'],
    body: updateLocationSchema,
    success: { status: 200, description: 'The location as it now is.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/locations/{id}/effective-config',
    operationId: 'getLocationEffectiveConfig',
    summary: 'The configuration in force at a location',
    description: 'The organization\'s defaults overridden by each location from the top of the hierarchy down to this one, with where each value comes from.',
    tag: 'Locations',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: '`{ locationId, lineage: [location id], … }`: the effective configuration and its sources.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
