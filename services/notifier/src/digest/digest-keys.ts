import type { TopicContract } from '@churnwatch/contracts';
import { churnRiskAlertV1 } from '@churnwatch/contracts';

/**
 * Digest items and digests are keyed `<route name>/<owner e-mail>`: one digest per owner and
 * route (route names cannot hold a slash).
 */
export function digestKey(routeName: string, ownerEmail: string): string {
  return `${routeName}/${ownerEmail}`;
}

export function routeOfDigestKey(key: string): { route: string; owner: string } {
  const slash = key.indexOf('/');
  return { route: key.slice(0, slash), owner: key.slice(slash + 1) };
}

/** The notifier's internal digest-items topic: alert steps re-keyed by route and owner. */
export const digestItemsContract: TopicContract = {
  name: 'digestItems',
  defaultTopic: 'churnwatch.notifications.digest-items',
  shape: 'event',
  direction: 'output',
  description: 'Alert steps waiting for an owner digest, keyed by route and owner e-mail.',
  versions: { 1: churnRiskAlertV1 },
  keyField: '',
};
