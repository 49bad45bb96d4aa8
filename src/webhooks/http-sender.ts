import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { resolveTarget, type EgressPolicy, type Resolver } from './ssrf-guard';

/** One webhook request to send. */
export interface WebhookRequest {
  url: string;
  method: 'POST' | 'PUT' | 'PATCH';
  headers: Record<string, string>;
  body: string;
}

/** How to reach the receiver and how long and how much to listen for. */
export interface WebhookSendOptions {
  resolver: Resolver;
  policy: EgressPolicy;
  /** Budget for the whole exchange (connect, send, response); default 10 s. */
  timeoutMs?: number;
  /** At most this much of the response body is read; default 64 KiB. */
  maxResponseBytes?: number;
}

/** What the receiver answered; `latencyMs` covers the whole exchange, `address` is the IP actually contacted. */
export interface WebhookResponse {
  statusCode: number;
  latencyMs: number;
  responseExcerpt: string;
  address: string;
}

const RESPONSE_EXCERPT_CHARS = 1000;

/** A `lookup` for node:net that answers every query with the one address the guard approved. */
function pinnedLookup(address: string, family: 4 | 6): LookupFunction {
  return (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

/**
 * Makes one bounded delivery attempt: refuses forbidden targets before any socket exists, connects only to the
 * address the guard approved, never follows redirects, and gives up after `timeoutMs`. Rejects with
 * WebhookTargetRefused, a network error, or 'timed out after N ms'.
 */
export async function sendWebhookRequest(input: WebhookRequest, opts: WebhookSendOptions): Promise<WebhookResponse> {
  const target = await resolveTarget(input.url, opts);
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxResponseBytes = opts.maxResponseBytes ?? 64 * 1024;
  const send = target.url.protocol === 'https:' ? https.request : http.request;
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const request = send(target.url, {
      method: input.method,
      headers: { ...input.headers, 'content-type': 'application/json', 'user-agent': 'Bizing-Webhooks/1' },
      lookup: pinnedLookup(target.address, target.family),
      agent: false, // a fresh connection each time: no pooled socket to an address resolved earlier
    });
    let settled = false;
    const settle = (outcome: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      outcome();
    };
    const fail = (error: Error) => settle(() => reject(error));
    const timer = setTimeout(() => fail(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);

    request.on('error', fail);
    request.on('response', (response) => {
      const chunks: Buffer[] = [];
      let received = 0;
      const finish = () =>
        settle(() =>
          resolve({
            statusCode: response.statusCode ?? 0,
            latencyMs: Math.round(performance.now() - started),
            responseExcerpt: Buffer.concat(chunks).subarray(0, maxResponseBytes).toString('utf8').slice(0, RESPONSE_EXCERPT_CHARS),
            address: target.address,
          }),
        );
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        received += chunk.length;
        if (received >= maxResponseBytes) finish();
      });
      response.on('end', finish);
      response.on('error', fail);
    });
    request.end(input.body);
  });
}
