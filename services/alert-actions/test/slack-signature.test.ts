import { createHmac } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { verifySlackRequest } from '../src/slack-signature.ts';

// The worked example of Slack's "Verifying requests from Slack" page.
const example = {
  secret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body: 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const sentAtMs = Number(example.timestamp) * 1000;

describe('Slack request verification', () => {
  test("accepts Slack's own worked example", () => {
    const parts = { timestamp: example.timestamp, signature: example.signature, rawBody: example.body };
    expect(verifySlackRequest(parts, example.secret, sentAtMs + 10_000, 300)).toEqual({ ok: true });
  });

  test('refuses a changed body, a wrong secret, a missing header and a malformed signature', () => {
    const parts = { timestamp: example.timestamp, signature: example.signature, rawBody: example.body };
    expect(verifySlackRequest({ ...parts, rawBody: `${example.body}&text=hi` }, example.secret, sentAtMs, 300)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackRequest(parts, `${example.secret}x`, sentAtMs, 300)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackRequest({ ...parts, signature: 'v0=abc' }, example.secret, sentAtMs, 300)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifySlackRequest({ ...parts, signature: undefined }, example.secret, sentAtMs, 300)).toEqual({ ok: false, reason: 'missing_headers' });
    expect(verifySlackRequest({ ...parts, timestamp: 'yesterday' }, example.secret, sentAtMs, 300)).toEqual({ ok: false, reason: 'missing_headers' });
  });

  test('refuses a replay outside the window, in either direction, even with a valid signature', () => {
    const parts = { timestamp: example.timestamp, signature: example.signature, rawBody: example.body };
    expect(verifySlackRequest(parts, example.secret, sentAtMs + 300_000, 300).ok).toBe(true);
    expect(verifySlackRequest(parts, example.secret, sentAtMs + 301_000, 300)).toEqual({ ok: false, reason: 'stale_timestamp' });
    expect(verifySlackRequest(parts, example.secret, sentAtMs - 301_000, 300)).toEqual({ ok: false, reason: 'stale_timestamp' });
  });

  test('a signature computed the documented way for another body verifies', () => {
    const body = 'payload=%7B%7D';
    const signature = `v0=${createHmac('sha256', 'secret').update(`v0:1700000000:${body}`).digest('hex')}`;
    expect(verifySlackRequest({ timestamp: '1700000000', signature, rawBody: body }, 'secret', 1_700_000_000_000, 300).ok).toBe(true);
  });
});
