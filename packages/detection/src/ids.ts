import { hash } from 'node:crypto';

/**
 * A deterministic id: `prefix` and the first 24 hex digits of the SHA-256 of the parts. The same
 * parts always give the same id, so a replayed output is recognisable downstream. Parts are
 * joined with a separator that cannot occur in a JSON-encoded string, so ("a|b", "c") and
 * ("a", "b|c") differ. Pure.
 */
export function deterministicId(prefix: string, ...parts: readonly (string | number)[]): string {
  // The one-shot hash: a Hash object per id was a measurable part of every signal and record.
  const digest = hash('sha256', parts.map((part) => JSON.stringify(part)).join('\u0000'), 'hex');
  return `${prefix}-${digest.slice(0, 24)}`;
}
