// A small, fixed set of accounts as the topics carry them: four customers, their profiles and
// health, four alerts with their six steps and one KPI snapshot. Used to populate test databases.
import type { AlertKind, ChurnRiskAlertV1, CustomerHealthV1, CustomerProfileV1 } from '@churnwatch/contracts';
import type { RetentionKpisV1 } from '@churnwatch/detection';
import type { RowChange } from '../src/index.ts';

const elin = { name: 'Elin Berg', email: 'elin.berg@example.com' };
const chiara = { name: 'Chiara Conti' };

export function profile(
  customerId: string,
  owner: { name: string; email?: string },
  segment: string,
  contractValue: string,
  updatedAt = '2026-01-01T00:00:00Z',
): CustomerProfileV1 {
  return {
    schemaVersion: 1,
    customerId,
    updatedAt,
    name: `${customerId} Ltd`,
    owner,
    segment,
    plan: 'business',
    contractValue: { amount: contractValue, currency: 'EUR' },
  };
}

export function health(
  customerId: string,
  score: number,
  band: CustomerHealthV1['band'],
  segment: string,
  openAlerts: AlertKind[],
  asOf = '2026-10-20T00:00:00Z',
): CustomerHealthV1 {
  return {
    schemaVersion: 1,
    customerId,
    asOf,
    score,
    band,
    factors: [
      { factor: 'usage_trend', weight: 0.4, value: score / 100, points: Math.round(score * 0.4), detail: `usage at ${score} % of its baseline` },
      { factor: 'complaints', weight: 0.2, value: 1, points: 20, detail: 'no open complaints' },
    ],
    openAlerts,
    segment,
    renewalDate: '2027-03-01',
  };
}

export interface AlertSpec {
  readonly customerId: string;
  readonly kind: AlertKind;
  readonly status: ChurnRiskAlertV1['status'];
  readonly eventTime: string;
  readonly openedAt: string;
  readonly segment: string;
  readonly owner: { name: string };
  readonly valueAtRisk: string;
  readonly severity?: ChurnRiskAlertV1['severity'];
  readonly summary?: string;
}

export function alert(spec: AlertSpec): ChurnRiskAlertV1 {
  const alertId = `alert-${spec.customerId}-${spec.kind}`;
  return {
    schemaVersion: 1,
    alertId,
    eventId: `${alertId}-${spec.status}-${spec.eventTime}`,
    customerId: spec.customerId,
    kind: spec.kind,
    status: spec.status,
    ...(spec.status === 'resolved' ? { resolution: 'all_clear' as const } : {}),
    severity: spec.severity ?? 'warning',
    openedAt: spec.openedAt,
    eventTime: spec.eventTime,
    summary: spec.summary ?? `${spec.kind.replace('_', ' ')} for ${spec.customerId}`,
    evidence: [
      {
        detector: 'usage-decline',
        ruleVersion: 'detection-1',
        observed: { usagePerDay: 12.5, expectedPerDay: 33 },
        thresholds: { minRelativeDrop: 0.3 },
      },
    ],
    healthScore: 42,
    valueAtRisk: { amount: spec.valueAtRisk, currency: 'EUR', basis: 'contract_value' },
    renewalDate: '2027-03-01',
    segment: spec.segment,
    owner: spec.owner,
  };
}

export function kpis(segment: string, asOf: string, retentionRate: number): RetentionKpisV1 {
  return {
    schemaVersion: 1,
    eventId: `kpi-${segment}-${asOf}`,
    segment,
    period: { from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' },
    asOf,
    final: false,
    currency: 'EUR',
    customers: { atStart: 10, atEnd: 9, acquired: 0, lost: 1, purchasers: 5, repeatPurchasers: 2 },
    mrrCents: { atStart: 100_000, current: 90_000, expansion: 0, contraction: 0, churned: 10_000 },
    npsAnswers: { promoters: 3, passives: 1, detractors: 1 },
    retentionRate,
    churnRate: 1 - retentionRate,
    repeatPurchaseRate: 0.4,
    netDollarRetention: 0.9,
    nps: 40,
    customerLifetimeValueCents: 500_000,
  };
}

const base = { openedAt: '2026-10-08T00:00:00Z' };

/** The alert steps, in the order the alerts topic carries them. */
export const sampleAlerts: ChurnRiskAlertV1[] = [
  alert({
    ...base,
    customerId: 'cust-ada',
    kind: 'usage_declining',
    status: 'opened',
    eventTime: '2026-10-08T00:00:00Z',
    segment: 'enterprise',
    owner: elin,
    valueAtRisk: '213393.00',
    summary: 'Usage fell 49 % over 14 days against its 8-week baseline',
  }),
  alert({
    ...base,
    customerId: 'cust-ada',
    kind: 'usage_declining',
    status: 'escalated',
    severity: 'critical',
    eventTime: '2026-10-15T00:00:00Z',
    segment: 'enterprise',
    owner: elin,
    valueAtRisk: '213393.00',
    summary: 'Usage fell 71 % over 21 days against its 8-week baseline',
  }),
  alert({
    ...base,
    customerId: 'cust-bo',
    kind: 'usage_stopped',
    status: 'opened',
    severity: 'critical',
    eventTime: '2026-10-02T00:00:00Z',
    segment: 'smb',
    owner: chiara,
    valueAtRisk: '1887.00',
    summary: 'No usage for 17 days (last on 2026-09-14)',
  }),
  alert({
    ...base,
    customerId: 'cust-cy',
    kind: 'renewal_at_risk',
    status: 'opened',
    eventTime: '2026-10-12T00:00:00Z',
    segment: 'mid_market',
    owner: elin,
    valueAtRisk: '50000.00',
    summary: 'Renewal on 2027-03-01 while health is 55',
  }),
  alert({
    ...base,
    customerId: 'cust-cy',
    kind: 'complaint_escalation',
    status: 'opened',
    eventTime: '2026-09-20T00:00:00Z',
    segment: 'mid_market',
    owner: elin,
    valueAtRisk: '50000.00',
    summary: 'Three high-severity complaints in 10 days',
  }),
  alert({
    ...base,
    customerId: 'cust-cy',
    kind: 'complaint_escalation',
    status: 'resolved',
    eventTime: '2026-10-01T00:00:00Z',
    segment: 'mid_market',
    owner: elin,
    valueAtRisk: '50000.00',
    summary: 'Complaints closed; all clear',
  }),
];

export const sampleProfiles: CustomerProfileV1[] = [
  profile('cust-ada', elin, 'enterprise', '213393.00'),
  profile('cust-bo', chiara, 'smb', '1887.00'),
  profile('cust-cy', elin, 'mid_market', '50000.00'),
  profile('cust-dee', chiara, 'smb', '9000.00'),
];

export const sampleHealth: CustomerHealthV1[] = [
  health('cust-ada', 42, 'at_risk', 'enterprise', ['usage_declining']),
  health('cust-bo', 39, 'critical', 'smb', ['usage_stopped']),
  health('cust-cy', 55, 'watch', 'mid_market', ['renewal_at_risk']),
  health('cust-dee', 90, 'healthy', 'smb', []),
];

/** The whole sample as row changes, for writeRows. */
export function sampleChanges(): RowChange[] {
  return [
    ...sampleProfiles.map((row): RowChange => ({ table: 'customer_profile', customerId: row.customerId, row })),
    ...sampleHealth.map((row): RowChange => ({ table: 'customer_health', customerId: row.customerId, row })),
    ...sampleAlerts.map((row): RowChange => ({ table: 'alert', row })),
    { table: 'retention_kpis', segment: 'smb', row: kpis('smb', '2026-10-20T00:00:00Z', 0.9) },
  ];
}
