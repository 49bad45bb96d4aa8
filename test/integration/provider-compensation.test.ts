import { addMember, bookAt, type Clinic, inHours, setUpAroundTheClock } from '../support/builders';
import { apiClient, signUp } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('providers see their cancellation pay and their timesheet', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;
  let client: ReturnType<typeof apiClient>;
  let provider: ReturnType<typeof apiClient>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpAroundTheClock(app.baseUrl, {
      pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 10_000 } },
      cancellation: {
        providerCompensation: {
          whenClientCancels: { tiers: [{ minHoursBefore: 24, compensationBps: 0 }, { minHoursBefore: 0, compensationBps: 5_000 }] },
          whenOrganizationCancels: { fullCompensation: false, partialCompensationBps: 2_500 },
        },
        noShowPolicy: { providerCompensationBps: 4_000 },
      },
    });
    owner = apiClient(app.baseUrl, clinic.owner.token);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const member = await signUp(app.baseUrl, 'Nurse Provider');
    await owner.post(`/organizations/${clinic.orgId}/members`, { email: member.email, role: 'provider', providerId: clinic.providerId });
    provider = apiClient(app.baseUrl, member.token);
  });
  afterAll(() => app.stop());

  const period = () => `from=${encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString())}&to=${encodeURIComponent(new Date(Date.now() + 7 * 86_400_000).toISOString())}`;

  it('a late client cancellation, the business calling one off and a no-show each owe the provider its share of the quoted price; manual payments join them', async () => {
    const late = await bookAt(client, clinic, inHours(5));
    await client.delete(`/bookings/${late.id}`, { reason: 'sick' });
    const early = await bookAt(client, clinic, inHours(48));
    await client.delete(`/bookings/${early.id}`, { reason: 'plans changed' });
    const calledOff = await bookAt(client, clinic, inHours(6));
    await owner.delete(`/bookings/${calledOff.id}`, { reason: 'room flooded' });
    const missed = await bookAt(client, clinic, inHours(7));
    await owner.post(`/bookings/${missed.id}/no-show`, {});
    const backup = await owner.post(`/bookings/${missed.id}/compensation`, { amount: 1_500, note: 'stood by for a walk-in' });
    expect(backup.status).toBe(201);

    const ledger = await provider.get(`/providers/${clinic.providerId}/compensation?${period()}`);
    expect(ledger.status).toBe(200);
    expect(ledger.body.data.map((row: { bookingId: string; reason: string; amount: number; bps: number | null }) => [row.bookingId, row.reason, row.amount, row.bps])).toEqual([
      [late.id, 'client_cancelled', 5_000, 5_000],
      [calledOff.id, 'organization_cancelled', 2_500, 2_500],
      [missed.id, 'no_show', 4_000, 4_000],
      [missed.id, 'manual', 1_500, null],
    ]);
    expect(ledger.body.totals).toEqual({ EUR: 13_000 });
  });

  it('the timesheet lists the bookings the provider worked, and a provider sees no other provider', async () => {
    const worked = await bookAt(client, clinic, inHours(9));
    await owner.post(`/bookings/${worked.id}/check-in`, {});
    await owner.post(`/bookings/${worked.id}/complete`, {});
    const sheet = await provider.get(`/providers/${clinic.providerId}/timesheets?${period()}`);
    expect(sheet.body.data).toEqual([expect.objectContaining({ bookingId: worked.id, status: 'completed', scheduledMinutes: 30, checkedInAt: expect.any(String), completedAt: expect.any(String) })]);
    expect(sheet.body.totals).toEqual({ bookings: 1, scheduledMinutes: 30 });

    const other = await owner.post(`/organizations/${clinic.orgId}/bookables/providers`, { name: 'Another nurse', locationId: clinic.locationId, weeklySchedule: {} });
    expect((await provider.get(`/providers/${other.body.id}/timesheets?${period()}`)).status).toBe(404);
    expect((await client.get(`/providers/${clinic.providerId}/compensation?${period()}`)).status).toBe(403);
  });
});
