import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { EventType } from '../../src/domain/events/event-catalogue';
import { eventEnvelopeSchemas } from '../../src/http/routes/event-payloads.schemas';
import { addMember, bookAt, mondayAt, setUpClinic, type Clinic } from '../support/builders';
import { eventually } from '../support/eventually';
import { apiClient } from '../support/http-client';
import { startTestApp, type TestApp } from '../support/test-app';

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  answeredWith: number;
}

/** A webhook receiver on loopback whose answer the test sets (503 while "down", 410 to unsubscribe, 200 when up). */
async function startReceiver() {
  const received: Received[] = [];
  let answer = 200;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body, answeredWith: answer });
      res.writeHead(answer, { 'content-type': 'text/plain' }).end(answer === 200 ? 'thanks' : 'not now');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    received,
    answerWith: (status: number) => (answer = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const typeOf = (r: Received) => JSON.parse(r.body).type as string;

describe('webhooks: signed, retried by durable workflows, logged and re-drivable', () => {
  let app: TestApp;
  let clinic: Clinic;
  let admin: ReturnType<typeof apiClient>;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;

  beforeAll(async () => {
    app = await startTestApp();
    clinic = await setUpClinic(app.baseUrl);
    admin = apiClient(app.baseUrl, clinic.owner.token);
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await app.stop();
  });

  it('a receiver down for a while gets every event once it is up, each with one webhook-id across retries and a valid Standard Webhooks signature', async () => {
    const created = await admin.post(`/organizations/${clinic.orgId}/webhooks`, {
      url: receiver.url,
      events: ['booking.created', 'booking.confirmed', 'booking.cancelled'],
      retryConfig: { maxRetries: 6, retryDelayMs: 400, backoffMultiplier: 1.5 },
    });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_/);
    expect((await admin.get(`/webhooks/${created.body.id}`)).body.secret).toBeUndefined();

    receiver.answerWith(503);
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    const booking = await bookAt(client, clinic, mondayAt('09:00'));
    await client.delete(`/bookings/${booking.id}`, { reason: 'webhook test' });
    await eventually(async () => receiver.received.length, (n) => n >= 4);
    receiver.answerWith(200);

    const delivered = await eventually(async () => receiver.received.filter((r) => r.answeredWith === 200), (ok) => ok.length >= 3, 20_000);
    expect(delivered.map(typeOf).sort()).toEqual(['booking.cancelled', 'booking.confirmed', 'booking.created']);
    const verifier = new Webhook(created.body.secret);
    for (const request of receiver.received) {
      // Every body is exactly what the API reference's webhooks section documents for its type.
      const body = JSON.parse(request.body);
      expect(eventEnvelopeSchemas[body.type as EventType]!.safeParse(body).error).toBeUndefined();
      expect(() => verifier.verify(request.body, request.headers as Record<string, string>)).not.toThrow();
      expect(JSON.parse(request.body)).toMatchObject({ id: request.headers['webhook-id'], organizationId: clinic.orgId, data: { booking: { id: booking.id } } });
    }
    // Retries of one event carry the same id and the same body.
    const cancelled = receiver.received.filter((r) => typeOf(r) === 'booking.cancelled');
    expect(new Set(cancelled.map((r) => r.headers['webhook-id'])).size).toBe(1);
    expect(new Set(cancelled.map((r) => r.body)).size).toBe(1);

    // The receiver has the request a moment before the log records its answer.
    const log = await eventually(() => admin.get(`/webhooks/${created.body.id}/deliveries`), (r) => r.body.data.filter((d: { status: string }) => d.status === 'succeeded').length === 3);
    expect(log.body.data.map((d: { status: string }) => d.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const detail = await admin.get(`/webhooks/${created.body.id}/deliveries/${log.body.data[0].id}`);
    expect(detail.body.attempts.at(-1)).toMatchObject({ statusCode: 200, responseExcerpt: 'thanks', latencyMs: expect.any(Number) });
    expect(detail.body.attempts.slice(0, -1).every((a: { statusCode: number }) => a.statusCode === 503)).toBe(true);

    // Re-drive a delivered event: the same webhook-id arrives again.
    const before = receiver.received.length;
    const again = await admin.post(`/webhooks/${created.body.id}/deliveries/${log.body.data[0].id}/redeliver`, {});
    expect(again.status).toBe(202);
    const redelivered = await eventually(async () => receiver.received.slice(before), (r) => r.length >= 1);
    expect(redelivered[0]!.headers['webhook-id']).toBe(detail.body.eventId);
    await admin.delete(`/webhooks/${created.body.id}`);
  });

  it('during a secret rotation both secrets sign; a 410 disables the subscription; a refused target is logged, never retried', async () => {
    const subscription = (await admin.post(`/organizations/${clinic.orgId}/webhooks`, { url: receiver.url, events: ['booking.cancelled'] })).body;
    const rotated = await admin.post(`/webhooks/${subscription.id}/rotate-secret`, { overlapSeconds: 3600 });
    expect(rotated.body).toMatchObject({ rotating: true, secret: expect.stringMatching(/^whsec_/) });
    const test = await admin.post(`/webhooks/${subscription.id}/test`, {});
    expect(test.status).toBe(202);
    const arrived = await eventually(async () => receiver.received.find((r) => r.headers['webhook-id'] === test.body.eventId), (r) => r !== undefined);
    expect(typeOf(arrived!)).toBe('webhook.test');
    expect(String(arrived!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [subscription.secret, rotated.body.secret]) expect(() => new Webhook(secret).verify(arrived!.body, arrived!.headers as Record<string, string>)).not.toThrow();

    receiver.answerWith(410);
    const gone = await admin.post(`/webhooks/${subscription.id}/test`, {}, { 'Idempotency-Key': 'gone-test' });
    const disabled = await eventually(() => admin.get(`/webhooks/${subscription.id}`), (r) => r.body.enabled === false);
    expect(disabled.body.disabledReason).toMatch(/410 Gone/);
    const goneDelivery = await admin.get(`/webhooks/${subscription.id}/deliveries/${gone.body.deliveryId}`);
    expect(goneDelivery.body).toMatchObject({ status: 'gone', attemptCount: 1 });
    expect((await admin.post(`/webhooks/${subscription.id}/deliveries/${gone.body.deliveryId}/redeliver`, {})).body.error.code).toBe('INVALID_TRANSITION');
    receiver.answerWith(200);

    // 127.0.0.2 is loopback too, but not on this deployment's allow-list: refused before any connection.
    const guarded = (await admin.post(`/organizations/${clinic.orgId}/webhooks`, { url: 'http://127.0.0.2:9/hooks', events: ['booking.cancelled'] })).body;
    const refusedTest = await admin.post(`/webhooks/${guarded.id}/test`, {});
    const refused = await eventually(() => admin.get(`/webhooks/${guarded.id}/deliveries/${refusedTest.body.deliveryId}`), (r) => r.body.status === 'refused');
    expect(refused.body).toMatchObject({ status: 'refused', attemptCount: 1, lastError: expect.stringMatching(/127\.0\.0\.2 .*loopback/) });
  });

  it('refuses bad subscriptions with the field at fault and keeps them to admins', async () => {
    const bad = await admin.post(`/organizations/${clinic.orgId}/webhooks`, { url: 'ftp://example.com/x', events: ['booking.teleported'], headers: { 'webhook-signature': 'forged' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields.map((f: { path: string }) => f.path).sort()).toEqual(['events.0', 'headers.webhook-signature', 'url']);
    const client = apiClient(app.baseUrl, (await addMember(app.baseUrl, clinic, 'client')).token);
    expect((await client.get(`/organizations/${clinic.orgId}/webhooks`)).status).toBe(403);
  });
});
