import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { AccountPageConfig } from './config.ts';

export const TOKEN_COOKIE = 'churnwatch_account_token';

/** Who is signed in; or, when no one is, how to sign in: through the company proxy or with the token. */
export type AuthDecision =
  | { readonly ok: true; readonly user: string; readonly setCookie?: string }
  | { readonly ok: false; readonly reason: 'proxy' | 'token' };

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal lengths, so the comparison takes the same time whatever was sent.
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function cookieValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  for (const part of (headers.cookie ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return undefined;
}

/**
 * Who may see a page: the user a trusted reverse proxy names in its header, or anyone who shows the
 * token (bearer header, the cookie, or once as `?token=`, which then sets the cookie). Pure.
 */
export function authorize(headers: IncomingHttpHeaders, queryToken: string | null, auth: AccountPageConfig['auth']): AuthDecision {
  if (auth.trustedHeader) {
    const user = headers[auth.trustedHeader];
    if (typeof user === 'string' && user.trim() !== '') return { ok: true, user: user.trim() };
  }
  if (auth.token) {
    const bearer = /^Bearer (.+)$/.exec(headers.authorization ?? '')?.[1];
    if (bearer !== undefined && sameSecret(bearer, auth.token)) return { ok: true, user: 'token' };
    const cookie = cookieValue(headers, TOKEN_COOKIE);
    if (cookie !== undefined && sameSecret(cookie, auth.token)) return { ok: true, user: 'token' };
    if (queryToken !== null && sameSecret(queryToken, auth.token))
      return { ok: true, user: 'token', setCookie: `${TOKEN_COOKIE}=${encodeURIComponent(queryToken)}; HttpOnly; SameSite=Lax; Path=/` };
  }
  return { ok: false, reason: auth.trustedHeader && !auth.token ? 'proxy' : 'token' };
}
