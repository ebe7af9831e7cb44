import { type ChurnRiskAlertV1, type CustomerHealthV1, churnRiskAlertV1, customerHealthV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { parseDetectionConfig } from '../src/config/parse.ts';
import { kpiChangeV1, type RetentionKpisV1, retentionKpisV1 } from '../src/kpi/kpi-contract.ts';
import { signalV1 } from '../src/signals/signal-contract.ts';
import { createDetectionProcessors } from '../src/topology.ts';
import { createDriver, type FedRecord } from './drive.ts';
import { at, complaint, dailyUsage, profile, purchase } from './fixtures.ts';

/**
 * Five customers' event histories through every detection processor, wired by logical names as
 * the services will run them: monitors → signals → risk scorer → alerts, health, KPI changes →
 * KPI aggregator.
 */
const START = '2026-01-05';
const isWeekend = (weekday: number) => weekday === 0 || weekday === 6;
const usual = (_offset: number, weekday: number) => (isWeekend(weekday) ? 4 : 20);

function histories(): FedRecord[] {
  const records: FedRecord[] = [
    profile('healthy', { segment: 'smb' }, at('2026-01-01')),
    profile('declining', { segment: 'enterprise', owner: { name: 'Ana Silva', email: 'ana@example.com' } }, at('2026-01-01')),
    profile('renewing', { segment: 'smb', owner: { name: 'Tom Berg' } }, at('2026-01-01')),
    profile('complaining', { segment: 'smb' }, at('2026-01-01')),
    // No profile for "silent": it lands in the default segment.
    ...dailyUsage('healthy', START, 116, usual),
    ...dailyUsage('declining', START, 116, (offset, weekday) => (offset >= 56 && offset < 84 ? (isWeekend(weekday) ? 1 : 6) : usual(offset, weekday))),
    ...dailyUsage('silent', START, 56, usual),
    ...dailyUsage('renewing', START, 116, usual),
    ...dailyUsage('complaining', START, 116, usual),
    purchase('healthy', at('2026-01-06', 9), '6000.00', {
      renewalDate: '2027-03-31',
      recurringRevenue: { amount: '500.00', currency: 'EUR', interval: 'month' },
    }),
    purchase('renewing', at('2026-01-06', 9), '24000.00', {
      renewalDate: '2026-04-30',
      recurringRevenue: { amount: '2000.00', currency: 'EUR', interval: 'month' },
    }),
    // The customer switches auto-renew off, then renews after all.
    purchase('renewing', at('2026-03-10', 15), '0.00', {
      renewalDate: '2026-04-30',
      autoRenew: false,
      recurringRevenue: { amount: '2000.00', currency: 'EUR', interval: 'month' },
    }),
    purchase('renewing', at('2026-04-20', 11), '24000.00', {
      renewalDate: '2027-04-30',
      recurringRevenue: { amount: '2000.00', currency: 'EUR', interval: 'month' },
    }),
    // A record to judge the customer on (minTrackRecord 4): an earlier complaint resolved only after three weeks.
    complaint('complaining', at('2026-02-16', 14), 'c0', 'opened', 'medium', 'billing'),
    complaint('complaining', at('2026-03-09', 14), 'c0', 'resolved', 'medium', 'billing'),
    complaint('complaining', at('2026-03-02', 14), 'c1', 'opened', 'medium', 'billing'),
    complaint('complaining', at('2026-03-04', 14), 'c2', 'opened', 'medium', 'billing'),
    complaint('complaining', at('2026-03-05', 14), 'c3', 'opened', 'high', 'outage'),
    // Left unresolved for two weeks and more, then resolved.
    complaint('complaining', at('2026-03-25', 13), 'c1', 'resolved', 'medium', 'billing'),
    complaint('complaining', at('2026-03-25', 15), 'c2', 'resolved', 'medium', 'billing'),
    complaint('complaining', at('2026-03-25', 16), 'c3', 'resolved', 'high', 'outage'),
  ];
  return records.sort((a, b) => a.eventTimeMs - b.eventTimeMs);
}

function run() {
  const config = parseDetectionConfig({ usageMetric: 'sessions', allowedSegments: ['smb', 'enterprise'] });
  const processors = createDetectionProcessors(config);
  // Live, wall-clock timers fire as time passes; the driver's wall clock follows the records' event time.
  const driver = createDriver(Object.values(processors));
  for (const record of histories()) driver.send(record);
  driver.advanceTo(at('2026-05-01'));
  const valuesOf = <T>(output: string) => driver.outputsTo(output).map((emitted) => emitted.value as T);
  return {
    outputs: ['signals', 'alerts', 'customerHealth', 'kpi', 'retentionKpis'].flatMap((output) => driver.outputsTo(output)),
    alerts: valuesOf<ChurnRiskAlertV1>('alerts'),
    health: valuesOf<CustomerHealthV1>('customerHealth'),
    kpis: valuesOf<RetentionKpisV1>('retentionKpis'),
  };
}

describe('detection pipeline', () => {
  it('writes only records that satisfy their topic contracts', () => {
    const schemas: Record<string, z.ZodType> = {
      signals: signalV1,
      alerts: churnRiskAlertV1,
      customerHealth: customerHealthV1,
      kpi: kpiChangeV1,
      retentionKpis: retentionKpisV1,
    };
    const { outputs } = run();
    expect(new Set(outputs.map((output) => output.output))).toEqual(new Set(Object.keys(schemas)));
    const invalid = outputs.filter((output) => !schemas[output.output]?.safeParse(output.value).success);
    expect(invalid).toEqual([]);
  });

  it('produces exactly the expected alerts: one alert per problem, all-clears for those who recover', () => {
    const steps = run().alerts.map((alert) => `${alert.eventTime.slice(0, 16)} ${alert.customerId} ${alert.kind} ${alert.status} ${alert.severity}`);
    expect(steps).toEqual([
      '2026-01-30T00:00 renewing renewal_upcoming opened info',
      '2026-03-01T00:00 renewing renewal_upcoming updated info',
      '2026-03-10T15:00 renewing renewal_upcoming updated info',
      '2026-03-10T15:00 renewing renewal_at_risk opened warning',
      '2026-03-11T10:00 silent usage_stopped opened warning',
      '2026-03-15T10:00 silent usage_stopped escalated critical',
      // The third complaint has stood 14 days: three unresolved, none of four resolved in time; resolving the first clears it.
      '2026-03-19T14:00 complaining complaint_escalation opened warning',
      // Significant and 60 % down from 2026-03-13, the decline opens once it has held ten days, by then critical.
      '2026-03-22T00:00 declining usage_declining opened critical',
      '2026-03-25T13:00 complaining complaint_escalation resolved warning',
      '2026-03-31T00:00 renewing renewal_at_risk escalated critical',
      '2026-03-31T00:00 renewing renewal_upcoming updated info',
      '2026-04-09T00:00 declining usage_declining resolved critical',
      '2026-04-20T11:00 renewing renewal_upcoming resolved info',
      '2026-04-20T11:00 renewing renewal_at_risk resolved critical',
    ]);
  });

  it('gives every alert its evidence, a readable summary and stable ids', () => {
    const { alerts } = run();
    const opened = alerts.find((alert) => alert.customerId === 'declining' && alert.status === 'opened');
    expect(opened).toMatchObject({
      summary: 'Usage fell 68 % over 14 days against its 8-week baseline',
      openedAt: '2026-03-13T00:00:00.000Z',
      segment: 'enterprise',
      owner: { name: 'Ana Silva', email: 'ana@example.com' },
    });
    // Ten weekdays at 6 and four weekend days at 1, against a baseline whose last week already holds the dip's first.
    expect(opened?.evidence[0]?.observed).toMatchObject({ observedCount: 64, expectedCount: 197.75, relativeDrop: 0.6764 });
    const atRisk = alerts.find((alert) => alert.customerId === 'renewing' && alert.kind === 'renewal_at_risk' && alert.status === 'escalated');
    expect(atRisk).toMatchObject({
      summary: 'Renewal on 2026-04-30 in 30 days at risk: auto-renew off',
      valueAtRisk: { amount: '24000.00', currency: 'EUR', basis: 'recurring_revenue' },
      renewalDate: '2026-04-30',
      owner: { name: 'Tom Berg' },
    });
    const clear = alerts.find((alert) => alert.customerId === 'declining' && alert.status === 'resolved');
    expect(clear?.summary).toBe('All clear: usage at 92 % of its 8-week baseline over the last 14 days');
    expect(alerts.find((alert) => alert.customerId === 'silent')?.segment).toBe('default');
    expect(run().alerts.map((alert) => alert.eventId)).toEqual(alerts.map((alert) => alert.eventId));
    expect(new Set(alerts.map((alert) => alert.eventId)).size).toBe(alerts.length);
  });

  it('keeps the health table and the segment KPIs', () => {
    const { health, kpis } = run();
    const latestHealth = (customerId: string) => health.filter((record) => record.customerId === customerId).at(-1);
    // usage_trend 0 (weight 0.35) and complaints 1 (weight 0.2): 100 × 0.2 / 0.55.
    expect(latestHealth('silent')).toMatchObject({ score: 36.36, band: 'at_risk', openAlerts: ['usage_stopped'] });
    expect(latestHealth('healthy')).toMatchObject({ score: 100, band: 'healthy', openAlerts: [] });
    const march = kpis.find((snapshot) => snapshot.segment === 'smb' && snapshot.final && snapshot.period.from === '2026-03-01T00:00:00.000Z');
    // smb: healthy, renewing and complaining, all active all month.
    expect(march?.customers).toMatchObject({ atStart: 3, atEnd: 3, acquired: 0, lost: 0 });
    expect(march).toMatchObject({ retentionRate: 1, churnRate: 0, netDollarRetention: 1 });
    expect(march?.mrrCents).toMatchObject({ atStart: 250_000, current: 250_000 });
  });
});
