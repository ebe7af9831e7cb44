import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** How long a rendered form's token stays good: a working day with the page left open. */
export const CSRF_TOKEN_LIFETIME_MS = 12 * 3_600_000;

export interface CsrfTokens {
  /** A token for forms shown to `user` at `nowMs`. */
  issue(user: string, nowMs: number): string;
  /** Whether `token` was issued to `user` by this secret and is still good at `nowMs`. */
  check(user: string, token: string | null, nowMs: number): boolean;
}

/**
 * Anti-forgery tokens for the page's forms (the signed, stateless form of the synchronizer-token
 * pattern): `<issued ms>.<HMAC-SHA256(secret, user, issued ms)>`. Another site can make a signed-in
 * browser post a form, but it cannot read the page, so it cannot learn a token; a token is bound to
 * its user and expires. Pure apart from the HMAC.
 */
export function createCsrfTokens(secret: string | Buffer): CsrfTokens {
  const mac = (user: string, issuedMs: number) => createHmac('sha256', secret).update(`${user}\n${issuedMs}`).digest('base64url');
  return {
    issue: (user, nowMs) => `${nowMs}.${mac(user, nowMs)}`,
    check: (user, token, nowMs) => {
      const match = /^(\d{1,15})\.([A-Za-z0-9_-]{43})$/.exec(token ?? '');
      if (!match) return false;
      const issuedMs = Number(match[1]);
      if (nowMs - issuedMs > CSRF_TOKEN_LIFETIME_MS || issuedMs - nowMs > 60_000) return false;
      return timingSafeEqual(Buffer.from(match[2]!), Buffer.from(mac(user, issuedMs)));
    },
  };
}

/**
 * Whether a state-changing request comes from this site, as far as the browser says: a
 * cross-site `Sec-Fetch-Site`, or an `Origin` whose host is not the one asked, is refused. A
 * request with neither header (not a current browser) must still carry a valid token.
 */
export function fromSameSite(headers: IncomingHttpHeaders): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === (headers['x-forwarded-host'] ?? headers.host);
  } catch {
    return false;
  }
}
