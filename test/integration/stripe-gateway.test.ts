import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { createStripeGateway } from '../../src/payments/stripe-gateway';
import { testServiceAddresses } from '../support/test-services';

// "Stripe" here is the suite's stripe-mock (stateless: it validates requests against Stripe's OpenAPI and answers
// with fixtures) or a recorder in front of it; all of them listen on 127.0.0.1, so nothing leaves the machine.

const secretKey = 'sk_test_mock';

interface Exchange {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  requestBody: string;
  status: number;
  responseBody: string;
}

type Answer = (request: { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }) => Promise<{ status: number; body: string }>;

interface Recorder {
  url: string;
  exchanges: Exchange[];
  stop(): Promise<void>;
}

/** A loopback HTTP server that answers with `answer` and records each request with its response. */
async function startRecorder(answer: Answer): Promise<Recorder> {
  const exchanges: Exchange[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const received = { method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') };
      answer(received).then(
        ({ status, body }) => {
          exchanges.push({ method: received.method, url: received.url, headers: received.headers, requestBody: received.body, status, responseBody: body });
          response.writeHead(status, { 'content-type': 'application/json' });
          response.end(body);
        },
        (error: unknown) => {
          response.writeHead(502, { 'content-type': 'text/plain' });
          response.end(String(error));
        },
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Passes each request on to `target` (stripe-mock) unchanged, so the recorder sees what Stripe answered. */
function forwardTo(target: string): Answer {
  const hopByHop = new Set(['host', 'connection', 'content-length', 'keep-alive', 'transfer-encoding']);
  return async ({ method, url, headers, body }) => {
    const forwarded = Object.entries(headers).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && !hopByHop.has(entry[0]));
    const response = await fetch(`${target}${url}`, { method, headers: forwarded, body: method === 'GET' ? undefined : body });
    return { status: response.status, body: await response.text() };
  };
}

describe('Stripe gateway', () => {
  describe('against stripe-mock', () => {
    let recorder: Recorder;

    beforeAll(async () => {
      recorder = await startRecorder(forwardTo(testServiceAddresses().stripeApiUrl));
    });

    afterAll(async () => {
      await recorder.stop();
    });

    it('creates a PaymentIntent that Stripe echoes with the amount and the currency in lower case', async () => {
      const gateway = createStripeGateway({ secretKey, apiUrl: recorder.url });
      const intent = await gateway.createPaymentIntent({
        amount: 4_250,
        currency: 'EUR',
        metadata: { bookingId: 'bkg_1' },
        idempotencyKey: 'test-pi-create-1',
        description: 'Deposit for booking bkg_1',
      });

      expect(intent.id).toMatch(/^pi_/);
      expect(intent.clientSecret).toEqual(expect.stringContaining('_secret_'));
      const exchange = recorder.exchanges.at(-1)!;
      expect({ method: exchange.method, url: exchange.url, status: exchange.status }).toEqual({ method: 'POST', url: '/v1/payment_intents', status: 200 });
      const echoed = JSON.parse(exchange.responseBody) as { id: string; amount: number; currency: string; client_secret: string };
      expect({ amount: echoed.amount, currency: echoed.currency }).toEqual({ amount: 4_250, currency: 'eur' });
      expect(intent).toEqual({ id: echoed.id, clientSecret: echoed.client_secret });
    });

    it('holds a security deposit on a saved card: a manual-capture PaymentIntent confirmed off-session, then captured in part or released, each with its idempotency key', async () => {
      const gateway = createStripeGateway({ secretKey, apiUrl: recorder.url });
      const held = await gateway.holdOnSavedCard({ customerId: 'cus_guest', paymentMethodId: 'pm_card_visa', amount: 30_000, currency: 'EUR', metadata: { bookingId: 'bk_1' }, idempotencyKey: 'security-deposit-hold:bk_1', description: 'Security deposit for bk_1' });
      // stripe-mock's charge does not say when the authorisation lapses (real Stripe sends capture_before).
      expect(held).toEqual({ outcome: 'held', paymentIntentId: expect.stringMatching(/^pi_/), status: expect.any(String), captureBefore: null });
      const holding = recorder.exchanges.at(-1)!;
      const sent = new URLSearchParams(holding.requestBody);
      expect({ url: holding.url, status: holding.status, key: holding.headers['idempotency-key'] }).toEqual({ url: '/v1/payment_intents', status: 200, key: 'security-deposit-hold:bk_1' });
      expect(Object.fromEntries(['amount', 'currency', 'customer', 'payment_method', 'capture_method', 'off_session', 'confirm'].map((name) => [name, sent.get(name)]))).toEqual({
        amount: '30000',
        currency: 'eur',
        customer: 'cus_guest',
        payment_method: 'pm_card_visa',
        capture_method: 'manual',
        off_session: 'true',
        confirm: 'true',
      });
      // An extended authorisation where the card allows it, and the charge that says when it lapses.
      expect([sent.get('payment_method_options[card][request_extended_authorization]'), sent.get('expand[0]')]).toEqual(['if_available', 'latest_charge']);

      const intentId = held.outcome === 'held' ? held.paymentIntentId : '';
      expect(await gateway.captureHold({ paymentIntentId: intentId, amount: 12_000, idempotencyKey: 'security-deposit-capture:bk_1' })).toEqual({ outcome: 'captured', id: intentId, status: expect.any(String) });
      const capturing = recorder.exchanges.at(-1)!;
      expect({ url: capturing.url, status: capturing.status, key: capturing.headers['idempotency-key'], amount: new URLSearchParams(capturing.requestBody).get('amount_to_capture') }).toEqual({
        url: `/v1/payment_intents/${intentId}/capture`,
        status: 200,
        key: 'security-deposit-capture:bk_1',
        amount: '12000',
      });

      expect(await gateway.releaseHold({ paymentIntentId: intentId, idempotencyKey: 'security-deposit-release:bk_1' })).toEqual({ id: intentId, status: expect.any(String) });
      const releasing = recorder.exchanges.at(-1)!;
      expect({ url: releasing.url, status: releasing.status, key: releasing.headers['idempotency-key'] }).toEqual({ url: `/v1/payment_intents/${intentId}/cancel`, status: 200, key: 'security-deposit-release:bk_1' });
    });

    it('refunds part of a PaymentIntent', async () => {
      const gateway = createStripeGateway({ secretKey, apiUrl: testServiceAddresses().stripeApiUrl });
      const refund = await gateway.refund({ paymentIntentId: 'pi_123', amount: 500, idempotencyKey: 'test-refund-1', metadata: { bookingId: 'bkg_1' } });

      expect(refund.id).toMatch(/^re_/);
      expect(refund.amount).toBe(500);
    });
  });

  describe('webhook verification', () => {
    const gateway = createStripeGateway({ secretKey });
    const secret = 'whsec_test_gateway';
    const payload = JSON.stringify({
      id: 'evt_test_1',
      object: 'event',
      type: 'payment_intent.succeeded',
      data: { object: { id: 'pi_test_1', object: 'payment_intent', amount: 4_250, currency: 'eur' } },
    });

    it('accepts a correctly signed payload and returns the event', () => {
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
      const event = gateway.verifyWebhook(payload, header, secret);

      expect(event).toEqual({
        id: 'evt_test_1',
        type: 'payment_intent.succeeded',
        data: { object: { id: 'pi_test_1', object: 'payment_intent', amount: 4_250, currency: 'eur' } },
      });
    });

    it('rejects a tampered payload', () => {
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret });
      const tampered = payload.replace('4250', '1');

      expect(tampered).not.toBe(payload);
      expect(() => gateway.verifyWebhook(tampered, header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    });

    it('rejects a payload signed with another secret', () => {
      const header = Stripe.webhooks.generateTestHeaderString({ payload, secret: 'whsec_someone_else' });

      expect(() => gateway.verifyWebhook(payload, header, secret)).toThrow(Stripe.errors.StripeSignatureVerificationError);
    });
  });

  it('reports a card Stripe declines off-session as a declined hold, with the intent, the decline code and the message', async () => {
    const declined = { error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.', payment_intent: { id: 'pi_declined', object: 'payment_intent', status: 'requires_payment_method' } } };
    const recorder = await startRecorder(async () => ({ status: 402, body: JSON.stringify(declined) }));
    try {
      const gateway = createStripeGateway({ secretKey, apiUrl: recorder.url });
      const outcome = await gateway.holdOnSavedCard({ customerId: 'cus_1', paymentMethodId: 'pm_1', amount: 5_000, currency: 'EUR', metadata: {}, idempotencyKey: 'security-deposit-hold:bk_2', description: 'Security deposit for bk_2' });
      expect(outcome).toEqual({ outcome: 'declined', paymentIntentId: 'pi_declined', failureCode: 'insufficient_funds', failureMessage: 'Your card has insufficient funds.' });
      // A decline is an answer, not a failure to retry: Stripe was asked once.
      expect(recorder.exchanges).toHaveLength(1);
    } finally {
      await recorder.stop();
    }
  });

  it('reports an intent that no longer waits for capture (a lapsed authorisation) as not capturable, and releasing it as done', async () => {
    const unexpected = { error: { type: 'invalid_request_error', code: 'payment_intent_unexpected_state', message: 'This PaymentIntent could not be captured because it has a status of canceled.', payment_intent: { id: 'pi_lapsed', object: 'payment_intent', status: 'canceled' } } };
    const recorder = await startRecorder(async () => ({ status: 400, body: JSON.stringify(unexpected) }));
    try {
      const gateway = createStripeGateway({ secretKey, apiUrl: recorder.url });
      expect(await gateway.captureHold({ paymentIntentId: 'pi_lapsed', amount: 1_000, idempotencyKey: 'security-deposit-capture:bk_3' })).toEqual({ outcome: 'not_capturable', id: 'pi_lapsed', status: 'canceled' });
      expect(await gateway.releaseHold({ paymentIntentId: 'pi_lapsed', idempotencyKey: 'security-deposit-release:bk_3' })).toEqual({ id: 'pi_lapsed', status: 'canceled' });
    } finally {
      await recorder.stop();
    }
  });

  it('sends the idempotency key of every call to Stripe', async () => {
    const canned: Record<string, object> = {
      '/v1/payment_intents': { id: 'pi_recorded', object: 'payment_intent', amount: 1_000, currency: 'usd', client_secret: 'pi_recorded_secret_x' },
      '/v1/refunds': { id: 're_recorded', object: 'refund', amount: 300, status: 'pending' },
    };
    const recorder = await startRecorder(async ({ url }) => ({ status: 200, body: JSON.stringify(canned[url] ?? {}) }));
    try {
      const gateway = createStripeGateway({ secretKey, apiUrl: recorder.url });
      const intent = await gateway.createPaymentIntent({ amount: 1_000, currency: 'USD', metadata: {}, idempotencyKey: 'booking-42-deposit' });
      const refund = await gateway.refund({ paymentIntentId: intent.id, amount: 300, idempotencyKey: 'booking-42-refund-1' });

      expect(intent).toEqual({ id: 'pi_recorded', clientSecret: 'pi_recorded_secret_x' });
      expect(refund).toEqual({ id: 're_recorded', amount: 300, status: 'pending' });
      expect(recorder.exchanges.map((e) => [e.url, e.headers['idempotency-key']])).toEqual([
        ['/v1/payment_intents', 'booking-42-deposit'],
        ['/v1/refunds', 'booking-42-refund-1'],
      ]);
      expect(new URLSearchParams(recorder.exchanges[0]!.requestBody).get('currency')).toBe('usd');
    } finally {
      await recorder.stop();
    }
  });
});
