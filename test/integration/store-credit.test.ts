import { addMember, type Clinic, inHours, setUpAroundTheClock } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { sendStripeEvent } from '../support/stripe-events';
import { startTestApp, type TestApp } from '../support/test-app';

describe('store credit: a cancellation’s refund taken as credit with a bonus, spent on the next hold', () => {
  let app: TestApp;
  let clinic: Clinic;
  let client: ReturnType<typeof apiClient>;
  let clientUserId: string;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 } },
      lifecycle: { confirmation: { requirePayment: true } },
      cancellation: {
        refundTiers: [
          { minHoursBefore: 48, refundBps: 10_000, offerStoreCredit: true, storeCreditBonusBps: 1_000 },
          { minHoursBefore: 0, maxHoursBefore: 48, refundBps: 5_000 },
        ],
      },
    });
    const member = await addMember(app.baseUrl, clinic, 'client');
    client = apiClient(app.baseUrl, member.token);
    clientUserId = member.userId;
  });
  afterAll(() => app.stop());

  const holdAt = async (hours: number) => (await client.post('/reservations', { serviceTemplateId: clinic.templateId, bookableId: clinic.providerId, startsAt: inHours(hours) })).body;
  const confirmed = (holdId: string) => eventually(() => client.patch(`/reservations/${holdId}/confirm`), (r) => r.status !== 402);
  const paidByCard = async (hours: number) => {
    const hold = await holdAt(hours);
    const intent = (await client.post(`/reservations/${hold.id}/payment`, {})).body;
    await sendStripeEvent(app, { id: `evt_${hold.id}`, type: 'payment_intent.succeeded', paymentIntent: { id: intent.paymentIntentId } });
    return (await confirmed(hold.id)).body;
  };
  const credit = async () => (await client.get(`/organizations/${clinic.orgId}/store-credit`)).body;

  it('is refused with 422 where the tier does not offer it, and the booking stands', async () => {
    const booking = await paidByCard(30);
    const refused = await client.delete(`/bookings/${booking.id}`, { refundAs: 'store_credit' });
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe('STORE_CREDIT_NOT_OFFERED');
    expect((await client.get(`/bookings/${booking.id}`)).body.status).toBe('confirmed');
    expect(await credit()).toMatchObject({ balances: {}, data: [] });
  });

  it('is issued once (refund plus bonus, no Stripe refund), then pays a hold in full without Stripe and part of another; a hold released gives its credit back, a refunded booking its credit', async () => {
    const booking = await paidByCard(72);
    const headers = { 'Idempotency-Key': `credit-${booking.id}` };
    const cancelled = await client.delete(`/bookings/${booking.id}`, { refundAs: 'store_credit' }, headers);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancellation.refund).toMatchObject({ basis: 'refund_tier', refundAmount: 10_000, refundAs: 'store_credit', storeCreditAmount: 11_000 });
    expect((await client.delete(`/bookings/${booking.id}`, { refundAs: 'store_credit' }, headers)).status).toBe(200);
    expect((await client.get(`/bookings/${booking.id}/payments`)).body.data.map((p: { kind: string }) => p.kind)).toEqual(['full']);
    expect(await credit()).toMatchObject({ userId: clientUserId, balances: { EUR: 11_000 }, data: [expect.objectContaining({ kind: 'issued', amount: 11_000, bookingId: booking.id })] });

    // Credit covers the whole price: paid at once, no Stripe intent, confirmed.
    const covered = await holdAt(80);
    const byCredit = await client.post(`/reservations/${covered.id}/payment`, { useStoreCredit: true });
    expect(byCredit.body).toMatchObject({ paymentIntentId: null, amount: 0, storeCreditAmount: 10_000, currency: 'EUR' });
    const creditBooking = await client.patch(`/reservations/${covered.id}/confirm`);
    expect(creditBooking.status).toBe(201);
    expect(await app.db('payment_transactions').where({ reservationId: covered.id })).toHaveLength(0);

    // What is left (1,000) pays part of the next hold; Stripe is asked for the rest. Released, the credit comes back.
    const partly = await holdAt(90);
    const split = await client.post(`/reservations/${partly.id}/payment`, { useStoreCredit: true });
    expect(split.body).toMatchObject({ paymentIntentId: expect.stringMatching(/^pi_/), amount: 9_000, storeCreditAmount: 1_000 });
    expect((await credit()).balances).toEqual({ EUR: 0 });
    await client.delete(`/reservations/${partly.id}`);
    expect((await credit()).balances).toEqual({ EUR: 1_000 });

    // The booking credit paid for is cancelled with a full refund to what paid it: the credit.
    const refunded = await client.delete(`/bookings/${creditBooking.body.id}`, {});
    expect(refunded.body.cancellation.refund).toMatchObject({ paidAmount: 10_000, refundAmount: 10_000 });
    const ledger = await credit();
    expect(ledger.balances).toEqual({ EUR: 11_000 });
    expect(ledger.data.map((e: { kind: string; amount: number }) => [e.kind, e.amount])).toEqual([
      ['restored', 10_000],
      ['restored', 1_000],
      ['redeemed', -1_000],
      ['redeemed', -10_000],
      ['issued', 11_000],
    ]);
  });

  it('shows a member’s credit to managers (`userId`), not to other clients', async () => {
    const owner = apiClient(app.baseUrl, clinic.owner.token);
    expect((await owner.get(`/organizations/${clinic.orgId}/store-credit?userId=${clientUserId}`)).body).toMatchObject({ userId: clientUserId, balances: { EUR: 11_000 } });
    const other = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client', 'Other Client')).token);
    expect((await other.get(`/organizations/${clinic.orgId}/store-credit?userId=${clientUserId}`)).status).toBe(403);
    expect((await other.get(`/organizations/${clinic.orgId}/store-credit`)).body).toMatchObject({ balances: {}, data: [] });
  });
});
