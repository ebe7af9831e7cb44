import { describe, expect, test } from 'vitest';
import { eventIdHash } from './event-id-hash.ts';

describe('eventIdHash', () => {
  test('is a non-negative safe integer below 2^53, the same for the same id', () => {
    for (const id of ['', 'a', 'use-cust-0000001-2025-03-01-sessions', 'ü€𝄞']) {
      const hash = eventIdHash(id);
      expect(Number.isSafeInteger(hash)).toBe(true);
      expect(hash).toBeGreaterThanOrEqual(0);
      expect(hash).toBeLessThan(2 ** 53);
      expect(eventIdHash(id)).toBe(hash);
    }
  });

  test('no collision among 1,000,000 ids that differ in one character, in order or in length', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 250_000; i++) {
      seen.add(eventIdHash(`use-cust-${String(i).padStart(7, '0')}-2025-03-01-sessions`));
      seen.add(eventIdHash(`evt-${i}`));
      seen.add(eventIdHash(`${i}-tve`));
      seen.add(eventIdHash(`evt-${i}x`));
    }
    expect(seen.size).toBe(1_000_000);
  });

  test('both halves vary: the high 21 bits spread over their range', () => {
    const highs = new Set<number>();
    for (let i = 0; i < 10_000; i++) highs.add(Math.floor(eventIdHash(`id-${i}`) / 2 ** 32));
    // 10,000 draws from 2^21 values: about 9,976 distinct if uniform.
    expect(highs.size).toBeGreaterThan(9_900);
  });
});
