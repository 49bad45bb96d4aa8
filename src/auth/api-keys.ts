import { createHash, randomBytes } from 'node:crypto';

/** API keys start with this prefix, so a leaked key is easy to recognise and to scan for. */
export const API_KEY_PREFIX = 'bzk_';

/** A fresh API key: the secret is shown once; only its SHA-256 hash and a short prefix are stored. */
export function generateApiKey(): { secret: string; keyPrefix: string; keyHash: string } {
  const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, keyPrefix: secret.slice(0, 12), keyHash: hashApiKey(secret) };
}

/** The stored form of an API key. A fast hash is enough: the key has 256 bits of randomness. */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
