import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAccountStoreConfig } from './config.ts';

const dir = mkdtempSync(join(tmpdir(), 'account-store-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const brokers = { CHURNWATCH_KAFKA_BROKERS: 'kafka:9093' };
const url = 'postgres://writer:pw-in-file@db:5432/churnwatch';

describe('account store database URL', () => {
  it('comes from CHURNWATCH_DATABASE_URL_FILE, its trailing newline dropped', () => {
    const file = join(dir, 'url');
    writeFileSync(file, `${url}\n`);
    expect(loadAccountStoreConfig({ ...brokers, CHURNWATCH_DATABASE_URL_FILE: file }).databaseUrl).toBe(url);
  });

  it('or from the variable', () => {
    expect(loadAccountStoreConfig({ ...brokers, CHURNWATCH_DATABASE_URL: url }).databaseUrl).toBe(url);
  });

  it('stops start-up naming the variable and the path when the file is missing', () => {
    const missing = join(dir, 'not-mounted');
    expect(() => loadAccountStoreConfig({ ...brokers, CHURNWATCH_DATABASE_URL_FILE: missing })).toThrow(
      `CHURNWATCH_DATABASE_URL_FILE: cannot read ${missing} (ENOENT)`,
    );
  });

  it('names an empty file and every other bad setting in one error', () => {
    const empty = join(dir, 'empty');
    writeFileSync(empty, '\n');
    expect(() => loadAccountStoreConfig({ CHURNWATCH_DATABASE_URL_FILE: empty })).toThrow(
      new RegExp(`CHURNWATCH_DATABASE_URL_FILE: ${empty} is empty[\\s\\S]*CHURNWATCH_KAFKA_BROKERS`),
    );
  });
});
