import { describe, expect, it } from 'vitest';
import { topicSpecs } from './topic-setup.ts';

describe('topic setup', () => {
  it('covers the published, the internal and the notifier topics, tables compacted, all co-partitioned', () => {
    const specs = topicSpecs({ partitions: 6 });
    const policy = Object.fromEntries(specs.map((spec) => [spec.topic, spec.configEntries[0]?.value]));
    expect(policy).toEqual({
      usage: 'delete',
      purchases: 'delete',
      complaints: 'delete',
      feedback: 'delete',
      'customer-profiles': 'compact',
      'churnwatch.alerts': 'delete',
      'churnwatch.customer-health': 'compact',
      'churnwatch.dead-letters': 'delete',
      'churnwatch.signals': 'delete',
      'churnwatch.control': 'delete',
      'churnwatch.kpi-changes': 'delete',
      'churnwatch.retention-kpis': 'compact',
      'churnwatch.notifications.failed': 'delete',
      'churnwatch.notifications.digest-items': 'delete',
      'churnwatch.notifications.digests': 'delete',
    });
    expect(new Set(specs.map((spec) => spec.numPartitions))).toEqual(new Set([6]));
  });

  it('takes other names where given', () => {
    const topics = topicSpecs({ partitions: 1, names: { signals: 'eu.signals', usage: 'eu.usage' } }).map((spec) => spec.topic);
    expect(topics).toContain('eu.signals');
    expect(topics).toContain('eu.usage');
    expect(topics).not.toContain('churnwatch.signals');
  });
});
