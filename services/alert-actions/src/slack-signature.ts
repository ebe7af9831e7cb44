import { createHmac, timingSafeEqual } from 'node:crypto';

export type SlackVerification = { readonly ok: true } | { readonly ok: false; readonly reason: 'missing_headers' | 'stale_timestamp' | 'bad_signature' };

export interface SlackRequestParts {
  /** X-Slack-Request-Timestamp: seconds since the epoch. */
  readonly timestamp: string | undefined;
  /** X-Slack-Signature: `v0=` and the hex HMAC. */
  readonly signature: string | undefined;
  /** The body exactly as received; Slack signs these bytes. */
  readonly rawBody: string;
}

/**
 * Slack's signing-secret scheme: `v0=` + hex(HMAC-SHA256(secret, "v0:<timestamp>:<raw body>")).
 * A request whose timestamp is further than `windowSeconds` from `nowMs` (either way) is refused
 * before its signature is checked, so a captured request cannot be replayed later. The comparison
 * takes constant time. Pure.
 */
export function verifySlackRequest(parts: SlackRequestParts, signingSecret: string, nowMs: number, windowSeconds: number): SlackVerification {
  const { timestamp, signature, rawBody } = parts;
  if (timestamp === undefined || signature === undefined || !/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'missing_headers' };
  if (Math.abs(nowMs / 1000 - Number(timestamp)) > windowSeconds) return { ok: false, reason: 'stale_timestamp' };
  const expected = Buffer.from(`v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`);
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}
