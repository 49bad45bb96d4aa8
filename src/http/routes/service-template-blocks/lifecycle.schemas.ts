/**
 * `lifecycle` (spec §3.3 LifecycleConfig, BookingState).
 *
 * Departures from the spec: the hold and its extensions are timed in seconds, not minutes
 * (`reservation.holdDurationMinutes` → `holdDurationSeconds`, `extensionDurationMinutes` → `extensionDurationSeconds`),
 * because holds of a few seconds are useful in tests and demos; the booking flow reads
 * `lifecycle.reservation.holdDurationSeconds` (default 900 = 15 minutes). `reservation.depositAmount` is in
 * minor units of `pricing.currency`. `states` defaults to `[]`, meaning the built-in state machine of §4.1.
 * `followUp.reviewRequestDelayHours` → `reviewRequestDelaySeconds`.
 *
 * Addition: `reminders`, messages sent before the start. The spec leaves reminders to workflow hooks; a
 * template names them here so the booking workflow keeps their timers. `before` is an ISO-8601 duration
 * counted back from the start in the booking's own zone: days are calendar days (`P1D` is the same wall
 * time the day before, 23 or 25 hours across a DST change), hours and smaller units are exact. With
 * `atLocalTime` the reminder goes at that wall time on the day `before` lands on (`P1D` + `18:00`: the
 * evening before).
 */
import { z } from 'zod';
import { forbidUnless, issue, minutesInDaySchema, noDuplicates, requireWhen, uniqueArray, amountSchema, wallTimeSchema, type Ctx } from './common.schemas';
import { workflowActionSchema } from './workflows.schemas';

/** The states of spec §4.1 that custom states may refer to without declaring them. */
export const builtInBookingStates = ['reserved', 'pending', 'confirmed', 'checked_in', 'completed', 'reviewed', 'cancelled', 'no_show', 'expired'] as const;

const stateNameSchema = z.string().regex(/^[a-z][a-z_]{0,49}$/, 'must be a state name of lowercase letters and underscores');

const bookingStateSchema = z.strictObject({
  name: stateNameSchema,
  label: z.string().trim().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #1a7f37'),
  allowedTransitionsFrom: uniqueArray(stateNameSchema, 20).default([]),
  onEnter: z.array(workflowActionSchema).max(20).optional(),
  onExit: z.array(workflowActionSchema).max(20).optional(),
  isTerminal: z.boolean().default(false),
});

type BookingState = z.output<typeof bookingStateSchema>;

function checkStates(states: BookingState[], ctx: Ctx): void {
  noDuplicates(ctx, states.map((s) => s.name), (i) => [i, 'name'], 'state name');
  const known = new Set<string>([...builtInBookingStates, ...states.map((s) => s.name)]);
  states.forEach((state, i) => {
    state.allowedTransitionsFrom.forEach((from, j) => {
      if (!known.has(from)) issue(ctx, [i, 'allowedTransitionsFrom', j], `no state is named "${from}"`);
    });
  });
}

const MAX_HOLD_SECONDS = 7 * 24 * 3600;

const reservationSchema = z
  .strictObject({
    enabled: z.boolean().default(true),
    /** Seconds, not the spec's minutes: how long a hold keeps its slot. */
    holdDurationSeconds: z.number().int().min(1).max(MAX_HOLD_SECONDS).default(900),
    allowExtension: z.boolean().default(false),
    /** Above 0 only with `allowExtension`, and then `extensionDurationSeconds` is required. */
    maxExtensions: z.number().int().min(0).max(20).default(0),
    extensionDurationSeconds: z.number().int().min(1).max(MAX_HOLD_SECONDS).optional(),
    autoCancelOnExpiry: z.boolean().default(true),
    requireDeposit: z.boolean().default(false),
    depositAmount: amountSchema.min(1).optional(),
    onExpiry: z.enum(['release_slot', 'move_to_waitlist', 'notify_admin']).default('release_slot'),
  })
  .superRefine((reservation, ctx) => {
    if (reservation.allowExtension && reservation.maxExtensions === 0) issue(ctx, ['maxExtensions'], 'must be above 0 when allowExtension is true');
    if (!reservation.allowExtension && reservation.maxExtensions > 0) issue(ctx, ['maxExtensions'], 'must be 0 unless allowExtension is true');
    requireWhen(ctx, reservation.maxExtensions > 0, reservation.extensionDurationSeconds, ['extensionDurationSeconds'], 'when maxExtensions is above 0');
    forbidUnless(ctx, reservation.maxExtensions > 0, reservation.extensionDurationSeconds, ['extensionDurationSeconds'], 'when maxExtensions is above 0');
    forbidUnless(ctx, reservation.requireDeposit, reservation.depositAmount, ['depositAmount'], 'when requireDeposit is true');
    // Accepted by the spec but not carried out yet: refuse rather than silently release the slot.
    if (reservation.onExpiry === 'move_to_waitlist') issue(ctx, ['onExpiry'], 'waitlists are not available yet; use release_slot');
  });

const checkInSchema = z
  .strictObject({
    enabled: z.boolean().default(false),
    openMinutesBefore: minutesInDaySchema.default(30),
    closeMinutesAfter: minutesInDaySchema.default(15),
    allowEarlyCheckIn: z.boolean().default(false),
    /** Must check in or be marked a no-show; needs `enabled`. */
    requireCheckIn: z.boolean().default(false),
    methods: uniqueArray(z.enum(['qr_code', 'manual', 'geo', 'self']), 4).min(1).default(['manual']),
  })
  .superRefine((checkIn, ctx) => {
    if (checkIn.requireCheckIn && !checkIn.enabled) issue(ctx, ['requireCheckIn'], 'needs enabled to be true');
  });

/** `P1D`, `PT2H`, `P1DT30M`, `PT10S`: days, then exact hours, minutes and seconds; at most 90 days in all. */
const reminderOffsetSchema = z
  .string()
  .regex(/^P(?:(\d{1,2})D)?(?:T(?:(\d{1,4})H)?(?:(\d{1,6})M)?(?:(\d{1,7})S)?)?$/, 'must be an ISO-8601 duration of days, hours, minutes and seconds such as P1D or PT2H')
  .refine((value) => /\d/.test(value) && !value.endsWith('T'), 'must name at least one unit, e.g. P1D or PT2H');

const reminderSchema = z.strictObject({
  before: reminderOffsetSchema,
  atLocalTime: wallTimeSchema.optional(),
  channel: z.enum(['email', 'sms']).default('email'),
});

export const lifecycleConfigSchema = z.strictObject({
  reminders: z.array(reminderSchema).max(10).default([]),
  states: z.array(bookingStateSchema).max(30).default([]).superRefine(checkStates),
  reservation: reservationSchema.prefault({}),
  confirmation: z
    .strictObject({
      autoConfirm: z.boolean().default(true),
      /** Without autoConfirm: how long a booking may wait for approval before it expires (seconds, so tests can be short). */
      approvalDeadlineSeconds: z.number().int().min(1).max(30 * 24 * 3600).default(24 * 3600),
      requirePayment: z.boolean().default(false),
      requireDeposit: z.boolean().default(false),
      sendConfirmationEmail: z.boolean().default(true),
      sendConfirmationSms: z.boolean().default(false),
      confirmationEmailTemplate: z.string().trim().min(1).max(200).optional(),
    })
    .prefault({}),
  checkIn: checkInSchema.prefault({}),
  completion: z
    .strictObject({
      autoComplete: z.boolean().default(true),
      autoCompleteAfterMinutes: minutesInDaySchema.default(0),
      requireProviderConfirmation: z.boolean().default(false),
    })
    .prefault({}),
  followUp: z
    .strictObject({
      sendReviewRequest: z.boolean().default(false),
      /** Seconds after completion (the spec's `reviewRequestDelayHours`, in seconds like the other timers). */
      reviewRequestDelaySeconds: z.number().int().min(0).max(90 * 24 * 3600).default(24 * 3600),
      sendThankYouEmail: z.boolean().default(false),
    })
    .prefault({}),
});

export type LifecycleConfig = z.output<typeof lifecycleConfigSchema>;
