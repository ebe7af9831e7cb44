// The account page in a real browser (Debian's Chromium, headless, driven by playwright-core) on a
// real PostgreSQL populated through the account store's own writes: what a CS manager sees.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabasePool, migrate, writeRows } from '@churnwatch/account-store';
import { sampleChanges } from '@churnwatch/account-store/test-fixtures';
import { createLogger } from '@churnwatch/telemetry';
import { createTestDatabase, type TestDatabase } from '@churnwatch/testkit';
import type pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountQueries } from '../src/account-queries.ts';
import { loadAccountPageConfig } from '../src/config.ts';
import { type PageServer, startPageServer } from '../src/page-server.ts';
import { launchChromium } from './browser.ts';

/** Screenshots are kept here (gitignored) as the test's artefacts. */
export const artefactDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '.cache', 'test-artifacts', 'account-page');
const token = 'a-test-token-of-some-length';
const logger = createLogger({ service: 'account-page-test', level: 'silent' });
let database: TestDatabase;
let pool: pg.Pool;
let server: PageServer;
let browser: Browser;
let base: string;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = createDatabasePool(database.url, logger);
  await migrate(pool);
  await writeRows(pool, sampleChanges());
  const config = loadAccountPageConfig({
    CHURNWATCH_DATABASE_URL: database.url,
    CHURNWATCH_ACCOUNT_PAGE_TOKEN: token,
    CHURNWATCH_ACCOUNT_PAGE_PORT: '0',
    CHURNWATCH_ACCOUNT_PAGE_HOST: '127.0.0.1',
  });
  server = await startPageServer({ config, queries: createAccountQueries(pool), logger });
  base = `http://127.0.0.1:${server.port}`;
  browser = await launchChromium();
  mkdirSync(artefactDir, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await pool?.end();
  await database?.drop();
});

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  const page = await context.newPage();
  // Signing in once with the token sets the cookie; the address bar then no longer shows it.
  await page.goto(`${base}/?token=${token}`);
  expect(new URL(page.url()).search).toBe('');
  return page;
}

const listed = (page: Page) => page.locator('#at-risk tbody tr').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-customer')));

describe('account page', () => {
  it('serves nothing without the token', async () => {
    const anonymous = await fetch(`${base}/`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toContain('cust-ada');
    expect((await fetch(`${base}/customers/cust-ada`, { headers: { authorization: 'Bearer wrong-token-wrong-token' } })).status).toBe(401);
    expect((await fetch(`${base}/`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(200);
  });

  it('lists the customers at risk by value at risk, and filters by owner and segment', async () => {
    const page = await signedIn();
    expect(await listed(page)).toEqual(['cust-ada', 'cust-cy', 'cust-bo']);
    expect(await page.locator('#at-risk tbody tr').first().locator('td').nth(1).textContent()).toBe('€213,393');
    await page.screenshot({ path: join(artefactDir, 'at-risk.png'), fullPage: true });

    await page.selectOption('#owner', 'Chiara Conti');
    await Promise.all([page.waitForURL(/owner=Chiara/), page.click('button[type=submit]')]);
    expect(await listed(page)).toEqual(['cust-bo']);

    await page.goto(`${base}/?segment=mid_market`);
    expect(await listed(page)).toEqual(['cust-cy']);
    await page.context().close();
  });

  it('shows one customer’s health factors, open alerts with their evidence in words, and the alert timeline', async () => {
    const page = await signedIn();
    await page.click('a[href^="/customers/cust-ada?"]');
    await page.waitForURL(/customers\/cust-ada/);
    expect(await page.locator('#score').textContent()).toBe('42/100 at risk');
    const factors = await page.locator('#factors tbody tr').allTextContents();
    expect(factors).toEqual(['usage trend42 %17.0usage at 42 % of its baseline', 'complaints100 %20.0no open complaints']);
    const openAlerts = await page.locator('#open-alerts > li').allTextContents();
    expect(openAlerts).toHaveLength(1);
    expect(openAlerts[0]).toContain('Usage fell 71 % over 21 days against its 8-week baseline');
    expect(openAlerts[0]).toContain('Measured usage per day 12.5, expected per day 33 against min relative drop 0.3 (usage-decline).');
    const timeline = await page
      .locator('#timeline tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => td.textContent)));
    expect(timeline).toEqual([
      ['Oct 15, 2026', 'usage declining', 'escalated', 'critical', 'Usage fell 71 % over 21 days against its 8-week baseline'],
      ['Oct 8, 2026', 'usage declining', 'opened', 'warning', 'Usage fell 49 % over 14 days against its 8-week baseline'],
    ]);
    await page.screenshot({ path: join(artefactDir, 'customer-cust-ada.png'), fullPage: true });
    await page.context().close();
  });

  it('speaks German when asked, from the same catalogues as the alerts, and shows no buttons when actions are not set up', async () => {
    const page = await signedIn();
    await page.goto(`${base}/?lang=de`);
    expect(await page.locator('h1').textContent()).toBe('Gefährdete Kunden');
    expect(await page.locator('#at-risk thead th').allTextContents()).toEqual([
      'Kunde',
      'Gefährdeter Wert',
      'Gesundheit',
      'Offene Alarme',
      'Betreuung',
      'Kundensegment',
      'Verlängerung',
    ]);
    expect(await page.locator('#at-risk tbody tr').first().locator('td').nth(1).textContent()).toBe('213.393\u00a0€');
    await page.click('a[href^="/customers/cust-ada?"]');
    await page.waitForURL(/customers\/cust-ada\?lang=de/);
    expect(await page.locator('#score').textContent()).toBe('42/100 gefährdet');
    expect(await page.locator('#timeline tbody tr').first().locator('td').allTextContents()).toEqual([
      '15.10.2026',
      'Nutzung rückläufig',
      'eskaliert',
      'kritisch',
      'Usage fell 71 % over 21 days against its 8-week baseline',
    ]);
    expect(await page.locator('#open-alerts li').first().textContent()).toContain(
      'Gemessen: usage per day 12,5, expected per day 33; Schwellen: min relative drop 0,3',
    );
    expect(await page.locator('form.action').count()).toBe(0);
    expect(await page.locator('.history-none').first().textContent()).toBe('Noch hat niemand auf diesen Alarm reagiert.');
    await page.screenshot({ path: join(artefactDir, 'customer-cust-ada-de.png'), fullPage: true });
    await page.context().close();
  });

  it('shows a customer in its owner’s language, unless the reader chose another', async () => {
    const [bo] = sampleChanges().filter((change) => change.table === 'customer_profile' && change.customerId === 'cust-bo');
    if (bo?.table !== 'customer_profile' || bo.row === null) throw new Error('the sample has cust-bo’s profile');
    const later = new Date(Date.parse(bo.row.updatedAt) + 1000).toISOString();
    await writeRows(pool, [{ ...bo, row: { ...bo.row, updatedAt: later, owner: { name: 'Chiara Conti', locale: 'de' } } }]);
    const page = await signedIn();
    await page.goto(`${base}/customers/cust-bo`);
    expect(await page.locator('html').getAttribute('lang')).toBe('de');
    expect(await page.locator('#timeline thead th').first().textContent()).toBe('Datum');
    await page.goto(`${base}/customers/cust-bo?lang=en`);
    expect(await page.locator('#timeline thead th').first().textContent()).toBe('Date');
    await page.context().close();
  });
});
