import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@churnwatch/errors';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccountPageConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'account-page-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A mounted secret: the value with the newline `kubectl create secret --from-file` keeps. */
function secretFile(name: string, value: string): string {
  const path = join(dir, name);
  writeFileSync(path, `${value}\n`);
  return path;
}

const url = 'postgres://reader:pw-in-file@db:5432/churnwatch';
const token = 'page-token-from-a-file';
const csrf = 'csrf-secret-from-a-file-0123456789abcdef';

function issuesOf(env: Record<string, string>): readonly string[] {
  try {
    loadAccountPageConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('the configuration was accepted');
}

describe('account page secrets from files', () => {
  it('reads the database URL, the sign-in token and the forms’ key from their …_FILE variables, newline dropped', () => {
    const config = loadAccountPageConfig({
      CHURNWATCH_DATABASE_URL_FILE: secretFile('url', url),
      CHURNWATCH_ACCOUNT_PAGE_TOKEN_FILE: secretFile('token', token),
      CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET_FILE: secretFile('csrf', csrf),
    });
    expect(config.databaseUrl).toBe(url);
    expect(config.auth.token).toBe(token);
    expect(config.csrfSecret).toBe(csrf);
  });

  it('reads the alert-actions token from its file', () => {
    const config = loadAccountPageConfig({
      CHURNWATCH_DATABASE_URL: url,
      CHURNWATCH_ACCOUNT_PAGE_TOKEN: token,
      CHURNWATCH_ALERT_ACTIONS_URL: 'http://alert-actions:8087',
      CHURNWATCH_ALERT_ACTIONS_TOKEN_FILE: secretFile('actions-token', 'actions-token-from-a-file'),
    });
    expect(config.actions).toEqual({ url: 'http://alert-actions:8087', token: 'actions-token-from-a-file' });
  });

  it.each(['CHURNWATCH_DATABASE_URL', 'CHURNWATCH_ACCOUNT_PAGE_TOKEN', 'CHURNWATCH_ACCOUNT_PAGE_CSRF_SECRET'])(
    'a missing %s_FILE names the variable and the path, once',
    (variable) => {
      const missing = join(dir, 'not-mounted', variable);
      const env: Record<string, string> = { CHURNWATCH_DATABASE_URL: url, CHURNWATCH_ACCOUNT_PAGE_TOKEN: token };
      delete env[variable];
      env[`${variable}_FILE`] = missing;
      const issues = issuesOf(env);
      expect(issues).toEqual([`${variable}_FILE: cannot read ${missing} (ENOENT)`]);
    },
  );

  it('validates a value from a file like the variable, without showing it', () => {
    const issues = issuesOf({ CHURNWATCH_DATABASE_URL_FILE: secretFile('mysql', 'mysql://u:hidden-pw@h/db'), CHURNWATCH_ACCOUNT_PAGE_TOKEN: token });
    expect(issues.join('\n')).toMatch(/CHURNWATCH_DATABASE_URL .*expected a postgres:\/\/ URL/);
    expect(issues.join('\n')).not.toContain('hidden-pw');
  });

  it('refuses the variable and its file together', () => {
    const issues = issuesOf({
      CHURNWATCH_DATABASE_URL: url,
      CHURNWATCH_ACCOUNT_PAGE_TOKEN: token,
      CHURNWATCH_ACCOUNT_PAGE_TOKEN_FILE: secretFile('both', token),
    });
    expect(issues).toEqual(['CHURNWATCH_ACCOUNT_PAGE_TOKEN and CHURNWATCH_ACCOUNT_PAGE_TOKEN_FILE: set one of them, not both']);
  });
});
