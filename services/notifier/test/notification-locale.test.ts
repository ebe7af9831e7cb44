import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';
import { describe, expect, test } from 'vitest';
import { notificationRequest } from '../src/notification-request.ts';
import { routesSchema } from '../src/routes.ts';

const alert: ChurnRiskAlertV1 = { ...contractExamples.alerts, customerName: 'Example <!channel> GmbH' };
const [english, german, teams] = routesSchema.parse([
  { name: 'cs-uk', channel: 'slack', url: 'http://127.0.0.1:1/uk' },
  { name: 'cs-dach', channel: 'slack', url: 'http://127.0.0.1:1/dach', locale: 'de' },
  { name: 'cs-teams', channel: 'teams', url: 'http://127.0.0.1:1/teams', locale: 'de' },
]);

const slackText = (body: string) => (JSON.parse(body) as { text: string }).text;

describe('the language of a route', () => {
  test('a route that names a language writes every alert in it; otherwise the owner’s language, else English', () => {
    expect(slackText(notificationRequest(alert, english!).body)).toMatch(/^:warning: OPENED usage declining — Example &lt;!channel&gt; GmbH \(cust-0042\)/);
    expect(slackText(notificationRequest(alert, german!).body)).toMatch(/^:warning: NEU Nutzung rückläufig — Example &lt;!channel&gt; GmbH \(cust-0042\)/);
    const owned = { ...alert, owner: { name: 'Dana Owner', locale: 'de' as const } };
    expect(slackText(notificationRequest(owned, english!).body)).toMatch(/^:warning: NEU Nutzung rückläufig/);
    const card = JSON.parse(notificationRequest(alert, teams!).body) as { attachments: { content: { lang: string } }[] };
    expect(card.attachments[0]?.content.lang).toBe('de');
  });

  test('a language churnwatch does not write is a configuration error naming the field', () => {
    const parsed = routesSchema.safeParse([{ name: 'fr', channel: 'slack', url: 'http://127.0.0.1:1/fr', locale: 'fr' }]);
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual([0, 'locale']);
  });
});
