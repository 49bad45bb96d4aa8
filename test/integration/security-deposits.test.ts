import type { PaymentGateway } from '../../src/payments/stripe-gateway';
import { addMember, inHours, setUpAroundTheClock, type Clinic } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { sendStripeEvent } from '../support/stripe-events';
import { startTestApp, type TestApp } from '../support/test-app';

/** What reached the payment gateway (stripe-mock behind it), in order. */
type GatewayCall = { call: 'hold' | 'capture' | 'release'; input: Record<string, unknown> };

describe('security deposits: held on the saved card before the booking, captured by staff or released after it', () => {
  let app: TestApp;
  const calls: GatewayCall[] = [];
  /** Bookings whose authorisation Stripe no longer holds (it lapsed): capturing them finds nothing. */
  const lapsed = new Set<string>();

  beforeAll(async () => {
    // Every call goes on to stripe-mock; a card of customer cus_declines is declined, as Stripe would answer off-session.
    app = await startTestApp({
      wrapPayments: (stripe): PaymentGateway => ({
        ...stripe,
        holdOnSavedCard: async (input) => {
          calls.push({ call: 'hold', input });
          if (input.customerId === 'cus_declines') return { outcome: 'declined', paymentIntentId: 'pi_declined', failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.' };
          const renewal = input.idempotencyKey.includes(':renewal-');
          if (input.customerId === 'cus_renewal_declines' && renewal) return { outcome: 'declined', paymentIntentId: 'pi_renewal_declined', failureCode: 'expired_card', failureMessage: 'Your card has expired.' };
          const held = await stripe.holdOnSavedCard(input);
          // These customers' first authorisations lapse 8 s after they are placed (as Stripe's capture_before would say).
          if (held.outcome === 'held' && !renewal && input.customerId.startsWith('cus_renewal')) return { ...held, captureBefore: new Date(Date.now() + 8_000).toISOString() };
          return held;
        },
        captureHold: async (input) => {
          calls.push({ call: 'capture', input });
          if (lapsed.has(input.metadata?.bookingId ?? '')) return { outcome: 'not_capturable', id: input.paymentIntentId, status: 'canceled' };
          return stripe.captureHold(input);
        },
        releaseHold: async (input) => {
          calls.push({ call: 'release', input });
          return stripe.releaseHold(input);
        },
      }),
    });
  });
  afterAll(() => app.stop());

  /** A lake house taking a 100 € deposit at booking (which saves the card) and holding 300 € as a security deposit. */
  async function lakeHouse(extra: Record<string, unknown> = {}) {
    const clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 50_000 }, deposit: { type: 'fixed', amount: 10_000 }, securityDeposit: { amount: 30_000, releaseAfterHours: 48 } },
      ...extra,
    });
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    return { clinic, client, owner };
  }

  /** Holds `startsAt`, pays the hold's deposit with a card Stripe saves for `customer`, and confirms it. */
  async function paidBooking(house: { clinic: Clinic; client: ReturnType<typeof apiClient> }, startsAt: string, customer = 'cus_guest') {
    const hold = await house.client.post('/reservations', { serviceTemplateId: house.clinic.templateId, bookableId: house.clinic.providerId, startsAt });
    expect(hold.status).toBe(201);
    const intent = await house.client.post(`/reservations/${hold.body.id}/payment`, {});
    await sendStripeEvent(app, { id: `evt_${hold.body.id}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent.body.paymentIntentId, customer, payment_method: 'pm_card_visa' } });
    const booking = await eventually(() => house.client.patch(`/reservations/${hold.body.id}/confirm`), (r) => r.status !== 402);
    expect(booking.status).toBe(201);
    return booking.body as { id: string; startsAt: string; endsAt: string };
  }

  const depositOf = (api: ReturnType<typeof apiClient>, bookingId: string, status: string) => eventually(() => api.get(`/bookings/${bookingId}/security-deposit`), (r) => r.body.status === status);
  const ledgerOf = async (api: ReturnType<typeof apiClient>, bookingId: string) =>
    ((await api.get(`/bookings/${bookingId}/payments`)).body.data as Array<{ kind: string; status: string; amount: number; reason: string | null; stripePaymentIntentId: string | null }>).map((p) => [p.kind, p.status, p.amount, p.reason]);
  const eventsOf = (bookingId: string) => app.db('domain_events').where({ bookingId }).whereIn('type', ['deposit.hold_placed', 'deposit.released', 'payment.received', 'payment.failed']).orderBy(['occurred_at', 'id']);

  it('a booking starting within a day is held at confirmation; staff capture part of it once, the rest is released, and every step is in the ledger and the events', async () => {
    const house = await lakeHouse();
    const booking = await paidBooking(house, inHours(5));

    const held = await depositOf(house.client, booking.id, 'held');
    expect(held.body).toMatchObject({ bookingId: booking.id, status: 'held', amount: 30_000, currency: 'EUR', capturedAmount: 0, stripePaymentIntentId: expect.stringMatching(/^pi_/), releaseAt: new Date(Date.parse(booking.endsAt) + 48 * 3_600_000).toISOString() });
    expect(Date.parse(held.body.holdAt)).toBeLessThanOrEqual(Date.parse(held.body.heldAt));
    expect(calls.filter((c) => c.call === 'hold' && c.input.metadata && (c.input.metadata as { bookingId: string }).bookingId === booking.id)).toEqual([
      { call: 'hold', input: expect.objectContaining({ amount: 30_000, currency: 'EUR', customerId: 'cus_guest', paymentMethodId: 'pm_card_visa', idempotencyKey: `security-deposit-hold:${booking.id}` }) },
    ]);
    expect(await ledgerOf(house.client, booking.id)).toEqual([
      ['deposit', 'succeeded', 10_000, null],
      ['security_deposit_hold', 'succeeded', 30_000, null],
    ]);

    // Only staff who manage bookings capture, at most what is held, with a reason.
    expect((await house.client.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 5_000, reason: 'mine' })).status).toBe(403);
    const tooMuch = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 30_001, reason: 'broken lamp' });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.details.fields).toEqual([expect.objectContaining({ path: 'amount' })]);

    const key = { 'Idempotency-Key': `capture-${booking.id}` };
    const captured = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 12_000, reason: 'broken lamp' }, key);
    expect(captured.status).toBe(200);
    expect(captured.body).toMatchObject({ status: 'captured', capturedAmount: 12_000, releasedAmount: 18_000, captureReason: 'broken lamp' });
    const replayed = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 12_000, reason: 'broken lamp' }, key);
    expect(replayed.body).toEqual(captured.body);
    const again = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 1_000, reason: 'and the rug' });
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({ code: 'SECURITY_DEPOSIT_NOT_ACTIVE', details: { status: 'captured' } });
    expect((await house.owner.post(`/bookings/${booking.id}/security-deposit/release`, {})).body.error.code).toBe('SECURITY_DEPOSIT_NOT_ACTIVE');

    expect(calls.filter((c) => c.call === 'capture')).toEqual([{ call: 'capture', input: expect.objectContaining({ paymentIntentId: held.body.stripePaymentIntentId, amount: 12_000, idempotencyKey: `security-deposit-capture:${booking.id}` }) }]);
    expect(await ledgerOf(house.client, booking.id)).toEqual([
      ['deposit', 'succeeded', 10_000, null],
      ['security_deposit_hold', 'succeeded', 30_000, null],
      ['security_deposit_capture', 'succeeded', 12_000, 'broken lamp'],
      ['security_deposit_release', 'succeeded', 18_000, 'broken lamp'],
    ]);
    const events = await eventsOf(booking.id);
    const summary = (e: { type: string; data: { payment?: { kind: string; amount: number } } }) => [e.type, e.data.payment?.kind, e.data.payment?.amount];
    expect(summary(events[0])).toEqual(['deposit.hold_placed', 'security_deposit_hold', 30_000]);
    // The capture and the release of the rest are one change: the two events share its moment.
    expect(events.slice(1).map(summary).sort()).toEqual([
      ['deposit.released', 'security_deposit_release', 18_000],
      ['payment.received', 'security_deposit_capture', 12_000],
    ]);
    expect(events[0].data.securityDeposit).toMatchObject({ status: 'held', amount: 30_000 });
    // Stripe's own events about the intent do not touch the deposit's ledger rows.
    await sendStripeEvent(app, { id: `evt_late_${booking.id}`, type: 'payment_intent.payment_failed', paymentIntent: { id: held.body.stripePaymentIntentId } });
    expect((await ledgerOf(house.client, booking.id)).map((row) => row[1])).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
  });

  it('is released by itself after the end and the grace period; released at once when the booking is cancelled after the hold; never placed when it is cancelled before, or waived by staff', async () => {
    // A one-minute booking released as soon as it ends.
    const quick = await lakeHouse({ duration: { type: 'fixed', fixedMinutes: 1 }, pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 5_000 }, deposit: { type: 'fixed', amount: 1_000 }, securityDeposit: { amount: 20_000, releaseAfterHours: 0 } } });
    // It starts 20 s from now: far enough that holding, paying and confirming it on a busy machine ends before it starts.
    const ending = await paidBooking(quick, new Date(Date.now() + 20_000).toISOString());

    const house = await lakeHouse();
    // Cancelled after the hold: released at once.
    const cancelledHeld = await paidBooking(house, inHours(3));
    await depositOf(house.owner, cancelledHeld.id, 'held');
    expect((await house.client.delete(`/bookings/${cancelledHeld.id}`, { reason: 'change of plans' })).status).toBe(200);
    const released = await depositOf(house.owner, cancelledHeld.id, 'released');
    expect(released.body).toMatchObject({ releasedAmount: 30_000, capturedAmount: 0, heldAt: expect.any(String), releasedAt: expect.any(String) });
    expect(calls.filter((c) => c.call === 'release' && c.input.idempotencyKey === `security-deposit-release:${cancelledHeld.id}`)).toHaveLength(1);
    expect((await eventsOf(cancelledHeld.id)).map((e: { type: string }) => e.type)).toEqual(['deposit.hold_placed', 'deposit.released']);

    // Three days ahead: scheduled for the day before; it moves with the booking; cancelled before, nothing is ever placed.
    const later = await paidBooking(house, inHours(72));
    const scheduled = await depositOf(house.owner, later.id, 'scheduled');
    expect(scheduled.body).toMatchObject({ heldAt: null, holdAt: new Date(Date.parse(later.startsAt) - 24 * 3_600_000).toISOString() });
    const movedTo = inHours(96);
    expect((await house.owner.patch(`/bookings/${later.id}`, { startsAt: movedTo })).status).toBe(200);
    const moved = await eventually(() => house.owner.get(`/bookings/${later.id}/security-deposit`), (r) => r.body.holdAt === new Date(Date.parse(movedTo) - 24 * 3_600_000).toISOString());
    expect(moved.body.status).toBe('scheduled');
    await house.client.delete(`/bookings/${later.id}`, { reason: 'not coming' });
    expect((await depositOf(house.owner, later.id, 'released')).body).toMatchObject({ heldAt: null, releasedAmount: 0, stripePaymentIntentId: null });

    // Waived by staff before it is placed, straight after the booking (while its workflow may still be planning it).
    const waived = await paidBooking(house, inHours(80));
    const waiver = await house.owner.post(`/bookings/${waived.id}/security-deposit/release`, { reason: 'regular guest' });
    expect(waiver.body).toMatchObject({ status: 'released', heldAt: null, releasedAmount: 0 });

    for (const id of [later.id, waived.id]) {
      expect(calls.filter((c) => (c.input.metadata as { bookingId?: string } | undefined)?.bookingId === id)).toEqual([]);
      expect((await ledgerOf(house.owner, id)).map((row) => row[0])).toEqual(['deposit']);
      expect(await eventsOf(id)).toEqual([]);
    }

    // The one-minute booking's deposit was held at confirmation and goes back once it has ended.
    const autoReleased = await eventually(() => quick.owner.get(`/bookings/${ending.id}/security-deposit`), (r) => r.body.status === 'released', 90_000);
    expect(autoReleased.body).toMatchObject({ status: 'released', releasedAmount: 20_000, heldAt: expect.any(String) });
    expect(Date.parse(autoReleased.body.releasedAt)).toBeGreaterThanOrEqual(Date.parse(ending.endsAt));
    expect(await ledgerOf(quick.owner, ending.id)).toEqual([
      ['deposit', 'succeeded', 1_000, null],
      ['security_deposit_hold', 'succeeded', 20_000, null],
      ['security_deposit_release', 'succeeded', 20_000, null],
    ]);
    expect((await quick.owner.get(`/bookings/${ending.id}`)).body.status).toBe('confirmed');
  }, 150_000);

  it('a declined card, or none saved, is recorded and reported as payment.failed, the admins are told, and the booking stays confirmed', async () => {
    const house = await lakeHouse();
    const declined = await paidBooking(house, inHours(6), 'cus_declines');
    const failed = await depositOf(house.owner, declined.id, 'failed');
    expect(failed.body).toMatchObject({ failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.', heldAt: null });
    expect((await house.owner.get(`/bookings/${declined.id}`)).body.status).toBe('confirmed');
    expect(await ledgerOf(house.owner, declined.id)).toEqual([
      ['deposit', 'succeeded', 10_000, null],
      ['security_deposit_hold', 'failed', 30_000, null],
    ]);
    const [event] = await eventsOf(declined.id);
    expect(event).toMatchObject({ type: 'payment.failed', data: { securityDeposit: { status: 'failed' }, payment: { kind: 'security_deposit_hold', status: 'failed', failureCode: 'insufficient_funds' } } });
    const told = await eventually(() => app.db('notifications').where({ bookingId: declined.id, kind: 'security_deposit_failed_admin' }), (rows) => rows.length > 0);
    expect(told).toEqual([expect.objectContaining({ recipient: house.clinic.owner.email, channel: 'email', body: expect.stringContaining('insufficient funds') })]);
    expect((await house.owner.post(`/bookings/${declined.id}/security-deposit/capture`, { amount: 100, reason: 'damage' })).status).toBe(409);

    // A service that takes no payment first has no card to hold it on.
    const unpaid = await setUpAroundTheClock(app.baseUrl, { pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 5_000 }, securityDeposit: { amount: 10_000 } } });
    const unpaidOwner = apiClient(app.baseUrl, unpaid.owner.token);
    const booking = (await unpaidOwner.post('/bookings', { serviceTemplateId: unpaid.templateId, bookableId: unpaid.providerId, startsAt: inHours(2) })).body;
    expect((await depositOf(unpaidOwner, booking.id, 'failed')).body).toMatchObject({ failureCode: 'no_saved_card' });
    expect((await unpaidOwner.get(`/bookings/${booking.id}`)).body.status).toBe('confirmed');
  });

  it('a capture after Stripe let the authorisation lapse is refused, and the deposit is recorded as given back', async () => {
    const house = await lakeHouse();
    const booking = await paidBooking(house, inHours(7));
    await depositOf(house.owner, booking.id, 'held');
    lapsed.add(booking.id);
    const refused = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 5_000, reason: 'stained sofa' });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'SECURITY_DEPOSIT_NOT_ACTIVE', details: { status: 'released' } });
    expect((await house.owner.get(`/bookings/${booking.id}/security-deposit`)).body).toMatchObject({ status: 'released', releasedAmount: 30_000, capturedAmount: 0 });
    expect((await ledgerOf(house.owner, booking.id)).map((row) => row[0])).toEqual(['deposit', 'security_deposit_hold', 'security_deposit_release']);
    // Nothing is held any more: a second try, or a release, is refused by the workflow itself.
    expect((await house.owner.post(`/bookings/${booking.id}/security-deposit/release`, {})).body.error.code).toBe('SECURITY_DEPOSIT_NOT_ACTIVE');
  });

  it('a deposit whose authorisation would lapse before its release is authorised again first and the old authorisation given up; staff capture the new one', async () => {
    const house = await lakeHouse();
    const booking = await paidBooking(house, inHours(9), 'cus_renewal');
    const first = await depositOf(house.owner, booking.id, 'held');
    expect(Date.parse(first.body.captureBefore) - Date.parse(first.body.heldAt)).toBeLessThanOrEqual(8_000);

    const renewed = await eventually(() => house.owner.get(`/bookings/${booking.id}/security-deposit`), (r) => r.body.renewals === 1, 30_000);
    expect(renewed.body).toMatchObject({ status: 'held', renewals: 1, amount: 30_000 });
    expect(renewed.body.stripePaymentIntentId).not.toBe(first.body.stripePaymentIntentId);
    // Stripe said nothing of the new one's lapse: seven days.
    expect(Date.parse(renewed.body.captureBefore) - Date.parse(renewed.body.heldAt)).toBe(7 * 24 * 3_600_000);
    const mine = (call: GatewayCall['call']) => calls.filter((c) => c.call === call && (c.input.idempotencyKey as string).includes(booking.id)).map((c) => [c.input.idempotencyKey, c.input.paymentIntentId ?? null]);
    expect(mine('hold')).toEqual([[`security-deposit-hold:${booking.id}`, null], [`security-deposit-hold:${booking.id}:renewal-1`, null]]);
    expect(mine('release')).toEqual([[`security-deposit-release:${booking.id}:renewal-1`, first.body.stripePaymentIntentId]]);
    expect(await ledgerOf(house.owner, booking.id)).toEqual([
      ['deposit', 'succeeded', 10_000, null],
      ['security_deposit_hold', 'succeeded', 30_000, null],
      ['security_deposit_release', 'succeeded', 30_000, 'renewed before the authorisation lapsed'],
      ['security_deposit_hold', 'succeeded', 30_000, null],
    ]);
    expect((await eventsOf(booking.id)).map((e: { type: string }) => e.type)).toEqual(['deposit.hold_placed', 'deposit.hold_placed']);

    const captured = await house.owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 2_500, reason: 'broken glass' });
    expect(captured.body).toMatchObject({ status: 'captured', capturedAmount: 2_500, stripePaymentIntentId: renewed.body.stripePaymentIntentId });
    expect(mine('capture')).toEqual([[`security-deposit-capture:${booking.id}`, renewed.body.stripePaymentIntentId]]);
  });

  it('a card refusing to authorise the deposit again leaves it held until the old authorisation lapses, recorded, reported and told to the admins, and not tried again', async () => {
    const house = await lakeHouse();
    const booking = await paidBooking(house, inHours(10), 'cus_renewal_declines');
    const first = await depositOf(house.owner, booking.id, 'held');
    const refused = await eventually(() => house.owner.get(`/bookings/${booking.id}/security-deposit`), (r) => r.body.failureCode === 'expired_card', 30_000);
    expect(refused.body).toMatchObject({ status: 'held', renewals: 0, stripePaymentIntentId: first.body.stripePaymentIntentId, captureBefore: first.body.captureBefore, failureMessage: 'Your card has expired.' });
    expect((await ledgerOf(house.owner, booking.id)).map((row) => [row[0], row[1]])).toEqual([
      ['deposit', 'succeeded'],
      ['security_deposit_hold', 'succeeded'],
      ['security_deposit_hold', 'failed'],
    ]);
    expect((await eventsOf(booking.id)).map((e: { type: string }) => e.type)).toEqual(['deposit.hold_placed', 'payment.failed']);
    const told = await eventually(() => app.db('notifications').where({ bookingId: booking.id, kind: 'security_deposit_failed_admin' }), (rows) => rows.length > 0);
    expect(told).toEqual([expect.objectContaining({ recipient: house.clinic.owner.email, body: expect.stringContaining('Your card has expired.') })]);
    // Past the old authorisation's lapse, nothing more was tried.
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(first.body.captureBefore) + 2_000 - Date.now())));
    expect(calls.filter((c) => c.call === 'hold' && (c.input.idempotencyKey as string).startsWith(`security-deposit-hold:${booking.id}:renewal-`))).toHaveLength(1);
    expect((await house.owner.get(`/bookings/${booking.id}`)).body.status).toBe('confirmed');
  });

  it('a booking without a security deposit has none to show or capture', async () => {
    const plain = await setUpAroundTheClock(app.baseUrl, { pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 5_000 } } });
    const owner = apiClient(app.baseUrl, plain.owner.token);
    const booking = (await owner.post('/bookings', { serviceTemplateId: plain.templateId, bookableId: plain.providerId, startsAt: inHours(2) })).body;
    expect((await owner.get(`/bookings/${booking.id}/security-deposit`)).status).toBe(404);
    const refused = await owner.post(`/bookings/${booking.id}/security-deposit/capture`, { amount: 100, reason: 'damage' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('SECURITY_DEPOSIT_NOT_ACTIVE');
  });
});
