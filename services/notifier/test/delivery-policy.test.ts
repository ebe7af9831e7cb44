import { describe, expect, test } from 'vitest';
import { backoffDelayMs, classifyStatus, retryAfterMs } from '../src/delivery-policy.ts';

describe('delivery policy', () => {
  test('2xx is delivered; 408, 425, 429 and 5xx are retried; other statuses are rejections', () => {
    expect([200, 202, 204].map((status) => classifyStatus(status).kind)).toEqual(['delivered', 'delivered', 'delivered']);
    expect([408, 425, 429, 500, 503].map((status) => classifyStatus(status).kind)).toEqual(['retry', 'retry', 'retry', 'retry', 'retry']);
    expect([301, 400, 401, 404, 410].map((status) => classifyStatus(status).kind)).toEqual(['rejected', 'rejected', 'rejected', 'rejected', 'rejected']);
  });

  test('backoff doubles from the initial delay, is capped, and jitter only spreads the upper half', () => {
    const settings = { initialDelayMs: 500, maxDelayMs: 30_000 };
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, settings, 0))).toEqual([250, 500, 1000, 2000]);
    expect([1, 2, 3, 4].map((attempt) => backoffDelayMs(attempt, settings, 0.999_999))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelayMs(20, settings, 0.5)).toBe(22_500);
  });

  test('Retry-After in seconds or as an HTTP date is honoured up to the maximum delay; anything else is ignored', () => {
    const now = Date.parse('2026-10-21T07:28:00Z');
    expect(retryAfterMs('3', 30_000, now)).toBe(3000);
    expect(retryAfterMs('120', 30_000, now)).toBe(30_000);
    expect(retryAfterMs('Wed, 21 Oct 2026 07:28:07 GMT', 30_000, now)).toBe(7000);
    expect(retryAfterMs('Wed, 21 Oct 2026 09:00:00 GMT', 30_000, now)).toBe(30_000);
    // A date already past: retry at once. The obsolete RFC 850 form is read too.
    expect(retryAfterMs('Wed, 21 Oct 2026 07:00:00 GMT', 30_000, now)).toBe(0);
    expect(retryAfterMs('Wednesday, 21-Oct-26 07:28:05 GMT', 30_000, now)).toBe(5000);
    expect(retryAfterMs('soon', 30_000, now)).toBeUndefined();
    expect(retryAfterMs('-5', 30_000, now)).toBeUndefined();
    expect(retryAfterMs('2026-10-21', 30_000, now)).toBeUndefined();
    expect(retryAfterMs(null, 30_000, now)).toBeUndefined();
  });
});
