import type { z } from 'zod';
import type { Permission } from '../../domain/auth/permissions';
import type { ErrorCode } from '../../domain/shared/errors';

/** The HTTP methods the API uses, spelled as OpenAPI spells its operation keys. */
export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/** The groups the reference page shows, in this order. */
export const tags = [
  { name: 'Health', description: 'Liveness of the API and its dependencies. No credentials needed.' },
  { name: 'Organizations', description: 'Organizations and your role in them.' },
  { name: 'Members', description: 'Who belongs to an organization, with which role and locations.' },
  { name: 'API keys', description: 'Server-to-server keys acting with one role in one organization.' },
  { name: 'Locations', description: 'Places (with an IANA time zone) where services happen.' },
  { name: 'Bookables', description: 'Providers and other things that can be booked, with working hours.' },
  { name: 'Calendars', description: 'Working hours of a bookable or location: weekly pattern, date overrides and blocked time.' },
  { name: 'Service templates', description: 'What can be booked: duration, buffers, notice and hold time.' },
  { name: 'Availability', description: 'Slots of a service: one bookable\'s, or searched across every bookable that could serve it, with the bookables each would use.' },
  { name: 'Reservations', description: 'Holds on a slot, each a durable workflow: confirm into a booking or release.' },
  { name: 'Bookings', description: 'Confirmed bookings, each a durable workflow.' },
  { name: 'Participants', description: 'The people of a booking: primary, observers and guests, each with a status and a check-in.' },
  { name: 'Notifications', description: 'The outbox: every email and SMS a booking sent (or could not), with its status.' },
  { name: 'Webhooks', description: 'Subscriptions that receive signed events (Standard Webhooks), with a delivery log and re-delivery.' },
  { name: 'Automation', description: 'Event handlers and scheduled automation rules, with a dry run and a log of what they did.' },
] as const;

/** One tag name. */
export type Tag = (typeof tags)[number]['name'];

/**
 * One endpoint as the OpenAPI document describes it. Request schemas are the zod schemas the routes
 * parse with, so the document cannot drift from validation. Errors raised by middleware every route
 * of its kind goes through (authentication, body parsing, validation, idempotency, internal errors)
 * are added by the document builder; `errors` lists the ones particular to this endpoint.
 */
export interface Endpoint {
  method: HttpMethod;
  /** OpenAPI style, with the full prefix: `/api/v1/bookings/{id}`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: Tag;
  /** Whether the caller must send `Authorization: Bearer …` (everything under /api/v1 does). */
  authenticated: boolean;
  /** Any one of these lets the caller in (informative; the route's `permit` is the authority). */
  permissions?: readonly Permission[];
  /** Schemas of path parameters that are not ids (ids are described by `idSchema`). */
  pathParams?: Readonly<Record<string, z.ZodType>>;
  /** The JSON body's schema; the body is optional when the schema accepts `undefined`. */
  body?: z.ZodType;
  /** The query string's schema: an object schema, one parameter per property. */
  query?: z.ZodType;
  success: { status: number; description: string };
  /** Other answers that are not errors in the envelope (e.g. /health's 503 report). */
  otherResponses?: readonly { status: number; description: string }[];
  errors: readonly ErrorCode[];
}
