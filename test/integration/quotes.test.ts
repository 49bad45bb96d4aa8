import { addMember, addTemplate, aroundTheClock, mondayAt, setUpClinic, type Clinic } from '../support/builders';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

describe('quotes: the price of a slot, line by line, kept with the hold and the booking', () => {
  let app: TestApp;
  let clinic: Clinic;
  let owner: ReturnType<typeof apiClient>;
  let client: ReturnType<typeof apiClient>;
  let templateId: string;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    owner = apiClient(app.baseUrl, clinic.owner.token);
    client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    templateId = await massage('Massage', { deposit: { type: 'percentage', percentageBps: 2_000, refundDeadlineHours: 24 } });
  });
  afterAll(() => app.stop());

  /** A 50 € massage with 19 % tax on top and one hot-stones add-on in stock. */
  function massage(name: string, pricing: Record<string, unknown> = {}) {
    const upsells = [{ id: 'hot-stones', name: 'Hot stones', type: 'service_addon', price: { amount: 300 }, inventory: { quantityAvailable: 1 } }];
    return addTemplate(app.baseUrl, clinic, { name, pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 5_000 }, taxConfiguration: { taxRateBps: 1_900, taxInclusive: false }, upsells, ...pricing } });
  }

  const order = (startsAt: string, extra: Record<string, unknown> = {}) => ({ serviceTemplateId: templateId, bookableId: clinic.providerId, startsAt, ...extra });

  it('prices base, upsell, tax and deposit in integer cents, and a holiday on the calendar raises that day', async () => {
    const quote = await client.post('/quotes', order(mondayAt('10:00'), { upsells: [{ id: 'hot-stones' }] }));
    expect(quote.status).toBe(200);
    expect(quote.body).toMatchObject({
      currency: 'EUR',
      local: { startsAt: '2030-03-04T10:00:00.000+01:00' },
      subtotalAmount: 5_300,
      taxAmount: 1_007,
      totalAmount: 6_307,
      deposit: { required: true, amount: 1_261, refundable: true, refundDeadline: '2030-03-03T09:00:00.000Z' },
      dueNowAmount: 1_261,
    });
    expect(quote.body.lines.map((l: { code: string; amount: number }) => [l.code, l.amount])).toEqual([
      ['fixed', 5_000],
      ['upsell:hot-stones', 300],
      ['tax', 1_007],
    ]);

    const calendarId = (await owner.get(`/bookables/${clinic.providerId}`)).body.calendar.id;
    await owner.post(`/calendars/${calendarId}/overrides`, { date: '2030-03-05', kind: 'holiday_pricing', pricingMultiplierBps: 15_000, reason: 'Carnival' });
    const holiday = await client.post('/quotes', order(mondayAt('10:00').replace('2030-03-04', '2030-03-05')));
    expect(holiday.body.lines.map((l: { code: string; amount: number }) => [l.code, l.amount])).toEqual([
      ['fixed', 5_000],
      ['calendar_override', 2_500],
      ['tax', 1_425],
    ]);
  });

  it('refuses an upsell the template does not offer, at its path, and a slot outside working hours', async () => {
    const unknown = await client.post('/quotes', order(mondayAt('10:00'), { upsells: [{ id: 'champagne' }] }));
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.fields).toEqual([expect.objectContaining({ path: 'upsells.0.id' })]);
    expect((await client.post('/quotes', order(mondayAt('20:00')))).body.error.code).toBe('SLOT_OUTSIDE_AVAILABILITY');
  });

  it('a booking keeps the quote it was made with, the stock it took is gone for others until it is cancelled, and repricing the template does not change it', async () => {
    // Paid at the venue: no deposit, so the one-step booking needs no payment first.
    templateId = await massage('Massage, pay at the venue');
    const booked = await client.post('/bookings', order(mondayAt('13:00'), { upsells: [{ id: 'hot-stones' }] }));
    expect(booked.status).toBe(201);
    expect(booked.body.price).toMatchObject({ totalAmount: 6_307, lines: expect.arrayContaining([expect.objectContaining({ code: 'upsell:hot-stones', quantity: 1 })]) });

    const soldOut = await owner.post('/quotes', order(mondayAt('15:00'), { upsells: [{ id: 'hot-stones' }] }));
    expect(soldOut.body.error.details.fields).toEqual([expect.objectContaining({ path: 'upsells.0.quantity' })]);
    // Cancelling gives the stock back.
    await client.delete(`/bookings/${booked.body.id}`);
    expect((await owner.post('/quotes', order(mondayAt('15:00'), { upsells: [{ id: 'hot-stones' }] }))).status).toBe(200);

    const repriced = await owner.patch(`/service-templates/${templateId}`, { pricing: { model: 'fixed', currency: 'EUR', fixedPrice: { amount: 9_000 } } });
    expect(repriced.status).toBe(200);
    expect((await client.get(`/bookings/${booked.body.id}`)).body.price.totalAmount).toBe(6_307);
    expect((await client.post('/quotes', order(mondayAt('15:00')))).body.totalAmount).toBe(9_000);
  });

  it('a stay priced by the night: each night at its rate, weekend and holiday nights raised, a week off by the weekly discount, fees per stay, tax, and the security deposit beside the total', async () => {
    const cabin = await owner.post(`/organizations/${clinic.orgId}/bookables/venues`, { name: 'Lake cabin', locationId: clinic.locationId, capacity: { max: 4 }, weeklySchedule: aroundTheClock });
    expect(cabin.status).toBe(201);
    const stayTemplate = await addTemplate(app.baseUrl, clinic, {
      name: 'Cabin stay',
      type: 'multi_day',
      duration: { type: 'fixed', fixedMinutes: 60, minNights: 1, maxNights: 30, checkInTime: '15:00', checkOutTime: '11:00' },
      pricing: {
        model: 'nightly',
        currency: 'EUR',
        nightlyRate: { rateAmount: 10_000, weekdayMultipliers: [{ daysOfWeek: ['friday', 'saturday'], multiplierBps: 12_500 }], weeklyDiscountBps: 1_000, monthlyDiscountBps: 2_000, cleaningFeeAmount: 6_000, serviceFeeAmount: 2_500 },
        taxConfiguration: { taxRateBps: 700 },
        securityDeposit: { amount: 30_000, releaseAfterHours: 24 },
      },
    });
    // Easter Sunday 21 April 2030 is a holiday on the cabin's calendar (×1.5).
    await owner.post(`/calendars/${cabin.body.calendar.id}/overrides`, { date: '2030-04-21', kind: 'holiday_pricing', pricingMultiplierBps: 15_000, reason: 'Easter' });
    const stay = (checkIn: string, nights: number) => ({ serviceTemplateId: stayTemplate, bookableId: cabin.body.id, startsAt: `${checkIn}T13:00:00Z`, nights });
    const codes = (lines: Array<{ code: string; quantity: number; amount: number }>) => lines.map((l) => [l.code, l.quantity, l.amount]);

    // Thursday 18 April, three nights: Thursday, Friday (×1.25), Saturday (×1.25).
    const weekend = await client.post('/quotes', stay('2030-04-18', 3));
    expect(weekend.status).toBe(200);
    expect(codes(weekend.body.lines)).toEqual([
      ['nightly', 3, 30_000],
      ['weekday', 2, 5_000],
      ['cleaning_fee', 1, 6_000],
      ['service_fee', 1, 2_500],
      ['tax', 1, 3_045],
    ]);
    expect(weekend.body).toMatchObject({ local: { startsAt: '2030-04-18T15:00:00.000+02:00', endsAt: '2030-04-21T11:00:00.000+02:00' }, subtotalAmount: 43_500, totalAmount: 46_545, dueNowAmount: 46_545, securityDeposit: { amount: 30_000, releaseAfterHours: 24 } });

    // Seven nights from Thursday 18 April take in Easter Sunday and earn the weekly discount on the nights, not the fees.
    const week = await client.post('/quotes', stay('2030-04-18', 7));
    expect(codes(week.body.lines)).toEqual([
      ['nightly', 7, 70_000],
      ['weekday', 2, 5_000],
      ['calendar_override', 1, 5_000],
      ['weekly_discount', 1, -8_000],
      ['cleaning_fee', 1, 6_000],
      ['service_fee', 1, 2_500],
      ['tax', 1, 5_635],
    ]);
    expect(week.body.totalAmount).toBe(86_135);

    // The hold keeps the quote it was made with.
    const held = await client.post('/reservations', stay('2030-04-18', 3));
    expect(held.status).toBe(201);
    expect(held.body.price).toMatchObject({ totalAmount: 46_545, securityDeposit: { amount: 30_000 } });
  });
});
