import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deterministicId } from './ids.ts';

describe('deterministicId', () => {
  it('is the prefix and the first 24 hex digits of the SHA-256 of the JSON-encoded parts joined by NUL', () => {
    const parts = ['cust-00001', 'usage', 7] as const;
    const expected = createHash('sha256').update('"cust-00001"\u0000"usage"\u00007').digest('hex').slice(0, 24);
    expect(deterministicId('sig', ...parts)).toBe(`sig-${expected}`);
  });

  it('tells apart parts that join to the same text', () => {
    expect(deterministicId('x', 'a|b', 'c')).not.toBe(deterministicId('x', 'a', 'b|c'));
    expect(deterministicId('x', 'ab')).not.toBe(deterministicId('x', 'a', 'b'));
  });
});
