import { translator } from '@churnwatch/alert-format';
import { describe, expect, it } from 'vitest';
import { atRiskView } from './at-risk-view.ts';
import { authorize, TOKEN_COOKIE } from './auth.ts';
import { loadAccountPageConfig } from './config.ts';

const token = 'sixteen-chars-or-more';

describe('account page authentication', () => {
  it('lets in a bearer token, the cookie, or the token once in the address (then sets the cookie)', () => {
    expect(authorize({ authorization: `Bearer ${token}` }, null, { token })).toEqual({ ok: true, user: 'token' });
    expect(authorize({ cookie: `a=b; ${TOKEN_COOKIE}=${token}` }, null, { token })).toEqual({ ok: true, user: 'token' });
    expect(authorize({}, token, { token })).toMatchObject({ ok: true, setCookie: expect.stringContaining('HttpOnly') });
    expect(authorize({ authorization: 'Bearer nope' }, 'nope', { token })).toMatchObject({ ok: false });
  });

  it('trusts the reverse proxy’s header only when configured, and only when it names someone', () => {
    const auth = { trustedHeader: 'x-forwarded-user' };
    expect(authorize({ 'x-forwarded-user': 'elin' }, null, auth)).toEqual({ ok: true, user: 'elin' });
    expect(authorize({ 'x-forwarded-user': ' ' }, null, auth)).toMatchObject({ ok: false });
    expect(authorize({ 'x-forwarded-user': 'elin' }, null, { token })).toMatchObject({ ok: false });
  });

  it('refuses to start without either way to authenticate, naming both variables and every other bad one', () => {
    expect(() => loadAccountPageConfig({ CHURNWATCH_DATABASE_URL: 'postgres://u@h/db' })).toThrow(
      /CHURNWATCH_ACCOUNT_PAGE_TOKEN or CHURNWATCH_ACCOUNT_PAGE_TRUSTED_HEADER/,
    );
    expect(() => loadAccountPageConfig({ CHURNWATCH_DATABASE_URL: 'mysql://x', CHURNWATCH_ACCOUNT_PAGE_TOKEN: 'short' })).toThrow(
      /CHURNWATCH_DATABASE_URL[\s\S]*CHURNWATCH_ACCOUNT_PAGE_TOKEN/,
    );
  });

  it('sends actions only with both the alert-actions address and its token, naming what is missing', () => {
    const base = { CHURNWATCH_DATABASE_URL: 'postgres://u@h/db', CHURNWATCH_ACCOUNT_PAGE_TOKEN: token };
    expect(loadAccountPageConfig(base).actions).toBeUndefined();
    expect(
      loadAccountPageConfig({ ...base, CHURNWATCH_ALERT_ACTIONS_URL: 'http://alert-actions:8087', CHURNWATCH_ALERT_ACTIONS_TOKEN: 'api-token' }).actions,
    ).toEqual({ url: 'http://alert-actions:8087', token: 'api-token' });
    expect(() => loadAccountPageConfig({ ...base, CHURNWATCH_ALERT_ACTIONS_URL: 'http://alert-actions:8087' })).toThrow(
      /CHURNWATCH_ALERT_ACTIONS_TOKEN or CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: required with CHURNWATCH_ALERT_ACTIONS_URL/,
    );
    expect(() => loadAccountPageConfig({ ...base, CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET: 'short' })).toThrow(/CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET/);
  });

  it('escapes what the database holds', () => {
    const row = {
      customer_id: '<script>x</script>',
      name: null,
      owner_name: 'O"Brien',
      segment: 'smb',
      score: '40',
      band: 'at_risk',
      value_at_risk: '10',
      value_at_risk_currency: 'EUR',
      open_alerts: 1,
      renewal_date: null,
    };
    const page = atRiskView([row], {}, ['O"Brien'], ['smb'], translator('en')).html;
    expect(page).not.toContain('<script>');
    expect(page).toContain('&lt;script&gt;x&lt;/script&gt;');
    expect(page).toContain('value="O&quot;Brien"');
    // A right-to-left override in a customer's name is shown, not obeyed.
    const reversed = atRiskView([{ ...row, name: 'Nordwind \u202Egpj.exe' }], {}, [], [], translator('en')).html;
    expect(reversed).toContain('Nordwind [U+202E]gpj.exe');
    expect(reversed).not.toContain('\u202E');
  });
});
