import type { RetentionKpisV1 } from '@churnwatch/detection';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createKpiGauges } from '../src/kpi-gauges.ts';

function snapshot(segment: string, fields: Partial<RetentionKpisV1> = {}): RetentionKpisV1 {
  return {
    schemaVersion: 1,
    eventId: `kpis-${segment}`,
    segment,
    period: { from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' },
    asOf: '2026-03-20T10:00:00.000Z',
    final: false,
    currency: 'EUR',
    customers: { atStart: 4, atEnd: 4, acquired: 1, lost: 1, purchasers: 3, repeatPurchasers: 2 },
    mrrCents: { atStart: 250_000, current: 240_000, expansion: 0, contraction: 10_000, churned: 0 },
    npsAnswers: { promoters: 2, passives: 0, detractors: 1 },
    retentionRate: 0.75,
    churnRate: 0.25,
    repeatPurchaseRate: 2 / 3,
    netDollarRetention: 0.96,
    nps: 100 / 3,
    customerLifetimeValueCents: 1_234_567,
    ...fields,
  };
}

async function series(registry: Registry) {
  const metrics = await registry.getMetricsAsJSON();
  return Object.fromEntries(metrics.map((metric) => [metric.name, metric.values.map((v) => ({ labels: v.labels, value: v.value }))]));
}

describe('KPI gauges', () => {
  it('show each segment’s latest snapshot in base units', async () => {
    const registry = new Registry();
    const gauges = createKpiGauges(registry);
    gauges.show(snapshot('smb'));
    gauges.show(snapshot('enterprise', { retentionRate: 1, churnRate: 0 }));
    gauges.show(snapshot('smb', { retentionRate: 0.5 }));
    const shown = await series(registry);
    expect(shown.churnwatch_retention_rate).toEqual([
      { labels: { segment: 'enterprise' }, value: 1 },
      { labels: { segment: 'smb' }, value: 0.5 },
    ]);
    expect(shown.churnwatch_customer_lifetime_value).toContainEqual({ labels: { segment: 'smb', currency: 'EUR' }, value: 12_345.67 });
    expect(shown.churnwatch_monthly_recurring_revenue).toContainEqual({ labels: { segment: 'smb', currency: 'EUR' }, value: 2_400 });
    expect(shown.churnwatch_segment_customers).toContainEqual({ labels: { segment: 'smb', state: 'lost' }, value: 1 });
    expect(shown.churnwatch_net_promoter_score).toContainEqual({ labels: { segment: 'smb' }, value: 100 / 3 });
    expect(shown.churnwatch_retention_kpis_period_start_seconds).toContainEqual({
      labels: { segment: 'smb' },
      value: Date.parse('2026-03-01T00:00:00Z') / 1000,
    });
  });

  it('leave out KPIs without a value instead of showing 0, and drop a segment entirely', async () => {
    const registry = new Registry();
    const gauges = createKpiGauges(registry);
    gauges.show(snapshot('smb'));
    gauges.show(snapshot('smb', { retentionRate: null, churnRate: null, customerLifetimeValueCents: null }));
    let shown = await series(registry);
    expect(shown.churnwatch_retention_rate).toEqual([]);
    expect(shown.churnwatch_customer_lifetime_value).toEqual([]);
    expect(shown.churnwatch_repeat_purchase_rate).toEqual([{ labels: { segment: 'smb' }, value: 2 / 3 }]);
    gauges.drop('smb');
    shown = await series(registry);
    expect(Object.values(shown).every((values) => values.length === 0)).toBe(true);
  });
});
