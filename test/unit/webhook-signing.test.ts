import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { newWebhookSecret, signWebhook } from '../../src/webhooks/signing';

const payload = JSON.stringify({ type: 'booking.confirmed', data: { bookingId: 'bkg_123' } });

describe('newWebhookSecret', () => {
  it('makes a whsec_ secret of 32 random bytes, different each call', () => {
    const first = newWebhookSecret();
    const second = newWebhookSecret();
    expect(first).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(first.slice('whsec_'.length), 'base64')).toHaveLength(32);
    expect(second).not.toBe(first);
  });
});

describe('signWebhook', () => {
  const secretA = newWebhookSecret();
  const secretB = newWebhookSecret();
  const timestamp = new Date();
  const headers = signWebhook({ msgId: 'msg_1', timestamp, payload, secrets: [secretA, secretB] });

  it('sends the message id, the unix timestamp and one v1 signature per secret', () => {
    expect(headers['webhook-id']).toBe('msg_1');
    expect(headers['webhook-timestamp']).toBe(String(Math.floor(timestamp.getTime() / 1000)));
    expect(headers['webhook-signature']!.split(' ')).toEqual([expect.stringMatching(/^v1,\S+$/), expect.stringMatching(/^v1,\S+$/)]);
  });

  it('verifies with either secret during a rotation overlap', () => {
    expect(new Webhook(secretA).verify(payload, headers)).toEqual(JSON.parse(payload));
    expect(new Webhook(secretB).verify(payload, headers)).toEqual(JSON.parse(payload));
  });

  it('does not verify a tampered payload or with another secret', () => {
    const tampered = payload.replace('bkg_123', 'bkg_999');
    expect(() => new Webhook(secretA).verify(tampered, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(newWebhookSecret()).verify(payload, headers)).toThrow(WebhookVerificationError);
  });

  it('needs at least one secret', () => {
    expect(() => signWebhook({ msgId: 'msg_1', timestamp, payload, secrets: [] })).toThrow('at least one secret');
  });
});
