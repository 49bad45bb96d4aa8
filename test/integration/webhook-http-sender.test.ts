import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { sendWebhookRequest } from '../../src/webhooks/http-sender';
import { newWebhookSecret, signWebhook } from '../../src/webhooks/signing';
import { defaultEgressPolicy, WebhookTargetRefused, type Resolver } from '../../src/webhooks/ssrf-guard';

// Everything here talks to servers on loopback only (127.0.0.1, and 127.0.0.2 for the pinning test); DNS is a fake.

interface ReceivedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

interface Receiver {
  server: http.Server;
  baseUrl: string;
  received: ReceivedRequest[];
}

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;

async function startReceiver(handle: Handler, host = '127.0.0.1'): Promise<Receiver> {
  const received: ReceivedRequest[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({ method: request.method!, url: request.url!, headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
      handle(request, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://${host}:${port}`, received };
}

async function stopReceiver({ server }: Receiver): Promise<void> {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const slowResponseMs = 2_000;
const oneMebibyte = Buffer.alloc(1024 * 1024, 'x');

let receiver: Receiver;
let redirectTarget: Receiver;
let pinnedReceiver: Receiver;

const routes: Record<string, Handler> = {
  '/hook': (_request, response) => {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"ok":true}');
  },
  '/redirect': (_request, response) => {
    response.writeHead(302, { location: `${redirectTarget.baseUrl}/moved` });
    response.end();
  },
  '/slow': (_request, response) => {
    const timer = setTimeout(() => response.end('late'), slowResponseMs);
    response.on('close', () => clearTimeout(timer));
  },
  '/huge': (_request, response) => {
    // 1 MiB and then the response stays open: only the sender's byte limit ends the exchange.
    response.writeHead(200, { 'content-type': 'text/plain' });
    response.write(oneMebibyte);
  },
};

/** A resolver that must not be consulted: every URL in these tests but one is an IP literal. */
const unusedResolver = jest.fn<ReturnType<Resolver>, Parameters<Resolver>>(async (hostname) => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
});
const loopbackAllowed = { allowHosts: ['127.0.0.1'] };
const payload = JSON.stringify({ type: 'booking.confirmed', data: { bookingId: 'bkg_42' } });

beforeAll(async () => {
  receiver = await startReceiver((request, response) => routes[request.url!]!(request, response));
  redirectTarget = await startReceiver((_request, response) => response.end('should not be reached'));
  pinnedReceiver = await startReceiver((_request, response) => response.end('pinned'), '127.0.0.2');
});

afterAll(async () => {
  await Promise.all([stopReceiver(receiver), stopReceiver(redirectTarget), stopReceiver(pinnedReceiver)]);
});

beforeEach(() => {
  receiver.received.length = 0;
  redirectTarget.received.length = 0;
  pinnedReceiver.received.length = 0;
  unusedResolver.mockClear();
});

describe('sendWebhookRequest', () => {
  it('delivers the body and Standard Webhooks headers the receiver can verify', async () => {
    const secret = newWebhookSecret();
    const headers = signWebhook({ msgId: 'msg_delivery', timestamp: new Date(), payload, secrets: [secret] });

    const result = await sendWebhookRequest({ url: `${receiver.baseUrl}/hook`, method: 'POST', headers, body: payload }, { resolver: unusedResolver, policy: loopbackAllowed, timeoutMs: 5_000 });

    expect(result).toEqual({ statusCode: 200, latencyMs: expect.any(Number), responseExcerpt: '{"ok":true}', address: '127.0.0.1' });
    expect(receiver.received).toHaveLength(1);
    const [delivered] = receiver.received;
    expect(delivered).toMatchObject({ method: 'POST', url: '/hook', body: payload });
    expect(delivered!.headers).toMatchObject({ 'content-type': 'application/json', 'user-agent': 'Bizing-Webhooks/1', ...headers });
    const receivedHeaders = {
      'webhook-id': String(delivered!.headers['webhook-id']),
      'webhook-timestamp': String(delivered!.headers['webhook-timestamp']),
      'webhook-signature': String(delivered!.headers['webhook-signature']),
    };
    expect(new Webhook(secret).verify(delivered!.body, receivedHeaders)).toEqual(JSON.parse(payload));
    expect(unusedResolver).not.toHaveBeenCalled();
  }, 10_000);

  it('connects to the resolved address only, keeping the hostname in the Host header', async () => {
    // The system maps localhost to 127.0.0.1, where nothing listens on this port; only the pinned 127.0.0.2 answers.
    const port = new URL(pinnedReceiver.baseUrl).port;
    const resolver = jest.fn<ReturnType<Resolver>, Parameters<Resolver>>(async () => [{ address: '127.0.0.2', family: 4 }]);

    const result = await sendWebhookRequest(
      { url: `http://localhost:${port}/hook`, method: 'PUT', headers: {}, body: payload },
      { resolver, policy: { allowHosts: ['localhost'] }, timeoutMs: 5_000 },
    );

    expect(result).toMatchObject({ statusCode: 200, address: '127.0.0.2', responseExcerpt: 'pinned' });
    expect(resolver).toHaveBeenCalledWith('localhost');
    expect(pinnedReceiver.received).toEqual([expect.objectContaining({ method: 'PUT', headers: expect.objectContaining({ host: `localhost:${port}` }) })]);
  }, 10_000);

  it('returns a redirect as its status code without following it', async () => {
    const result = await sendWebhookRequest({ url: `${receiver.baseUrl}/redirect`, method: 'POST', headers: {}, body: payload }, { resolver: unusedResolver, policy: loopbackAllowed, timeoutMs: 5_000 });

    expect(result.statusCode).toBe(302);
    expect(receiver.received).toHaveLength(1);
    expect(redirectTarget.received).toHaveLength(0);
  }, 10_000);

  it('gives up on a slow receiver after the timeout', async () => {
    const started = Date.now();

    await expect(
      sendWebhookRequest({ url: `${receiver.baseUrl}/slow`, method: 'POST', headers: {}, body: payload }, { resolver: unusedResolver, policy: loopbackAllowed, timeoutMs: 300 }),
    ).rejects.toThrow('timed out after 300 ms');
    expect(Date.now() - started).toBeLessThan(slowResponseMs);
  }, 10_000);

  it('reads no more than the byte limit of a huge response and returns an excerpt', async () => {
    const started = Date.now();

    const result = await sendWebhookRequest(
      { url: `${receiver.baseUrl}/huge`, method: 'PATCH', headers: {}, body: payload },
      { resolver: unusedResolver, policy: loopbackAllowed, timeoutMs: 5_000, maxResponseBytes: 1024 },
    );

    expect(result.statusCode).toBe(200);
    expect(result.responseExcerpt).toBe('x'.repeat(1000));
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 10_000);

  it('refuses loopback without the allow-list before sending anything', async () => {
    const refusal = sendWebhookRequest({ url: `${receiver.baseUrl}/hook`, method: 'POST', headers: {}, body: payload }, { resolver: unusedResolver, policy: defaultEgressPolicy, timeoutMs: 5_000 });

    await expect(refusal).rejects.toThrow(WebhookTargetRefused);
    await expect(refusal).rejects.toThrow('refused: 127.0.0.1 is a loopback address (127.0.0.0/8)');
    expect(receiver.received).toHaveLength(0);
    expect(unusedResolver).not.toHaveBeenCalled();
  }, 10_000);
});
