import type { PaymentGateway } from '../../src/payments/stripe-gateway';
import { addMember, type Clinic, inHours, setUpAroundTheClock } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { sendStripeEvent } from '../support/stripe-events';
import { startTestApp, type TestApp } from '../support/test-app';

describe('payments through Stripe (stripe-mock): a deposit before confirmation, refunds as the cancellation compensation', () => {
  let app: TestApp;
  let clinic: Clinic;
  let client: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 }, deposit: { type: 'percentage', percentageBps: 3_000 } },
      cancellation: {
        refundTiers: [
          { minHoursBefore: 48, refundBps: 10_000 },
          { minHoursBefore: 24, maxHoursBefore: 48, refundBps: 5_000 },
          { minHoursBefore: 0, maxHoursBefore: 24, refundBps: 0 },
        ],
      },
    });
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
  });
  afterAll(() => app.stop());

  const stripeEvent = (id: string, type: string, paymentIntent: Record<string, unknown>, secret?: string) => sendStripeEvent(app, { id, type, paymentIntent }, secret);

  const holdFor = async (startsAt: string) => {
    const hold = await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt });
    expect(hold.status).toBe(201);
    return hold.body;
  };

  it('a hold is confirmed only once its deposit is paid; cancelled 30 hours before a 48/24/0-hour policy, half the deposit goes back through Stripe', async () => {
    const hold = await holdFor(inHours(30));
    expect(hold.price).toMatchObject({ totalAmount: 10_000, dueNowAmount: 3_000, deposit: { amount: 3_000 } });
    const early = await client.patch(`/reservations/${hold.id}/confirm`);
    expect(early.status).toBe(402);
    expect(early.body.error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { payment: { amount: 3_000, currency: 'EUR', kind: 'deposit', status: 'awaiting' } } });

    const intent = await client.post(`/reservations/${hold.id}/payment`, {});
    expect(intent.body).toMatchObject({ paymentIntentId: expect.stringMatching(/^pi_/), amount: 3_000, currency: 'EUR', kind: 'deposit' });
    expect((await client.post(`/reservations/${hold.id}/payment`, {})).body.paymentIntentId).toBe(intent.body.paymentIntentId);

    const paid = await stripeEvent('evt_paid_1', 'payment_intent.succeeded', { id: intent.body.paymentIntentId, object: 'payment_intent' });
    expect(paid.status).toBe(200);
    expect((await stripeEvent('evt_paid_1', 'payment_intent.succeeded', { id: intent.body.paymentIntentId, object: 'payment_intent' })).status).toBe(200);
    const booking = await eventually(() => client.patch(`/reservations/${hold.id}/confirm`), (r) => r.status !== 402);
    expect(booking.status).toBe(201);

    const cancelled = await client.delete(`/bookings/${booking.body.id}`, { reason: 'travel' });
    expect(cancelled.body.cancellation.refund).toMatchObject({ basis: 'refund_tier', tierIndex: 1, paidAmount: 3_000, refundAmount: 1_500 });
    const ledger = await eventually(() => client.get(`/bookings/${booking.body.id}/payments`), (r) => r.body.data?.length === 2);
    expect(ledger.body.data).toEqual([
      expect.objectContaining({ kind: 'deposit', status: 'succeeded', amount: 3_000, stripePaymentIntentId: intent.body.paymentIntentId }),
      expect.objectContaining({ kind: 'refund', status: 'succeeded', amount: 1_500, stripeRefundId: expect.stringMatching(/^re_/) }),
    ]);
    const events = await app.db('domain_events').where({ organizationId: clinic.orgId }).whereIn('type', ['payment.received', 'payment.refunded']).orderBy('occurred_at').pluck('type');
    expect(events).toEqual(['payment.received', 'payment.refunded']);
  });

  it('a declined card leaves the booking unconfirmed, releases the slot and records payment.failed', async () => {
    const startsAt = inHours(60);
    const hold = await holdFor(startsAt);
    const intent = await client.post(`/reservations/${hold.id}/payment`, {});
    await stripeEvent('evt_declined_1', 'payment_intent.payment_failed', { id: intent.body.paymentIntentId, object: 'payment_intent', last_payment_error: { code: 'card_declined', message: 'Your card was declined.' } });

    // The release is written to the database first, then the workflow's own state follows: wait for both.
    const released = await eventually(() => client.get(`/reservations/${hold.id}`), (r) => r.body.status === 'released' && r.body.live?.status === 'released');
    expect(released.body.live).toMatchObject({ status: 'released', payment: { status: 'failed' } });
    expect(await app.db('allocations').where({ reservationId: hold.id })).toHaveLength(0);
    expect((await client.patch(`/reservations/${hold.id}/confirm`)).body.error.code).toBe('RESERVATION_NOT_HELD');
    expect(await app.db('payment_transactions').where({ reservationId: hold.id }).first()).toMatchObject({ status: 'failed', failureCode: 'card_declined' });
    const failed = await app.db('domain_events').where({ reservationId: hold.id, type: 'payment.failed' }).first();
    expect(failed.data.payment).toMatchObject({ status: 'failed', failureMessage: 'Your card was declined.' });
    // The slot is free for someone else.
    expect((await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt })).status).toBe(201);
  });

  it('booking in one step a service that takes payment first holds the slot and says which reservation to pay', async () => {
    const booked = await client.post('/bookings', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(80) });
    expect(booked.status).toBe(402);
    expect(booked.body.error).toMatchObject({ code: 'PAYMENT_REQUIRED', details: { reservationId: expect.stringMatching(/^rs_/), payment: { amount: 3_000 } } });
    expect((await client.get(`/reservations/${booked.body.error.details.reservationId}`)).body.status).toBe('held');
  });

  it('refuses events whose signature does not match, and changes nothing', async () => {
    const hold = await holdFor(inHours(90));
    const intent = await client.post(`/reservations/${hold.id}/payment`, {});
    const forged = await stripeEvent('evt_forged', 'payment_intent.succeeded', { id: intent.body.paymentIntentId, object: 'payment_intent' }, 'whsec_not_the_secret');
    expect(forged.status).toBe(403);
    expect(await app.db('payment_transactions').where({ reservationId: hold.id }).first()).toMatchObject({ status: 'pending' });
    expect((await client.patch(`/reservations/${hold.id}/confirm`)).status).toBe(402);
  });
});

describe('a crash between Stripe’s refund and the ledger write', () => {
  let app: TestApp;
  const refundKeys: string[] = [];

  beforeAll(async () => {
    // The first refund reaches Stripe and then the connection dies, as when the worker is killed right
    // after Stripe answered: the activity fails after the money moved.
    app = await startTestApp({
      wrapPayments: (stripe): PaymentGateway => ({
        ...stripe,
        refund: async (input) => {
          refundKeys.push(input.idempotencyKey);
          const refund = await stripe.refund(input);
          if (refundKeys.length === 1) throw new Error('connection reset after Stripe answered');
          return refund;
        },
      }),
    });
  });
  afterAll(() => app.stop());

  it('the retry asks Stripe again with the same idempotency key (so Stripe refunds once) and the ledger has one refund row', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 2_000 }, deposit: { type: 'fixed', amount: 500 } },
      cancellation: { refundTiers: [{ minHoursBefore: 0, refundBps: 10_000 }] },
    });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const hold = (await owner.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(10) })).body;
    const intent = (await owner.post(`/reservations/${hold.id}/payment`, {})).body;
    await sendStripeEvent(app, { id: 'evt_crash_paid', type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId } });
    const booking = await eventually(() => owner.patch(`/reservations/${hold.id}/confirm`), (r) => r.status !== 402);

    // Cancelled with a full-refund policy: the whole deposit goes back.
    await owner.post(`/bookings/${booking.body.id}/cancel`, { reason: 'changed plans' });
    const refunds = await eventually(() => app.db('payment_transactions').where({ bookingId: booking.body.id, kind: 'refund' }), (rows) => rows.length > 0);
    expect(refunds).toEqual([expect.objectContaining({ amount: 500, status: 'succeeded' })]);
    expect(refundKeys).toHaveLength(2);
    expect(new Set(refundKeys).size).toBe(1);
  });
});

describe('charges after the fact go to the card saved with the deposit', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('a client reschedule pays the template’s fee and a no-show pays its share less the deposit kept; without a saved card the charge is recorded as owed', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 }, deposit: { type: 'fixed', amount: 2_000 } },
      cancellation: { rescheduleFeeAmount: 700, noShowPolicy: { clientCharge: { chargeBps: 5_000 } } },
    });
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const signed = (id: string, paymentIntent: Record<string, unknown>) => sendStripeEvent(app, { id, type: 'payment_intent.succeeded', paymentIntent });
    const paidBooking = async (hours: number, card: Record<string, unknown>) => {
      const hold = (await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(hours) })).body;
      const intent = (await client.post(`/reservations/${hold.id}/payment`, {})).body;
      await signed(`evt_deposit_${hold.id}`, { id: intent.paymentIntentId, ...card });
      return (await eventually(() => client.patch(`/reservations/${hold.id}/confirm`), (r) => r.status !== 402)).body;
    };

    const booking = await paidBooking(30, { customer: 'cus_saved', payment_method: 'pm_card_visa' });
    expect((await client.patch(`/bookings/${booking.id}`, { startsAt: inHours(31) })).body.rescheduleFeesAmount).toBe(700);
    await owner.post(`/bookings/${booking.id}/no-show`, {});
    const ledger = (await client.get(`/bookings/${booking.id}/payments`)).body.data;
    expect(ledger.map((p: { kind: string; reason: string | null; amount: number; status: string }) => [p.kind, p.reason, p.amount, p.status])).toEqual([
      ['deposit', null, 2_000, 'succeeded'],
      ['charge', 'reschedule_fee', 700, 'pending'],
      ['charge', 'no_show', 3_000, 'pending'],
    ]);
    const noShowCharge = ledger[2];
    expect(noShowCharge.stripePaymentIntentId).toMatch(/^pi_/);
    await signed('evt_no_show_paid', { id: noShowCharge.stripePaymentIntentId });
    expect((await client.get(`/bookings/${booking.id}/payments`)).body.data[2]).toMatchObject({ status: 'succeeded' });
    expect(await app.db('domain_events').where({ bookingId: booking.id, type: 'payment.received' }).pluck('type')).toEqual(['payment.received']);

    const cardless = await paidBooking(40, {});
    await owner.post(`/bookings/${cardless.id}/no-show`, {});
    expect((await client.get(`/bookings/${cardless.id}/payments`)).body.data.at(-1)).toMatchObject({ kind: 'charge', reason: 'no_show', amount: 3_000, status: 'failed', failureCode: 'no_saved_card' });
  });
});

describe('a late cancellation’s fee beyond what was paid', () => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.stop());

  it('is charged to the card saved with the deposit; with nothing paid and no card the whole fee is recorded as owed', async () => {
    const lateCancellation = { windowHours: 24, refundBps: 0, chargeFeeAmount: 2_500 };
    const withDeposit = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 }, deposit: { type: 'fixed', amount: 1_000 } },
      cancellation: { lateCancellation },
    });
    const owner = apiClient(app.baseUrl, withDeposit.owner.token);
    const hold = (await owner.post('/reservations', { serviceTemplateId: withDeposit.templateId, bookableId: withDeposit.providerId, startsAt: inHours(5) })).body;
    const intent = (await owner.post(`/reservations/${hold.id}/payment`, {})).body;
    await sendStripeEvent(app, { id: `evt_late_${hold.id}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId, customer: 'cus_late', payment_method: 'pm_card_visa' } });
    const booking = (await eventually(() => owner.patch(`/reservations/${hold.id}/confirm`), (r) => r.status !== 402)).body;

    const cancelled = await owner.delete(`/bookings/${booking.id}`, {});
    expect(cancelled.body.cancellation.refund).toMatchObject({ basis: 'late_cancellation', paidAmount: 1_000, refundAmount: 0, lateFeeAmount: 1_000, lateFeeChargeAmount: 1_500 });
    const ledger = (await owner.get(`/bookings/${booking.id}/payments`)).body.data;
    expect(ledger.map((p: { kind: string; reason: string | null; amount: number; status: string }) => [p.kind, p.reason, p.amount, p.status])).toEqual([
      ['deposit', null, 1_000, 'succeeded'],
      ['charge', 'late_cancellation_fee', 1_500, 'pending'],
    ]);
    expect(ledger[1].stripePaymentIntentId).toMatch(/^pi_/);

    const unpaid = await setUpAroundTheClock(app.baseUrl, { pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 4_000 } }, cancellation: { lateCancellation } });
    const unpaidOwner = apiClient(app.baseUrl, unpaid.owner.token);
    const unpaidBooking = (await unpaidOwner.post('/bookings', { serviceTemplateId: unpaid.templateId, bookableId: unpaid.providerId, startsAt: inHours(3) })).body;
    await unpaidOwner.delete(`/bookings/${unpaidBooking.id}`, {});
    expect((await unpaidOwner.get(`/bookings/${unpaidBooking.id}/payments`)).body.data).toEqual([
      expect.objectContaining({ kind: 'charge', reason: 'late_cancellation_fee', amount: 2_500, status: 'failed', failureCode: 'no_saved_card' }),
    ]);
  });
});

describe('a payment that arrives after its hold ended', () => {
  let app: TestApp;
  let failNextRefund = false;

  beforeAll(async () => {
    app = await startTestApp({
      wrapPayments: (stripe): PaymentGateway => ({
        ...stripe,
        refund: async (input) => {
          if (failNextRefund) {
            failNextRefund = false;
            throw new Error('Stripe is unreachable');
          }
          return stripe.refund(input);
        },
      }),
    });
  });
  afterAll(() => app.stop());

  it('is refunded in full at once (Stripe’s re-delivery finishes what a failure interrupted), and the hold stays ended; a paid hold released by its holder gives its money back too', async () => {
    const clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 2_000 }, deposit: { type: 'fixed', amount: 800 } },
      lifecycle: { reservation: { holdDurationSeconds: 1 } },
    });
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    const hold = (await owner.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(12) })).body;
    const intent = (await owner.post(`/reservations/${hold.id}/payment`, {})).body;
    await eventually(() => owner.get(`/reservations/${hold.id}`), (r) => r.body.status === 'expired');

    // Stripe cannot be reached for the refund: the event is answered with an error, so Stripe sends it again,
    // and the re-delivery finishes the work.
    failNextRefund = true;
    expect((await sendStripeEvent(app, { id: 'evt_too_late', type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId } })).status).toBe(500);
    expect(await app.db('payment_transactions').where({ reservationId: hold.id, kind: 'refund' })).toHaveLength(0);
    expect((await sendStripeEvent(app, { id: 'evt_too_late', type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId } })).status).toBe(200);
    const rows = await app.db('payment_transactions').where({ reservationId: hold.id }).orderBy('created_at');
    expect(rows.map((r: { kind: string; status: string; amount: number }) => [r.kind, r.status, r.amount])).toEqual([
      ['deposit', 'succeeded', 800],
      ['refund', 'succeeded', 800],
    ]);
    expect((await owner.get(`/reservations/${hold.id}`)).body.status).toBe('expired');

    // Held for the default time, so the hold is still there to release however slow the machine is.
    const releasing = await setUpAroundTheClock(app.baseUrl, { pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 2_000 }, deposit: { type: 'fixed', amount: 800 } } });
    const holder = apiClient(app.baseUrl, releasing.owner.token);
    const paidThenReleased = (await holder.post('/reservations', { serviceTemplateId: releasing.templateId, bookableId: releasing.providerId, startsAt: inHours(13) })).body;
    const paidIntent = (await holder.post(`/reservations/${paidThenReleased.id}/payment`, {})).body;
    await sendStripeEvent(app, { id: 'evt_paid_then_released', type: 'payment_intent.succeeded', paymentIntent: { id: paidIntent.paymentIntentId } });
    await eventually(() => holder.get(`/reservations/${paidThenReleased.id}`), (r) => r.body.live?.payment?.status === 'paid');
    await holder.delete(`/reservations/${paidThenReleased.id}`);
    const refunds = await app.db('payment_transactions').where({ reservationId: paidThenReleased.id, kind: 'refund' });
    expect(refunds).toEqual([expect.objectContaining({ amount: 800, status: 'succeeded' })]);
  });
});
