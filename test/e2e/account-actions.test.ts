// Acting on an alert from the account page, end to end: the account store, the alert-actions API
// and the account page run as processes on the real broker and a real PostgreSQL; a CS manager
// signed in through the company proxy clicks the buttons in headless Chromium. Each click becomes
// a control event on the topic (from the account page, by that manager), the store keeps it, and
// the alert's history on the page says who did what and when, in English and in German. A forged
// form (no anti-forgery token, or posted from another site) writes nothing.
import { type RunningService, startService, stopService } from '@churnwatch/cli/service-processes';
import { type AlertControlV1, type ChurnRiskAlertV1, type CustomerProfileV1, contractExamples } from '@churnwatch/contracts';
import { freePort } from '@churnwatch/local-kafka';
import { createTestDatabase, readTopicUntil, type TestDatabase, testBrokers, testKafka, uniqueName, waitFor } from '@churnwatch/testkit';
import type { Browser, Page } from 'playwright-core';
import { afterAll, expect, test } from 'vitest';
import { launchChromium } from '../../services/account-page/test/browser.ts';
import { createDetectionTopics, makeWorkDir } from './support/detection-services.ts';

const MANAGER = 'dana@example.com';
const customerId = 'cust-actions-1';
const services: RunningService[] = [];
let database: TestDatabase | undefined;
let browser: Browser | undefined;

afterAll(async () => {
  await browser?.close();
  await Promise.all(services.map((service) => stopService(service)));
  await database?.drop();
});

const topicVariable = (name: string) => `CHURNWATCH_TOPIC_${name.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}`;

async function ready(metricsPort: number, what: string): Promise<void> {
  await waitFor(
    () =>
      fetch(`http://127.0.0.1:${metricsPort}/readyz`).then(
        (response) => (response.ok ? true : undefined),
        () => undefined,
      ),
    what,
    90_000,
    250,
  );
}

/** The history lines under the alert, once the store has as many as expected. */
async function historyOf(page: Page, alertId: string, count: number): Promise<string[]> {
  const lines = () => page.locator(`[data-alert="${alertId}"] ol.history > li`).allTextContents();
  return waitFor(
    async () => {
      await page.reload();
      const seen = await lines();
      return seen.length >= count ? seen : undefined;
    },
    `${count} entries in the alert's history`,
    60_000,
    500,
  );
}

test('buttons on the account page write control events; the alert’s history shows who and when; a forged form writes nothing', {
  timeout: 300_000,
}, async () => {
  const topics = await createDetectionTopics(1);
  const workDir = makeWorkDir();
  database = await createTestDatabase();
  const apiToken = 'e2e-actions-token-0123456789abcdef0123';
  const [storeMetrics, actionsPort, actionsMetrics, pagePort, pageMetrics] = [
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
    await freePort(),
  ];
  const brokers = testBrokers().join(',');
  services.push(
    startService(
      {
        name: 'account-store',
        env: {
          CHURNWATCH_KAFKA_BROKERS: brokers,
          CHURNWATCH_DATABASE_URL: database.url,
          CHURNWATCH_APPLICATION_ID: uniqueName('account-store'),
          CHURNWATCH_METRICS_PORT: String(storeMetrics),
          ...Object.fromEntries(Object.entries(topics).map(([name, topic]) => [topicVariable(name), topic])),
        },
      },
      workDir,
    ),
    startService(
      {
        name: 'alert-actions',
        env: {
          CHURNWATCH_KAFKA_BROKERS: brokers,
          CHURNWATCH_TOPIC_CONTROL: topics.control,
          CHURNWATCH_ALERT_ACTIONS_PORT: String(actionsPort),
          CHURNWATCH_ALERT_ACTIONS_TOKEN: apiToken,
          CHURNWATCH_METRICS_PORT: String(actionsMetrics),
        },
      },
      workDir,
    ),
  );
  await ready(storeMetrics, 'the account store ready');
  services.push(
    startService(
      {
        name: 'account-page',
        env: {
          CHURNWATCH_DATABASE_URL: database.url,
          CHURNWATCH_ACCOUNT_PAGE_HOST: '127.0.0.1',
          CHURNWATCH_ACCOUNT_PAGE_PORT: String(pagePort),
          CHURNWATCH_ACCOUNT_PAGE_TRUSTED_HEADER: 'x-forwarded-user',
          CHURNWATCH_ALERT_ACTIONS_URL: `http://127.0.0.1:${actionsPort}`,
          CHURNWATCH_ALERT_ACTIONS_TOKEN: apiToken,
          CHURNWATCH_METRICS_PORT: String(pageMetrics),
        },
      },
      workDir,
    ),
  );
  await Promise.all([ready(actionsMetrics, 'alert-actions ready'), ready(pageMetrics, 'the account page ready')]);

  // One customer with an open alert, as the CRM and the risk scorer publish them.
  const nowIso = new Date().toISOString();
  const profile: CustomerProfileV1 = { ...contractExamples.customerProfiles, customerId, name: 'Nordwind Logistik GmbH', updatedAt: nowIso };
  const alert: ChurnRiskAlertV1 = {
    ...contractExamples.alerts,
    customerId,
    customerName: profile.name,
    alertId: `usage_declining:${customerId}`,
    eventId: `usage_declining:${customerId}:opened`,
    openedAt: nowIso,
    eventTime: nowIso,
  };
  const producer = testKafka().producer();
  await producer.connect();
  await producer.send({ topic: topics.customerProfiles, messages: [{ key: customerId, value: JSON.stringify(profile) }] });
  await producer.send({ topic: topics.alerts, messages: [{ key: customerId, value: JSON.stringify(alert) }] });
  await producer.disconnect();

  browser = await launchChromium();
  const context = await browser.newContext({ extraHTTPHeaders: { 'x-forwarded-user': MANAGER }, locale: 'en-US' });
  const page = await context.newPage();
  const customerPage = `http://127.0.0.1:${pagePort}/customers/${customerId}`;
  const card = page.locator(`[data-alert="${alert.alertId}"]`);
  await waitFor(
    async () => {
      await page.goto(customerPage);
      return (await card.count()) === 1 ? true : undefined;
    },
    'the open alert on the page',
    60_000,
    500,
  );
  // The owner reads German (profile owner.locale), so the page opens in German; the reader chooses English.
  expect(await page.locator('html').getAttribute('lang')).toBe('de');
  await page.goto(`${customerPage}?lang=en`);
  expect(await card.locator('.history-none').textContent()).toBe('No one has acted on this alert yet.');

  // Acknowledge; snooze for three days; assign to a colleague.
  const click = async (action: string) => {
    await Promise.all([page.waitForURL(new RegExp(`done=${action}`)), card.locator(`button[value="${action}"]`).click()]);
    expect(await page.locator('#notice').textContent()).toMatch(/The history shows it as soon as it has been processed\.$/);
  };
  await click('acknowledge');
  await card.locator('select[name="snoozeHours"]').selectOption('72');
  await click('snooze');
  await card.locator('input[name="assignee"]').fill('elin@example.com');
  await click('assign');

  const controls = (await readTopicUntil(topics.control, (messages) => messages.length >= 3)).map(
    (message) => JSON.parse(message.value ?? '') as AlertControlV1,
  );
  expect(controls.map((control) => control.action)).toEqual(['acknowledge', 'snooze', 'assign']);
  for (const control of controls)
    expect(control).toMatchObject({ customerId, kind: alert.kind, alertId: alert.alertId, requestedBy: MANAGER, source: 'account_page' });
  const snoozeHours = (Date.parse(controls[1]!.until!) - Date.parse(controls[1]!.eventTime)) / 3_600_000;
  expect(snoozeHours).toBeCloseTo(72, 5);
  expect(controls[2]?.assignee).toEqual({ name: 'elin@example.com', email: 'elin@example.com' });

  // The history: who, what and when — the times are the control events' own.
  const history = await historyOf(page, alert.alertId, 3);
  expect(history[0]).toMatch(/: acknowledged by dana@example\.com on the account page$/);
  expect(history[1]).toMatch(/: snoozed until .+ UTC by dana@example\.com on the account page$/);
  expect(history[2]).toMatch(/: assigned to elin@example\.com by dana@example\.com on the account page$/);
  const times = await card.locator('ol.history time').evaluateAll((elements) => elements.map((element) => element.getAttribute('datetime')));
  expect(times).toEqual(controls.map((control) => new Date(control.eventTime).toISOString()));

  // The same page in German, from the language link.
  await Promise.all([page.waitForURL(/lang=de/), page.click('#language')]);
  const german = await card.locator('ol.history > li').allTextContents();
  expect(german[0]).toMatch(/: bestätigt von dana@example\.com auf der Kontoseite$/);
  expect(german[2]).toMatch(/: elin@example\.com zugewiesen von dana@example\.com auf der Kontoseite$/);
  expect(await card.locator('button[type=submit]').allTextContents()).toEqual(['Bestätigen', 'Stummschalten', 'Zuweisen', 'Erledigen']);
  // Resolving from the German page keeps its language.
  await Promise.all([page.waitForURL(/done=resolve.*lang=de|lang=de.*done=resolve/), card.locator('button[value="resolve"]').click()]);
  expect(await page.locator('#notice').textContent()).toMatch(/^Erledigt\./);

  // Forged forms: without the page's token, and with it but posted from another site. Both refused, nothing written.
  const actionUrl = `${customerPage}/alerts/${encodeURIComponent(alert.alertId)}/actions`;
  const form = (fields: Record<string, string>) => new URLSearchParams({ kind: alert.kind, action: 'resolve', ...fields }).toString();
  const headers = { 'x-forwarded-user': MANAGER, 'content-type': 'application/x-www-form-urlencoded' };
  expect((await fetch(actionUrl, { method: 'POST', headers, body: form({}), redirect: 'manual' })).status).toBe(403);
  const html = await (await fetch(customerPage, { headers })).text();
  const token = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  expect(token).toBeDefined();
  const crossSite = await fetch(actionUrl, {
    method: 'POST',
    headers: { ...headers, origin: 'https://attacker.example' },
    body: form({ csrf: token! }),
    redirect: 'manual',
  });
  expect(crossSite.status).toBe(403);
  const sameSite = await fetch(actionUrl, { method: 'POST', headers, body: form({ csrf: token!, action: 'acknowledge' }), redirect: 'manual' });
  expect(sameSite.status).toBe(303);
  const after = (await readTopicUntil(topics.control, (messages) => messages.length >= 5)).map((message) => JSON.parse(message.value ?? '') as AlertControlV1);
  expect(after.map((control) => control.action)).toEqual(['acknowledge', 'snooze', 'assign', 'resolve', 'acknowledge']);
  await context.close();
});
