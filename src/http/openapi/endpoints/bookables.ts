import { z } from 'zod';
import { bookableManagers } from '../../../domain/auth/bookable-permissions';
import { bookableListQuerySchema, bookableSearchQuerySchema, createBookableSchemas, patchBookableSchemas, deleteBookableBodySchema } from '../../routes/bookables.schemas';
import { createCategorySchema } from '../../routes/categories.schemas';
import type { Endpoint } from '../endpoint';
import { routePermissions } from '../../route-permissions';

const readers = routePermissions.catalogueReaders;
const anyManager = routePermissions.bookableManagers;


const kinds = [
  { kind: 'provider', path: 'providers', operationId: 'createProvider', noun: 'a provider (a person who delivers services)' },
  { kind: 'asset', path: 'assets', operationId: 'createAsset', noun: 'an asset (equipment)' },
  { kind: 'venue', path: 'venues', operationId: 'createVenue', noun: 'a venue (a room or space)' },
  { kind: 'virtual_resource', path: 'virtual-resources', operationId: 'createVirtualResource', noun: 'a virtual resource (a meeting room, a licence)' },
] as const;

/** Bookables of the four kinds (bookables.routes.ts) and their search (search.routes.ts). */
export const bookableEndpoints: Endpoint[] = [
  {
    method: 'post',
    path: '/api/v1/organizations/{orgId}/bookable-categories',
    operationId: 'createBookableCategory',
    summary: 'Create a category of bookables',
    description: 'Names are unique within the organization; `parentCategoryId` nests categories.',
    tag: 'Bookables',
    authenticated: true,
    permissions: anyManager,
    body: createCategorySchema,
    success: { status: 201, description: 'The category.' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'ALREADY_EXISTS'],
  },
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/bookable-categories',
    operationId: 'listBookableCategories',
    summary: 'Categories of bookables',
    tag: 'Bookables',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: 'The categories, by name.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  ...kinds.map(
    ({ kind, path, operationId, noun }): Endpoint => ({
      method: 'post',
      path: `/api/v1/organizations/{orgId}/bookables/${path}`,
      operationId,
      summary: `Create ${noun}`,
      description: 'It belongs to `locationId`; its calendar\'s time zone defaults to the location\'s.',
      tag: 'Bookables',
      authenticated: true,
      permissions: bookableManagers(kind),
      body: createBookableSchemas[kind],
      success: { status: 201, description: 'The bookable, with its calendar.' },
      errors: ['FORBIDDEN', 'NOT_FOUND'],
    }),
  ),
  {
    method: 'get',
    path: '/api/v1/organizations/{orgId}/bookables',
    operationId: 'listBookables',
    summary: 'Bookables of an organization, paginated',
    description: 'Filters combine with AND; `tags` (comma-separated) must all be present. Pass `nextCursor` back as `cursor` for the next page.',
    tag: 'Bookables',
    authenticated: true,
    permissions: readers,
    query: bookableListQuerySchema,
    success: { status: 200, description: '`{ data: [bookable], nextCursor }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/bookables/{id}',
    operationId: 'getBookable',
    summary: 'One bookable, with its kind\'s details and working hours',
    description: 'Connection secrets of a virtual resource are shown only to those who manage it.',
    tag: 'Bookables',
    authenticated: true,
    permissions: readers,
    success: { status: 200, description: 'The bookable.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'patch',
    path: '/api/v1/bookables/{id}',
    operationId: 'updateBookable',
    summary: 'Change a bookable',
    description: 'The body is the patch body of the stored bookable\'s kind: every field optional, `null` clears an optional one, `{}` is refused. Providers need provider rights, other kinds asset rights, in the bookable\'s location (and in the new one when moving it).',
    tag: 'Bookables',
    authenticated: true,
    permissions: anyManager,
    body: z.union([patchBookableSchemas.provider, patchBookableSchemas.asset, patchBookableSchemas.venue, patchBookableSchemas.virtual_resource]),
    success: { status: 200, description: 'The bookable as it now is.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'delete',
    path: '/api/v1/bookables/{id}',
    operationId: 'deleteBookable',
    summary: 'Retire a bookable',
    description: 'Optionally with a `reason`.',
    tag: 'Bookables',
    authenticated: true,
    permissions: anyManager,
    body: deleteBookableBodySchema,
    success: { status: 204, description: 'Retired.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'get',
    path: '/api/v1/search/bookables',
    operationId: 'searchBookables',
    summary: 'Active bookables of an organization that meet criteria',
    description: '`categoryIds` is any-of; `tags` and `certifications` are all-of (comma-separated), each certification verified and unexpired on `on` (default: today in the location\'s or organization\'s zone). Pass `nextCursor` back as `cursor` for the next page.',
    tag: 'Bookables',
    authenticated: true,
    permissions: readers,
    query: bookableSearchQuerySchema,
    success: { status: 200, description: '`{ on, data: [bookable], nextCursor }`.' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
];
