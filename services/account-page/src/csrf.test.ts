import { describe, expect, it } from 'vitest';
import { CSRF_TOKEN_LIFETIME_MS, createCsrfTokens, fromSameSite } from './csrf.ts';

const NOW_MS = Date.parse('2026-12-02T09:00:00Z');

describe('anti-forgery tokens', () => {
  const tokens = createCsrfTokens('a-secret-of-at-least-thirty-two-characters');

  it('accepts a token issued to the same user while it is good, and nothing else', () => {
    const token = tokens.issue('dana@example.com', NOW_MS);
    expect(tokens.check('dana@example.com', token, NOW_MS + 60_000)).toBe(true);
    expect(tokens.check('mallory@example.com', token, NOW_MS + 60_000)).toBe(false);
    expect(tokens.check('dana@example.com', token, NOW_MS + CSRF_TOKEN_LIFETIME_MS + 1)).toBe(false);
    expect(tokens.check('dana@example.com', null, NOW_MS)).toBe(false);
    expect(tokens.check('dana@example.com', '', NOW_MS)).toBe(false);
    const [issued, mac] = token.split('.');
    expect(tokens.check('dana@example.com', `${Number(issued) + 1}.${mac}`, NOW_MS)).toBe(false);
  });

  it('refuses a token signed with another secret', () => {
    const other = createCsrfTokens('another-secret-of-thirty-two-characters!');
    expect(tokens.check('dana@example.com', other.issue('dana@example.com', NOW_MS), NOW_MS)).toBe(false);
  });
});

describe('same-site check', () => {
  it('lets same-origin and header-less requests through, refuses cross-site ones', () => {
    expect(fromSameSite({ host: 'cs.example.com', origin: 'https://cs.example.com', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(fromSameSite({ host: 'cs.example.com' })).toBe(true);
    expect(fromSameSite({ host: 'cs.example.com', origin: 'https://evil.example.net' })).toBe(false);
    expect(fromSameSite({ host: 'cs.example.com', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(fromSameSite({ host: 'cs.example.com', origin: 'null' })).toBe(false);
  });
});
