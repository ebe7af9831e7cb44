import { createHmac } from 'node:crypto';

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): the receiver checks
 * `webhook-signature` = `v1,` + base64(HMAC-SHA256(secret, "<webhook-id>.<webhook-timestamp>.<body>")).
 * Several secrets may be active at once: the request then carries one signature per secret,
 * separated by spaces, and a receiver holding any one of them accepts it. That is how a secret is
 * rotated without downtime: add the new one, move the receivers over, drop the old one.
 */

const SECRET_PREFIX = 'whsec_';
/** The spec recommends secrets of 24 to 64 bytes. */
const MIN_SECRET_BYTES = 24;
const MAX_SECRET_BYTES = 64;

/** The key bytes of a `whsec_<base64>` secret, or why it is not one. */
export function parseWebhookSecret(secret: string): { key: Buffer } | { problem: string } {
  if (!secret.startsWith(SECRET_PREFIX)) return { problem: `must start with ${SECRET_PREFIX}` };
  const encoded = secret.slice(SECRET_PREFIX.length);
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) return { problem: `must be ${SECRET_PREFIX} followed by base64` };
  const key = Buffer.from(encoded, 'base64');
  if (key.length < MIN_SECRET_BYTES || key.length > MAX_SECRET_BYTES) {
    return { problem: `must hold ${MIN_SECRET_BYTES} to ${MAX_SECRET_BYTES} bytes (has ${key.length})` };
  }
  return { key };
}

/** The three headers of a signed request. `timestampSeconds` is the send time of this attempt. Pure. */
export function signatureHeaders(id: string, timestampSeconds: number, body: string, keys: readonly Buffer[]): Record<string, string> {
  const signed = `${id}.${timestampSeconds}.${body}`;
  return {
    'webhook-id': id,
    'webhook-timestamp': String(timestampSeconds),
    'webhook-signature': keys.map((key) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`).join(' '),
  };
}
