import { randomBytes } from 'node:crypto';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import { describe, expect, test } from 'vitest';
import { readSigningKeys } from '../src/signing-config.ts';
import { parseWebhookSecret, signatureHeaders } from '../src/webhook-signing.ts';

const secret = (bytes = 32) => `whsec_${randomBytes(bytes).toString('base64')}`;
const keyOf = (text: string) => {
  const parsed = parseWebhookSecret(text);
  if (!('key' in parsed)) throw new Error(parsed.problem);
  return parsed.key;
};

describe('Standard Webhooks signatures', () => {
  const body = JSON.stringify({ alertId: 'a-1', summary: 'Usage fell 62 %' });

  test('verify with the reference library, and fail it when the body or the secret differ', () => {
    const current = secret();
    const headers = signatureHeaders('evt-1/cs', Math.floor(Date.now() / 1000), body, [keyOf(current)]);
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow(WebhookVerificationError);
    expect(() => new Webhook(secret()).verify(body, headers)).toThrow(WebhookVerificationError);
  });

  test('with two active secrets, a receiver holding either one verifies: rotation without downtime', () => {
    const [old, next] = [secret(), secret(48)];
    const headers = signatureHeaders('evt-2/cs', Math.floor(Date.now() / 1000), body, [keyOf(old), keyOf(next)]);
    expect(headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(new Webhook(old).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(next).verify(body, headers)).toEqual(JSON.parse(body));
  });

  test('a stale timestamp is refused by the receiver (replay protection)', () => {
    const current = secret();
    const headers = signatureHeaders('evt-3/cs', Math.floor(Date.now() / 1000) - 3600, body, [keyOf(current)]);
    expect(() => new Webhook(current).verify(body, headers)).toThrow(/timestamp too old/i);
  });

  test('malformed secrets are named with their route and position, never printed', () => {
    const good = secret();
    const { keys, issues } = readSigningKeys({ notifierSigningSecrets: JSON.stringify({ cs: [good, 'whsec_c2hvcnQ=', 'plain'], nobody: [good] }) }, [
      { name: 'cs', channel: 'webhook', url: 'https://x', headers: {}, match: { minSeverity: 'info' } },
    ]);
    expect(keys.cs).toHaveLength(1);
    expect(issues).toEqual([
      'CHURNWATCH_NOTIFIER_SIGNING_SECRETS.cs.1: must hold 24 to 64 bytes (has 5)',
      'CHURNWATCH_NOTIFIER_SIGNING_SECRETS.cs.2: must start with whsec_',
      'CHURNWATCH_NOTIFIER_SIGNING_SECRETS.nobody: no route has this name',
    ]);
    expect(issues.join(' ')).not.toContain(good);
  });
});
