/**
 * Webhook payloads: the envelope `{ id, type, timestamp, organizationId, data }` every delivery carries,
 * and the `data` of each event type emitted today (src/domain/events/event-catalogue.ts). Times are UTC
 * ISO-8601 instants; `timezone` is the IANA zone of the booking's location.
 */
import { z } from 'zod';
import { bookingStatuses } from '../../domain/booking/booking-status';
import { securityDepositStatuses } from '../../domain/booking/security-deposit';
import type { EventType } from '../../domain/events/event-catalogue';
import type { ParticipantRole, ParticipantStatus } from '../../domain/participants/participants';
import { reservationStatuses } from '../../domain/reservation/reservation-status';
import { idSchema } from './shared.schemas';

const utcInstant = z.iso.datetime().describe('A UTC ISO-8601 instant.');
const times = { startsAt: utcInstant, endsAt: utcInstant, timezone: z.string().describe('IANA time zone, e.g. Europe/Berlin.') };

const bookingSchema = z.object({
  id: idSchema,
  status: z.enum(bookingStatuses),
  ...times,
  locationId: idSchema,
  serviceTemplateId: idSchema,
  serviceTemplateVersion: z.number().int().min(1),
  bookableIds: z.array(idSchema),
  bookerUserId: idSchema.nullable(),
  participantCount: z.number().int().min(0).describe('Active participants.'),
  reservationId: idSchema.nullable().describe('The hold the booking was confirmed from.'),
});

const reservationSchema = z.object({
  id: idSchema,
  status: z.enum(reservationStatuses),
  ...times,
  locationId: idSchema,
  serviceTemplateId: idSchema,
  bookableIds: z.array(idSchema),
  expiresAt: utcInstant,
});

const participantSchema = z.object({
  id: idSchema,
  role: z.enum(['primary', 'observer', 'guest'] as const satisfies readonly ParticipantRole[]),
  status: z.enum(['active', 'cancelled', 'removed'] as const satisfies readonly ParticipantStatus[]),
  userId: idSchema.nullable(),
  email: z.string().nullable(),
});

const notificationSchema = z.object({
  id: idSchema,
  channel: z.enum(['email', 'sms']),
  recipient: z.string().describe('The email address or phone number it was sent to.'),
});

const paymentSchema = z.object({
  id: idSchema.describe('The ledger row, `pay_…`.'),
  kind: z
    .enum(['deposit', 'full', 'refund', 'charge', 'security_deposit_hold', 'security_deposit_capture', 'security_deposit_release'])
    .describe('`security_deposit_hold`: the authorisation of a security deposit (no money moved); `security_deposit_capture`: what staff took of it; `security_deposit_release`: what was given back.'),
  reason: z.string().nullable().describe('Why a charge was made (no_show, reschedule_fee, late_cancellation_fee), or why staff captured a security deposit.'),
  status: z.enum(['pending', 'succeeded', 'failed']),
  amount: z.number().int().describe('Minor units of `currency`.'),
  currency: z.string(),
  stripePaymentIntentId: z.string().nullable(),
  stripeRefundId: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
  createdAt: utcInstant,
});

const securityDepositSchema = z.object({
  status: z.enum(securityDepositStatuses),
  amount: z.number().int().describe('What is (or was to be) held, in minor units of `currency`.'),
  currency: z.string(),
  capturedAmount: z.number().int().describe('What staff captured.'),
  releasedAmount: z.number().int().describe('What was given back.'),
  holdAt: utcInstant.describe('When it is (or was to be) held: max(confirmation, start − 24 h).'),
  heldAt: utcInstant.nullable(),
  releaseAt: utcInstant.describe('When it is released if nobody captures it: `releaseAfterHours` after the end.'),
  releasedAt: utcInstant.nullable(),
  capturedAt: utcInstant.nullable(),
  captureReason: z.string().nullable(),
  stripePaymentIntentId: z.string().nullable(),
  failureCode: z.string().nullable(),
  failureMessage: z.string().nullable(),
});

const bookingData = z.object({ booking: bookingSchema });
const depositData = bookingData.extend({ securityDeposit: securityDepositSchema, payment: paymentSchema });
const reservationData = z.object({ reservation: reservationSchema });
const participantData = bookingData.extend({ participant: participantSchema });
const notificationData = bookingData.extend({ notification: notificationSchema });

/** The `data` of each event type emitted today. */
const dataSchemas = {
  'booking.created': bookingData,
  'booking.reserved': reservationData,
  'booking.confirmed': bookingData,
  'booking.cancelled': bookingData.extend({
    cancellation: z.object({
      cancelledBy: z.string().describe('Who cancelled: `user:usr_…`, `key:key_…`, `system`, or `automation:<handler>`; the refund decision says for which party.'),
      reason: z.string().nullable(),
      refund: z.unknown().describe('The refund decision, as `cancellation.refund` of GET /bookings/{id}.'),
    }),
  }),
  'booking.rescheduled': bookingData.extend({ previous: z.object({ startsAt: utcInstant, endsAt: utcInstant }) }),
  'booking.checked_in': bookingData,
  'booking.completed': bookingData,
  'booking.reviewed': bookingData,
  'booking.no_show': bookingData,
  'booking.expired': z.union([bookingData, reservationData]).describe('`reservation` when a hold lapsed, `booking` when a pending booking was not approved in time.'),
  'participant.added': participantData,
  'participant.removed': participantData,
  'participant.cancelled': participantData,
  'reminder.sent': notificationData,
  'confirmation.sent': notificationData,
  'review.requested': notificationData,
  'payment.received': z
    .union([reservationData.extend({ payment: paymentSchema }), depositData, bookingData.extend({ payment: paymentSchema })])
    .describe('`reservation` for a hold’s payment; `booking` for a charge made later (no-show, fee), with `securityDeposit` when staff captured part of one.'),
  'payment.failed': z
    .union([reservationData.extend({ payment: paymentSchema }), depositData, bookingData.extend({ payment: paymentSchema })])
    .describe('`reservation` for a hold’s payment; `booking` for a charge made later (no-show, fee), with `securityDeposit` when a security deposit could not be held.'),
  'deposit.hold_placed': depositData.describe('`payment` is the `security_deposit_hold` ledger row.'),
  'deposit.released': depositData.describe('`payment` is the `security_deposit_release` ledger row: the whole deposit, or what staff did not capture.'),
  'payment.refunded': bookingData.extend({ payment: paymentSchema }),
  'backup.activated': bookingData.extend({
    backup: z.object({
      requirementId: z.string().describe('The template requirement (its local `id`) the backup covers.'),
      backupKey: z.string().describe('The backup’s `id` in the template, or `backup-<index>`.'),
      primaryBookableId: idSchema.describe('The bookable that fell through; the booking no longer holds its time.'),
      backupBookableId: idSchema.describe('The backup that took over; `booking.bookableIds` now names it.'),
      trigger: z.enum(['primary_unavailable', 'primary_cancelled', 'primary_no_show']),
      reason: z.string().nullable(),
    }),
  }),
  'webhook.test': z.object({ message: z.string() }),
} satisfies Partial<Record<EventType, z.ZodType>>;

/** An event type that has a payload schema. */
export type PayloadEventType = keyof typeof dataSchemas;

function envelopeSchema<T extends PayloadEventType>(type: T) {
  return z.object({
    id: z.string().regex(/^evt_[0-9a-z]+$/).describe('The event id, `evt_…`; the same in every retry (also sent as `webhook-id`).'),
    type: z.literal(type),
    timestamp: utcInstant.describe('When the event happened, as a UTC ISO-8601 instant.'),
    organizationId: idSchema,
    data: dataSchemas[type],
  });
}

/** The webhook body of one event type. */
export type EventEnvelope<T extends PayloadEventType> = z.output<ReturnType<typeof envelopeSchema<T>>>;

/** The webhook body schema of each event type emitted today. */
export const eventEnvelopeSchemas: Partial<Record<EventType, z.ZodType>> = Object.fromEntries(
  (Object.keys(dataSchemas) as PayloadEventType[]).map((type) => [type, envelopeSchema(type)]),
);
