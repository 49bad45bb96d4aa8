import { validationProblems } from '../support/validation-problems';
import type { z } from 'zod';
import { serviceTemplateCreateSchema, serviceTemplatePatchSchema } from '../../src/http/routes/service-template.schemas';
import { parseInput } from '../../src/http/validation';

const fixed30 = { type: 'fixed', fixedMinutes: 30 };
const minimal = { name: 'Haircut', duration: fixed30 };
/** The minimal body plus the given top-level fields or blocks. */
const body = (extra: Record<string, unknown>) => ({ ...minimal, ...extra });

const problems = validationProblems;
const pathsOf = (schema: z.ZodType, input: unknown) => problems(schema, input).map((p) => p.path);

const minimalParsed = {
  name: 'Haircut',
  type: 'appointment',
  tags: [],
  status: 'active',
  duration: { type: 'fixed', fixedMinutes: 30, preBufferMinutes: 0, postBufferMinutes: 0 },
  bookables: { required: [], optional: [], backups: [] },
  capacity: { type: 'individual' },
  pricing: { model: 'free', upsells: [] },
  scheduling: { minAdvanceMinutes: 0 },
  cancellation: {
    allowClientCancellation: true,
    allowProviderCancellation: true,
    refundTiers: [],
    providerCompensation: { whenClientCancels: { tiers: [] }, whenOrganizationCancels: { fullCompensation: true } },
    allowReschedule: true,
    whenPrimaryCancels: 'cancel_all',
    rescheduleDeadlineHours: 0,
    noShowPolicy: { gracePeriodMinutes: 15, clientCharge: { chargeBps: 0 }, providerCompensationBps: 0, trackNoShows: false, autoMarkNoShow: false },
  },
  lifecycle: {
    reminders: [],
    states: [],
    reservation: {
      enabled: true,
      holdDurationSeconds: 900,
      allowExtension: false,
      maxExtensions: 0,
      autoCancelOnExpiry: true,
      requireDeposit: false,
      onExpiry: 'release_slot',
    },
    confirmation: { autoConfirm: true, approvalDeadlineSeconds: 86_400, requirePayment: false, requireDeposit: false, sendConfirmationEmail: true, sendConfirmationSms: false },
    checkIn: { enabled: false, openMinutesBefore: 30, closeMinutesAfter: 15, allowEarlyCheckIn: false, requireCheckIn: false, methods: ['manual'] },
    completion: { autoComplete: true, autoCompleteAfterMinutes: 0, requireProviderConfirmation: false },
    followUp: { sendReviewRequest: false, reviewRequestDelaySeconds: 86400, sendThankYouEmail: false },
  },
  workflows: { webhooks: [], eventHandlers: [], automationRules: [] },
};

/** A template that uses every block, with only valid settings. */
const rich = {
  name: 'Spin class',
  slug: 'spin-class-45',
  type: 'class',
  locationId: 'loc_0123456789ab',
  tags: ['fitness', 'cardio'],
  status: 'draft',
  images: [{ url: 'https://cdn.example.com/spin.jpg', alt: 'Bikes' }],
  duration: { type: 'variable', minMinutes: 30, maxMinutes: 90, intervalMinutes: 15, postBufferMinutes: 10 },
  bookables: {
    required: [
      { id: 'instructor', bookableType: 'provider', criteria: { certifications: ['spin-level-2'] }, role: 'primary' },
      { bookableType: 'venue', specificBookableId: 'bkb_studio000001' },
    ],
    optional: [{ bookableType: 'provider', criteria: { tags: ['assistant'] }, count: 2, role: 'assistant' }],
    backups: [{ primaryRequirementId: 'instructor', backupBookableIds: ['bkb_backup000001', 'bkb_backup000002'], compensation: { amounts: { standbyFeeAmount: 2000 } } }],
  },
  capacity: { type: 'group', group: { minParticipants: 4, maxParticipants: 20, optimalParticipants: 12, enableWaitlist: true, maxWaitlistSize: 10 } },
  pricing: {
    model: 'per_person',
    currency: 'EUR',
    perPersonPrice: { amount: 1500, minChargeAmount: 6000, maxChargeAmount: 30000 },
    upsells: [
      { id: 'shoes', name: 'Shoe rental', type: 'product', price: { amount: 300, currency: 'EUR' }, inventory: { quantityAvailable: 20, lowStockThreshold: 3 } },
      { id: 'towel', name: 'Towel', type: 'product', price: { amount: 200 }, requiresOtherUpsell: ['shoes'] },
    ],
    taxConfiguration: { taxRateBps: 1900, taxInclusive: true },
  },
  scheduling: { minAdvanceMinutes: 120, maxAdvanceDays: 30, slotIntervalMinutes: 15, bookingWindow: { opensAt: '2030-01-01T09:00:00+01:00' } },
  cancellation: {
    refundTiers: [
      { minHoursBefore: 48, refundBps: 10_000 },
      { minHoursBefore: 24, maxHoursBefore: 48, refundBps: 5000, offerStoreCredit: true, storeCreditBonusBps: 1000 },
      { minHoursBefore: 0, maxHoursBefore: 12, refundAmount: 500 },
    ],
    rescheduleFeeAmount: 500,
    noShowPolicy: { gracePeriodMinutes: 10, markNoShowAfterMinutes: 20, autoMarkNoShow: true, trackNoShows: true, maxNoShowsBeforeBan: 3, banDurationDays: 30 },
  },
  lifecycle: {
    states: [{ name: 'waiting_room', label: 'In the waiting room', color: '#1a7f37', allowedTransitionsFrom: ['confirmed'] }],
    reservation: { holdDurationSeconds: 300, allowExtension: true, maxExtensions: 2, extensionDurationSeconds: 120 },
    checkIn: { enabled: true, requireCheckIn: true, methods: ['qr_code', 'self'] },
  },
  workflows: {
    eventHandlers: [
      {
        trigger: { event: 'booking.cancelled', conditions: [{ field: 'booking.participantCount', operator: 'less_than', value: 4 }] },
        actions: [{ type: 'notify_admin', config: { channel: 'email' } }],
        executeImmediately: false,
        delayMinutes: 5,
      },
    ],
  },
};

describe('serviceTemplateCreateSchema: valid bodies', () => {
  it('fills every block with its defaults from the minimal body', () => {
    expect(parseInput(serviceTemplateCreateSchema, minimal)).toEqual(minimalParsed);
  });

  it('accepts the body the first release sent (fixed duration, hold in seconds)', () => {
    const parsed = parseInput(serviceTemplateCreateSchema, {
      name: 'Consultation',
      duration: { type: 'fixed', fixedMinutes: 30, postBufferMinutes: 5 },
      scheduling: { minAdvanceMinutes: 60, slotIntervalMinutes: 15 },
      lifecycle: { reservation: { holdDurationSeconds: 2 } },
    });
    expect(parsed.duration).toEqual({ type: 'fixed', fixedMinutes: 30, preBufferMinutes: 0, postBufferMinutes: 5 });
    expect(parsed.scheduling).toEqual({ minAdvanceMinutes: 60, slotIntervalMinutes: 15 });
    expect(parsed.lifecycle.reservation).toEqual({ ...minimalParsed.lifecycle.reservation, holdDurationSeconds: 2 });
    expect(parsed.lifecycle.confirmation).toEqual(minimalParsed.lifecycle.confirmation);
  });

  it('accepts a template that uses every block, filling nested defaults', () => {
    const parsed = parseInput(serviceTemplateCreateSchema, rich);
    expect(parsed.status).toBe('draft');
    expect(parsed.duration).toEqual({ ...rich.duration, preBufferMinutes: 0 });
    expect(parsed.bookables.required[0]).toEqual({ ...rich.bookables.required[0], count: 1, allowSubstitution: false });
    expect(parsed.bookables.backups[0]).toEqual({
      ...rich.bookables.backups[0],
      trigger: { when: 'primary_unavailable', noticeHours: 0 },
      compensation: { ifNotUsed: 'none', ifUsed: 'standard', amounts: { standbyFeeAmount: 2000 } },
      autoAssign: false,
      autoAssignStrategy: 'availability',
      notifyBeforeHours: 24,
      notifyChannel: 'email',
    });
    expect(parsed.capacity.group).toEqual({ ...rich.capacity.group, autoCancelIfUnderMin: false });
    expect(parsed.pricing.upsells[1]).toEqual({ ...rich.pricing.upsells[1], offerTiming: 'booking' });
    expect(parsed.pricing.upsells[0]!.inventory).toEqual({ trackInventory: true, quantityAvailable: 20, lowStockThreshold: 3 });
    expect(parsed.scheduling.bookingWindow).toEqual({ opensAt: new Date('2030-01-01T08:00:00Z') });
    expect(parsed.cancellation.refundTiers.map((t) => t.offerStoreCredit)).toEqual([false, true, false]);
    expect(parsed.lifecycle.reservation).toMatchObject({ holdDurationSeconds: 300, allowExtension: true, maxExtensions: 2, extensionDurationSeconds: 120 });
    expect(parsed.lifecycle.states[0]).toEqual({ ...rich.lifecycle.states[0], isTerminal: false });
    expect(parsed.workflows).toMatchObject({ webhooks: [], automationRules: [] });
    expect(parsed.workflows.eventHandlers[0]).toMatchObject({ enabled: true, priority: 0, delayMinutes: 5 });
  });

  it.each([
    ['a range duration', { duration: { type: 'range', rangeMinutes: { min: 30, max: 90, default: 60 } } }],
    ['a multi-day stay', { type: 'multi_day', duration: { ...fixed30, minNights: 2, maxNights: 14, defaultNights: 3 } }],
    ['touching refund tiers', { cancellation: { refundTiers: [{ minHoursBefore: 24, refundBps: 10_000 }, { minHoursBefore: 0, maxHoursBefore: 24, refundBps: 0 }] } }],
    ['a fixed price with a percentage deposit of 100 %', { pricing: { model: 'fixed', currency: 'USD', fixedPrice: { amount: 5000 }, deposit: { type: 'percentage', percentageBps: 10_000 } } }],
    ['a deposit required at confirmation and priced', { pricing: { model: 'fixed', currency: 'USD', fixedPrice: { amount: 5000 }, deposit: { type: 'fixed', amount: 1000 } }, lifecycle: { confirmation: { requireDeposit: true } } }],
    [
      'ascending quantity tiers, the last open-ended',
      { pricing: { model: 'tiered', currency: 'USD', tieredPricing: { tiers: [{ minQuantity: 1, maxQuantity: 4, pricePerUnitAmount: 2000 }, { minQuantity: 5, pricePerUnitAmount: 1500 }] } } },
    ],
    [
      'dynamic pricing on separate days',
      {
        pricing: {
          model: 'dynamic',
          currency: 'USD',
          dynamicPricing: {
            basePriceAmount: 4000,
            timeMultipliers: [
              { timeRange: { start: '17:00', end: '21:00' }, daysOfWeek: ['friday'], multiplierBps: 15_000 },
              { timeRange: { start: '18:00', end: '22:00' }, daysOfWeek: ['saturday'], multiplierBps: 12_000 },
            ],
            specificDates: [{ date: '2030-12-24', multiplierBps: 20_000, reason: 'Christmas Eve' }],
            advanceBookingDiscount: { daysInAdvance: 14, discountBps: 1000 },
            lastMinutePremium: { hoursBefore: 24, premiumBps: 2500 },
          },
        },
      },
    ],
    [
      'a stay priced by the night with a weekend rate, long-stay discounts, fees and a security deposit',
      {
        type: 'multi_day',
        duration: { ...fixed30, minNights: 1, maxNights: 60 },
        pricing: {
          model: 'nightly',
          currency: 'EUR',
          nightlyRate: { rateAmount: 12_000, weekdayMultipliers: [{ daysOfWeek: ['friday', 'saturday'], multiplierBps: 12_500 }], weeklyDiscountBps: 1_000, monthlyDiscountBps: 2_500, cleaningFeeAmount: 6_000, serviceFeeAmount: 2_000 },
          securityDeposit: { amount: 30_000 },
          taxConfiguration: { taxRateBps: 700 },
        },
      },
    ],
  ])('accepts %s', (_label, extra) => {
    expect(() => parseInput(serviceTemplateCreateSchema, body(extra))).not.toThrow();
  });

  it('does not share default objects between parses', () => {
    const first = parseInput(serviceTemplateCreateSchema, minimal);
    const second = parseInput(serviceTemplateCreateSchema, minimal);
    expect(first.tags).not.toBe(second.tags);
    expect(first.lifecycle.checkIn.methods).not.toBe(second.lifecycle.checkIn.methods);
  });
});

const group = (extra: Record<string, unknown>) => ({ capacity: { type: 'group', group: { maxParticipants: 10, ...extra } } });
const usd = (extra: Record<string, unknown>) => ({ pricing: { currency: 'USD', ...extra } });
const requirement = (extra: Record<string, unknown>) => ({ bookables: { required: [{ bookableType: 'provider', ...extra }] } });
const tiers = (...refundTiers: Record<string, unknown>[]) => ({ cancellation: { refundTiers } });
const reservation = (extra: Record<string, unknown>) => ({ lifecycle: { reservation: extra } });
const handler = (extra: Record<string, unknown>) => ({ workflows: { eventHandlers: [{ trigger: { event: 'booking.created' }, actions: [{ type: 'send_email', config: { template: 'booking_confirmed' } }], ...extra }] } });

describe('serviceTemplateCreateSchema: each rule reports at its exact path', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    // identity
    ['unknown top-level key', { surprise: true }, ['surprise']],
    ['slug with capitals', { slug: 'Spin-Class' }, ['slug']],
    ['unknown template type', { type: 'webinar' }, ['type']],
    ['duplicate tag', { tags: ['a', 'b', 'a'] }, ['tags.2']],
    // duration
    ["'fixed' without fixedMinutes", { duration: { type: 'fixed' } }, ['duration.fixedMinutes']],
    ['fixedMinutes of 0', { duration: { type: 'fixed', fixedMinutes: 0 } }, ['duration.fixedMinutes']],
    ["minMinutes on a 'fixed' duration", { duration: { ...fixed30, minMinutes: 10 } }, ['duration.minMinutes']],
    ['unknown key in duration', { duration: { ...fixed30, bufferMinutes: 5 } }, ['duration.bufferMinutes']],
    ["'variable' without maxMinutes", { duration: { type: 'variable', minMinutes: 30 } }, ['duration.maxMinutes']],
    ["'variable' with minMinutes > maxMinutes", { duration: { type: 'variable', minMinutes: 90, maxMinutes: 30 } }, ['duration.maxMinutes']],
    ['intervalMinutes not dividing max − min', { duration: { type: 'variable', minMinutes: 30, maxMinutes: 120, intervalMinutes: 20 } }, ['duration.intervalMinutes']],
    ["'range' without rangeMinutes", { duration: { type: 'range' } }, ['duration.rangeMinutes']],
    ['range min > max', { duration: { type: 'range', rangeMinutes: { min: 90, max: 30, default: 60 } } }, ['duration.rangeMinutes.max']],
    ['range default outside min…max', { duration: { type: 'range', rangeMinutes: { min: 30, max: 90, default: 120 } } }, ['duration.rangeMinutes.default']],
    ["'multi_day' without nights", { type: 'multi_day' }, ['duration.minNights', 'duration.maxNights']],
    ['defaultNights alone', { duration: { ...fixed30, defaultNights: 2 } }, ['duration.minNights', 'duration.maxNights']],
    ['minNights > maxNights', { type: 'multi_day', duration: { ...fixed30, minNights: 7, maxNights: 3 } }, ['duration.maxNights']],
    ['defaultNights outside min…max', { type: 'multi_day', duration: { ...fixed30, minNights: 2, maxNights: 5, defaultNights: 6 } }, ['duration.defaultNights']],
    // bookables
    ['requirement with neither specificBookableId nor criteria', requirement({}), ['bookables.required.0']],
    ['requirement with both', requirement({ specificBookableId: 'bkb_0123456789', criteria: { tags: ['x'] } }), ['bookables.required.0']],
    ['requirement count 0', requirement({ criteria: { tags: ['x'] }, count: 0 }), ['bookables.required.0.count']],
    ['specific bookable counted twice', requirement({ specificBookableId: 'bkb_0123456789', count: 2 }), ['bookables.required.0.count']],
    ['criteria with no filter', requirement({ criteria: { tags: [] } }), ['bookables.required.0.criteria']],
    ['substitutionCriteria without allowSubstitution', requirement({ criteria: { tags: ['x'] }, substitutionCriteria: {} }), ['bookables.required.0.substitutionCriteria']],
    [
      'duplicate requirement id across required and optional',
      { bookables: { required: [{ id: 'a', bookableType: 'asset', criteria: { tags: ['x'] } }], optional: [{ id: 'a', bookableType: 'asset', criteria: { tags: ['y'] } }] } },
      ['bookables.optional.0.id'],
    ],
    [
      'backup with neither backupBookableIds nor criteria',
      { bookables: { required: [{ id: 'a', bookableType: 'provider', criteria: { tags: ['x'] } }], backups: [{ primaryRequirementId: 'a' }] } },
      ['bookables.backups.0'],
    ],
    [
      'backup with both',
      { bookables: { required: [{ id: 'a', bookableType: 'provider', criteria: { tags: ['x'] } }], backups: [{ primaryRequirementId: 'a', backupBookableIds: ['bkb_0123456789'], criteria: { tags: ['y'] } }] } },
      ['bookables.backups.0'],
    ],
    ['backup of an unknown requirement', { bookables: { backups: [{ primaryRequirementId: 'nobody', backupBookableIds: ['bkb_0123456789'] }] } }, ['bookables.backups.0.primaryRequirementId']],
    [
      'backup naming the bookable it backs up',
      { bookables: { required: [{ id: 'a', bookableType: 'provider', specificBookableId: 'bkb_0123456789' }], backups: [{ primaryRequirementId: 'a', backupBookableIds: ['bkb_9999999999', 'bkb_0123456789'] }] } },
      ['bookables.backups.0.backupBookableIds.1'],
    ],
    // capacity
    ["'group' without group settings", { capacity: { type: 'group' } }, ['capacity.group']],
    ['group settings on an individual template', { capacity: { group: { maxParticipants: 5 } } }, ['capacity.group']],
    ['minParticipants > maxParticipants', group({ minParticipants: 12 }), ['capacity.group.maxParticipants']],
    ['optimalParticipants above max', group({ optimalParticipants: 11 }), ['capacity.group.optimalParticipants']],
    ['waitlist settings without enableWaitlist', group({ maxWaitlistSize: 5, waitlistHoldHours: 2 }), ['capacity.group.maxWaitlistSize', 'capacity.group.waitlistHoldHours']],
    ['enableWaitlist without maxWaitlistSize', group({ enableWaitlist: true }), ['capacity.group.maxWaitlistSize']],
    ['autoCancelIfUnderMin without notice', group({ minParticipants: 3, autoCancelIfUnderMin: true }), ['capacity.group.autoCancelNoticeHours']],
    // pricing
    ["model 'fixed' without fixedPrice", usd({ model: 'fixed' }), ['pricing.fixedPrice']],
    ['a price without currency', { pricing: { model: 'fixed', fixedPrice: { amount: 5000 } } }, ['pricing.currency']],
    ['a price in float major units', usd({ model: 'fixed', fixedPrice: { amount: 49.99 } }), ['pricing.fixedPrice.amount']],
    ['nested currency that differs', usd({ model: 'fixed', fixedPrice: { amount: 5000, currency: 'EUR' } }), ['pricing.fixedPrice.currency']],
    ['hourlyRate on a fixed model', usd({ model: 'fixed', fixedPrice: { amount: 5000 }, hourlyRate: { rateAmount: 100 } }), ['pricing.hourlyRate']],
    ['deposit above 100 %', usd({ model: 'fixed', fixedPrice: { amount: 5000 }, deposit: { type: 'percentage', percentageBps: 10_001 } }), ['pricing.deposit.percentageBps']],
    ['percentage deposit without percentageBps', usd({ model: 'fixed', fixedPrice: { amount: 5000 }, deposit: { type: 'percentage' } }), ['pricing.deposit.percentageBps']],
    ['deposit larger than the price', usd({ model: 'fixed', fixedPrice: { amount: 5000 }, deposit: { type: 'fixed', amount: 6000 } }), ['pricing.deposit.amount']],
    ['perPerson minCharge > maxCharge', usd({ model: 'per_person', perPersonPrice: { amount: 100, minChargeAmount: 900, maxChargeAmount: 500 } }), ['pricing.perPersonPrice.maxChargeAmount']],
    ['tier minQuantity > maxQuantity', usd({ model: 'tiered', tieredPricing: { tiers: [{ minQuantity: 5, maxQuantity: 2, pricePerUnitAmount: 1 }] } }), ['pricing.tieredPricing.tiers.0.maxQuantity']],
    [
      'overlapping quantity tiers',
      usd({ model: 'tiered', tieredPricing: { tiers: [{ minQuantity: 1, maxQuantity: 5, pricePerUnitAmount: 2 }, { minQuantity: 5, maxQuantity: 9, pricePerUnitAmount: 1 }] } }),
      ['pricing.tieredPricing.tiers.1'],
    ],
    [
      'overlapping time multipliers on a shared day',
      usd({
        model: 'dynamic',
        dynamicPricing: {
          basePriceAmount: 100,
          timeMultipliers: [
            { timeRange: { start: '17:00', end: '21:00' }, daysOfWeek: ['friday', 'saturday'], multiplierBps: 15_000 },
            { timeRange: { start: '20:00', end: '22:00' }, daysOfWeek: ['saturday'], multiplierBps: 12_000 },
          ],
        },
      }),
      ['pricing.dynamicPricing.timeMultipliers.1'],
    ],
    [
      'last-minute window reaching into the early-bird window',
      usd({ model: 'dynamic', dynamicPricing: { basePriceAmount: 100, advanceBookingDiscount: { daysInAdvance: 1, discountBps: 500 }, lastMinutePremium: { hoursBefore: 48, premiumBps: 500 } } }),
      ['pricing.dynamicPricing.lastMinutePremium.hoursBefore'],
    ],
    ['upsell requiring an unknown upsell', usd({ upsells: [{ id: 'towel', name: 'Towel', type: 'product', price: { amount: 200 }, requiresOtherUpsell: ['robe'] }] }), ['pricing.upsells.0.requiresOtherUpsell.0']],
    [
      'upsell low-stock threshold above stock',
      usd({ upsells: [{ id: 'towel', name: 'Towel', type: 'product', price: { amount: 200 }, inventory: { quantityAvailable: 2, lowStockThreshold: 5 } }] }),
      ['pricing.upsells.0.inventory.lowStockThreshold'],
    ],
    ['unknown key in an upsell', usd({ upsells: [{ id: 'towel', name: 'Towel', type: 'product', price: { amount: 200 }, colour: 'white' }] }), ['pricing.upsells.0.colour']],
    ["model 'nightly' without nightlyRate", { type: 'multi_day', duration: { ...fixed30, minNights: 1, maxNights: 7 }, ...usd({ model: 'nightly' }) }, ['pricing.nightlyRate']],
    ["model 'nightly' for a service not booked by the night", usd({ model: 'nightly', nightlyRate: { rateAmount: 10_000 } }), ['pricing.model']],
    [
      'a monthly discount smaller than the weekly one',
      { duration: { ...fixed30, minNights: 1, maxNights: 60 }, ...usd({ model: 'nightly', nightlyRate: { rateAmount: 10_000, weeklyDiscountBps: 1_500, monthlyDiscountBps: 1_000 } }) },
      ['pricing.nightlyRate.monthlyDiscountBps'],
    ],
    [
      'a weekday in two weekday multipliers',
      { duration: { ...fixed30, minNights: 1, maxNights: 7 }, ...usd({ model: 'nightly', nightlyRate: { rateAmount: 10_000, weekdayMultipliers: [{ daysOfWeek: ['friday', 'saturday'], multiplierBps: 12_500 }, { daysOfWeek: ['saturday'], multiplierBps: 15_000 }] } }) },
      ['pricing.nightlyRate.weekdayMultipliers.1.daysOfWeek'],
    ],
    ['a security deposit without a currency', { pricing: { securityDeposit: { amount: 30_000 } } }, ['pricing.currency']],
    ['a security deposit of nothing', usd({ model: 'fixed', fixedPrice: { amount: 5000 }, securityDeposit: { amount: 0 } }), ['pricing.securityDeposit.amount']],
    // scheduling
    ['minAdvanceMinutes beyond maxAdvanceDays', { scheduling: { minAdvanceMinutes: 3 * 24 * 60, maxAdvanceDays: 2 } }, ['scheduling.maxAdvanceDays']],
    ['booking window closing before it opens', { scheduling: { bookingWindow: { opensAt: '2030-01-02T00:00:00Z', closesAt: '2030-01-01T00:00:00Z' } } }, ['scheduling.bookingWindow.closesAt']],
    ['booking window instant without offset', { scheduling: { bookingWindow: { opensAt: '2030-01-02T00:00:00' } } }, ['scheduling.bookingWindow.opensAt']],
    ['unknown time zone', { scheduling: { timezone: 'Mars/Olympus' } }, ['scheduling.timezone']],
    // cancellation
    ['refund tier with minHoursBefore ≥ maxHoursBefore', tiers({ minHoursBefore: 24, maxHoursBefore: 24, refundBps: 0 }), ['cancellation.refundTiers.0.maxHoursBefore']],
    ['overlapping refund tiers', tiers({ minHoursBefore: 24, refundBps: 10_000 }, { minHoursBefore: 0, maxHoursBefore: 36, refundBps: 5000 }), ['cancellation.refundTiers.1']],
    ['refund tiers out of order', tiers({ minHoursBefore: 0, maxHoursBefore: 24, refundBps: 0 }, { minHoursBefore: 24, maxHoursBefore: 48, refundBps: 5000 }), ['cancellation.refundTiers.1']],
    ['two refund tiers on the same hours', tiers({ minHoursBefore: 24, refundBps: 10_000 }, { minHoursBefore: 24, refundBps: 5000 }), ['cancellation.refundTiers.1.maxHoursBefore', 'cancellation.refundTiers.1']],
    ['refund tier with both refundBps and refundAmount', { ...usd({}), ...tiers({ minHoursBefore: 0, refundBps: 100, refundAmount: 100 }) }, ['cancellation.refundTiers.0']],
    ['refund above 100 %', tiers({ minHoursBefore: 0, refundBps: 12_000 }), ['cancellation.refundTiers.0.refundBps']],
    ['refundAmount while pricing has no currency', tiers({ minHoursBefore: 0, refundAmount: 100 }), ['pricing.currency']],
    ['markNoShowAfterMinutes inside the grace period', { cancellation: { noShowPolicy: { gracePeriodMinutes: 15, markNoShowAfterMinutes: 10 } } }, ['cancellation.noShowPolicy.markNoShowAfterMinutes']],
    ['trackNoShows without limits', { cancellation: { noShowPolicy: { trackNoShows: true } } }, ['cancellation.noShowPolicy.maxNoShowsBeforeBan', 'cancellation.noShowPolicy.banDurationDays']],
    // lifecycle
    ['holdDurationSeconds of 0', reservation({ holdDurationSeconds: 0 }), ['lifecycle.reservation.holdDurationSeconds']],
    ['maxExtensions without extensionDurationSeconds', reservation({ allowExtension: true, maxExtensions: 2 }), ['lifecycle.reservation.extensionDurationSeconds']],
    ['maxExtensions without allowExtension', reservation({ maxExtensions: 2, extensionDurationSeconds: 60 }), ['lifecycle.reservation.maxExtensions']],
    ['expiry to a waitlist (not available yet)', reservation({ onExpiry: 'move_to_waitlist' }), ['lifecycle.reservation.onExpiry']],
    ['a reminder offset that is not a duration', { lifecycle: { reminders: [{ before: '24h' }] } }, ['lifecycle.reminders.0.before']],
    ['a reminder offset naming no unit', { lifecycle: { reminders: [{ before: 'PT' }] } }, ['lifecycle.reminders.0.before']],
    ['a reminder at a wall time that does not exist', { lifecycle: { reminders: [{ before: 'P1D', atLocalTime: '25:00' }] } }, ['lifecycle.reminders.0.atLocalTime']],
    ['allowExtension with no extensions', reservation({ allowExtension: true }), ['lifecycle.reservation.maxExtensions']],
    ['extensionDurationSeconds with no extensions', reservation({ extensionDurationSeconds: 60 }), ['lifecycle.reservation.extensionDurationSeconds']],
    ['depositAmount without requireDeposit', { ...usd({}), ...reservation({ depositAmount: 500 }) }, ['lifecycle.reservation.depositAmount']],
    ['requireCheckIn with check-in disabled', { lifecycle: { checkIn: { requireCheckIn: true } } }, ['lifecycle.checkIn.requireCheckIn']],
    [
      'transition from an undeclared state',
      { lifecycle: { states: [{ name: 'on_hold', label: 'On hold', color: '#aaaaaa', allowedTransitionsFrom: ['limbo'] }] } },
      ['lifecycle.states.0.allowedTransitionsFrom.0'],
    ],
    ['confirmation requires a deposit the pricing lacks', { lifecycle: { confirmation: { requireDeposit: true } } }, ['pricing.deposit']],
    // workflows
    ['event name not in noun.verb form', handler({ trigger: { event: 'BookingCreated' } }), ['workflows.eventHandlers.0.trigger.event']],
    ['action type outside the spec list', handler({ actions: [{ type: 'send_fax' }] }), ['workflows.eventHandlers.0.actions.0.type']],
    ['delayMinutes on an immediate handler', handler({ delayMinutes: 5 }), ['workflows.eventHandlers.0.delayMinutes']],
    ['deferred handler without delayMinutes', handler({ executeImmediately: false }), ['workflows.eventHandlers.0.delayMinutes']],
    ["'in' condition without an array", handler({ trigger: { event: 'booking.created', conditions: [{ field: 'booking.status', operator: 'in', value: 'confirmed' }] } }), ['workflows.eventHandlers.0.trigger.conditions.0.value']],
    ['a webhook on a template (they are organization subscriptions)', { workflows: { webhooks: [{ events: ['booking.created'], url: 'https://example.com/x', secret: 'a-very-long-shared-secret' }] } }, ['workflows.webhooks']],
    ['an automation rule on a template (they belong to the organization)', { workflows: { automationRules: [{ id: 'r', name: 'R', trigger: { event: 'schedule', cron: '0 9 * * *' }, actions: [{ type: 'send_email' }] }] } }, ['workflows.automationRules']],
    ['a handler for an event that does not exist', handler({ trigger: { event: 'booking.teleported' } }), ['workflows.eventHandlers.0.trigger.event']],
    ['a handler action not available yet', handler({ actions: [{ type: 'generate_invoice' }] }), ['workflows.eventHandlers.0.actions.0.type']],
    ['a message action with neither template nor text', handler({ actions: [{ type: 'send_email', config: { to: 'primary' } }] }), ['workflows.eventHandlers.0.actions.0.config']],
  ])('%s', (_label, extra, expected) => {
    expect(pathsOf(serviceTemplateCreateSchema, body(extra))).toEqual(expected);
  });

  it('requires a name and a duration', () => {
    expect(pathsOf(serviceTemplateCreateSchema, {})).toEqual(['name', 'duration']);
  });
});

describe('serviceTemplatePatchSchema', () => {
  it('keeps only the fields sent, and fills the defaults of a replaced block', () => {
    expect(parseInput(serviceTemplatePatchSchema, { duration: { type: 'fixed', fixedMinutes: 45 } })).toEqual({
      duration: { type: 'fixed', fixedMinutes: 45, preBufferMinutes: 0, postBufferMinutes: 0 },
    });
    expect(parseInput(serviceTemplatePatchSchema, { status: 'paused', description: null })).toEqual({ status: 'paused', description: null });
  });

  it.each<[string, Record<string, unknown>, string[]]>([
    ['an empty body', {}, ['(body)']],
    ['an unknown key', { surprise: 1 }, ['surprise']],
    ['a duration block breaking its own rule', { duration: { type: 'fixed' } }, ['duration.fixedMinutes']],
    ['refund tiers that overlap', tiers({ minHoursBefore: 24, refundBps: 10_000 }, { minHoursBefore: 0, maxHoursBefore: 30, refundBps: 0 }), ['cancellation.refundTiers.1']],
    ["type 'multi_day' with a duration lacking nights", { type: 'multi_day', duration: fixed30 }, ['duration.minNights', 'duration.maxNights']],
    ['a requirement with neither way of picking a bookable', requirement({}), ['bookables.required.0']],
  ])('rejects %s', (_label, patch, expected) => {
    expect(pathsOf(serviceTemplatePatchSchema, patch)).toEqual(expected);
  });
});
