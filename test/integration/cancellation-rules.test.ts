import { addMember, addTemplate, bookAt, mondayAt, setUpClinic, type Clinic } from '../support/builders';
import { apiClient, signUp } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('who may cancel, and cancellations that wait for approval (template cancellation block)', () => {
  let app: TestApp;
  let clinic: Clinic;
  let client: ReturnType<typeof apiClient>;
  let owner: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    owner = apiClient(app.baseUrl, clinic.owner.token);
  });
  afterAll(() => app.stop());

  it('a client may not cancel when the template forbids it (403, nothing changes); the business still may', async () => {
    const templateId = await addTemplate(app.baseUrl, clinic, { cancellation: { allowClientCancellation: false } });
    const booking = await bookAt(client, clinic, mondayAt('09:00'), templateId);
    const refused = await client.delete(`/bookings/${booking.id}`, { reason: 'changed my mind' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('CANCELLATION_NOT_ALLOWED');
    expect((await owner.get(`/bookings/${booking.id}`)).body).toMatchObject({ status: 'confirmed', cancellation: null, auditTrail: [] });
    expect((await owner.delete(`/bookings/${booking.id}`, { reason: 'closed' })).body.status).toBe('cancelled');
  });

  it('a client’s cancellation waits for approval: 202 with the request, the slot stays taken; declined it stands, approved it is cancelled with the refund of the request’s time', async () => {
    const templateId = await addTemplate(app.baseUrl, clinic, {
      pricing: { currency: 'EUR' },
      cancellation: { requireApprovalFor: ['client'], refundTiers: [{ minHoursBefore: 0, refundBps: 5000 }] },
    });
    const booking = await bookAt(client, clinic, mondayAt('10:00'), templateId);

    const asked = await client.delete(`/bookings/${booking.id}`, { reason: 'moving away' });
    expect(asked.status).toBe(202);
    expect(asked.body).toMatchObject({ status: 'confirmed', cancellationRequest: { party: 'client', reason: 'moving away' } });
    expect(await app.db('allocations').where({ bookingId: booking.id })).toHaveLength(1);
    const again = await client.delete(`/bookings/${booking.id}`, { reason: 'please' });
    expect(again.body.error.code).toBe('CONFLICT');
    expect((await client.post(`/bookings/${booking.id}/cancellation-request/approve`, {})).status).toBe(403);

    const declined = await owner.post(`/bookings/${booking.id}/cancellation-request/decline`, { reason: 'past the deadline' });
    expect(declined.body).toMatchObject({ status: 'confirmed', cancellationRequest: null });

    const requestedAt = (await client.delete(`/bookings/${booking.id}`, { reason: 'moving away, really' })).body.cancellationRequest.requestedAt;
    const approved = await owner.post(`/bookings/${booking.id}/cancellation-request/approve`, { reason: 'fine' });
    expect(approved.body).toMatchObject({ status: 'cancelled', cancellationRequest: null, cancellation: { reason: 'moving away, really', refund: { basis: 'refund_tier', tierIndex: 0 } } });
    const hoursLeftWhenAsked = (new Date(booking.startsAt).getTime() - new Date(requestedAt).getTime()) / 3_600_000;
    expect(approved.body.cancellation.refund.hoursBeforeStart).toBeCloseTo(hoursLeftWhenAsked, 9);
    expect(new Date(approved.body.cancellation.cancelledAt).getTime()).toBeGreaterThan(new Date(requestedAt).getTime());
    expect(await app.db('allocations').where({ bookingId: booking.id })).toHaveLength(0);
    const trail = (await owner.get(`/bookings/${booking.id}/audit-trail`)).body.data.map((e: { event: string }) => e.event);
    expect(trail).toEqual(['cancellation_requested', 'cancellation_declined', 'cancellation_requested', 'cancellation_approved', 'cancel']);
  });

  it('a provider member cancels their own provider’s booking as the provider (a full refund), unless the template forbids providers to', async () => {
    const provider = await signUp(app.baseUrl, 'Pat Provider');
    await owner.post(`/organizations/${clinic.orgId}/members`, { email: provider.email, role: 'provider', providerId: clinic.providerId });
    const asProvider = apiClient(app.baseUrl, provider.token);

    const booking = await bookAt(client, clinic, mondayAt('11:00'));
    const cancelled = await asProvider.delete(`/bookings/${booking.id}`, { reason: 'emergency' });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancellation).toMatchObject({ reason: 'emergency', refund: { basis: 'cancelled_by_business' } });

    const strictId = await addTemplate(app.baseUrl, clinic, { cancellation: { allowProviderCancellation: false } });
    const strict = await bookAt(client, clinic, mondayAt('12:00'), strictId);
    expect((await asProvider.delete(`/bookings/${strict.id}`, {})).body.error.code).toBe('CANCELLATION_NOT_ALLOWED');
  });

  it('a client moving their own booking owes the reschedule fee; the business moving it does not', async () => {
    const templateId = await addTemplate(app.baseUrl, clinic, { pricing: { currency: 'EUR' }, cancellation: { rescheduleFeeAmount: 1500 } });
    const booking = await bookAt(client, clinic, mondayAt('13:00'), templateId);
    const byClient = await client.patch(`/bookings/${booking.id}`, { startsAt: mondayAt('14:00') });
    expect(byClient.body).toMatchObject({ rescheduleFeesAmount: 1500 });
    const byOwner = await owner.patch(`/bookings/${booking.id}`, { startsAt: mondayAt('15:00') });
    expect(byOwner.body).toMatchObject({ rescheduleFeesAmount: 1500 });
    const moves = (await owner.get(`/bookings/${booking.id}/audit-trail`)).body.data;
    expect(moves.map((e: { details: { feeAmount?: number } }) => e.details.feeAmount ?? 0)).toEqual([1500, 0]);
  });
});
