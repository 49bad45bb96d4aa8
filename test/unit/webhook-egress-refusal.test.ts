import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { sendWebhookRequest } from '../../src/webhooks/http-sender';
import { WebhookTargetRefused, type Resolver } from '../../src/webhooks/ssrf-guard';

/**
 * The SSRF refusals of spec §4.2 webhooks, end to end through the sender. No connection is ever
 * attempted: every way out of the process (http.request, https.request, net sockets) is replaced by a
 * fake that fails the test, and DNS is a fake too, so even a broken guard could not reach anything.
 */
describe('webhooks to private places are refused before any socket exists', () => {
  const blocked = () => {
    throw new Error('a connection was attempted');
  };
  let spies: jest.SpyInstance[] = [];
  beforeEach(() => {
    spies = [jest.spyOn(http, 'request').mockImplementation(blocked), jest.spyOn(https, 'request').mockImplementation(blocked), jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(blocked)];
  });
  afterEach(() => spies.forEach((spy) => spy.mockRestore()));

  const resolver: jest.MockedFunction<Resolver> = jest.fn(async (hostname: string) => {
    if (hostname === 'intranet.example.com') return [{ address: '10.0.0.7', family: 4 as const }];
    if (hostname === 'mixed.example.com') return [{ address: '203.0.113.10', family: 4 as const }, { address: '192.168.0.5', family: 4 as const }];
    throw new Error(`unexpected lookup of ${hostname}`);
  });

  it.each([
    ['loopback', 'http://127.0.0.1:8080/hook', /127\.0\.0\.1 is a loopback address/],
    ['10/8', 'http://10.1.2.3/hook', /10\.0\.0\.0\/8/],
    ['172.16/12', 'http://172.20.0.1/hook', /172\.16\.0\.0\/12/],
    ['192.168/16', 'https://192.168.1.1/hook', /192\.168\.0\.0\/16/],
    ['the cloud metadata address', 'http://169.254.169.254/latest/meta-data/', /169\.254\.0\.0\/16/],
    ['IPv6 loopback', 'http://[::1]:8080/hook', /::1 is a loopback address/],
    ['a hostname resolving to a private address', 'https://intranet.example.com/hook', /10\.0\.0\.7 .*private/],
    ['a hostname with one private address among public ones', 'https://mixed.example.com/hook', /192\.168\.0\.5/],
  ])('%s', async (_label, url, reason) => {
    const attempt = sendWebhookRequest({ url, method: 'POST', headers: {}, body: '{}' }, { resolver, policy: { allowHosts: [] } });
    await expect(attempt).rejects.toBeInstanceOf(WebhookTargetRefused);
    await expect(attempt).rejects.toThrow(reason);
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});
