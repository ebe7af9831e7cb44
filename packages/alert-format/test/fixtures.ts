import { type ChurnRiskAlertV1, contractExamples } from '@churnwatch/contracts';

/** One alert of every kind, with the evidence its detector writes (taken from a replay of a generated history). */
const base: ChurnRiskAlertV1 = {
  ...contractExamples.alerts,
  alertId: 'alert-5c24ab90d1e2',
  eventId: 'alert-5c24ab90d1e2-1',
  customerId: 'cust-00055',
  customerName: 'Nordwind Logistik GmbH',
  openedAt: '2026-10-08T00:00:00.000Z',
  eventTime: '2026-10-08T00:00:00.000Z',
  valueAtRisk: { amount: '213393.40', currency: 'EUR', basis: 'contract_value' },
  renewalDate: '2026-11-07',
  healthScore: 69.4,
  owner: { name: 'Elin Berg', email: 'elin@example.com' },
};

export const usageDeclining: ChurnRiskAlertV1 = {
  ...base,
  kind: 'usage_declining',
  summary: 'Usage fell 49 % over 14 days against its 8-week baseline; renewal in 30 days',
  evidence: [
    {
      detector: 'usage-decline',
      ruleVersion: 'detection-1',
      window: { from: '2026-09-24T00:00:00.000Z', to: '2026-10-08T00:00:00.000Z' },
      baseline: { from: '2026-07-30T00:00:00.000Z', to: '2026-09-24T00:00:00.000Z' },
      observed: { observedCount: 214, expectedCount: 420, relativeDrop: 0.4905, baselineWeeks: 8, test: 'negative_binomial' },
      thresholds: { alpha: 0.001, minRelativeDrop: 0.3 },
    },
  ],
};

export const usageStopped: ChurnRiskAlertV1 = {
  ...base,
  kind: 'usage_stopped',
  severity: 'critical',
  summary: 'No usage for 17 days (last on 2026-09-21); 18.4 usage events would be usual by now',
  evidence: [
    {
      detector: 'usage-silence',
      ruleVersion: 'detection-1',
      window: { from: '2026-09-21T11:33:09.800Z', to: '2026-10-08T00:00:00.000Z' },
      observed: { lastUsageAt: '2026-09-21T11:33:09.800Z', silentDays: 17, expectedCount: 18.42, test: 'poisson_zero' },
      thresholds: { alpha: 0.0001 },
    },
  ],
};

export const renewalUpcoming: ChurnRiskAlertV1 = {
  ...base,
  kind: 'renewal_upcoming',
  severity: 'info',
  summary: 'Renewal on 2026-11-07, in 30 days; auto-renew on (164.50 EUR a month)',
  evidence: [
    {
      detector: 'renewal-horizon',
      ruleVersion: 'detection-1',
      observed: { renewalDate: '2026-11-07', daysToRenewal: 30, horizonDays: 30, autoRenew: true, status: 'active' },
      thresholds: { horizonsDays: '90,60,30', graceDays: 7 },
    },
  ],
};

export const renewalAtRisk: ChurnRiskAlertV1 = {
  ...base,
  kind: 'renewal_at_risk',
  summary: 'Renewal on 2026-11-07 in 30 days at risk: auto-renew off, health 45/100',
  evidence: [
    {
      detector: 'renewal-risk',
      ruleVersion: 'detection-1',
      observed: { renewalDate: '2026-11-07', daysToRenewal: 30, healthScore: 45.2, autoRenew: false, openComplaints: 0, reasons: 'auto_renew_off,poor_health' },
      thresholds: { withinDays: 90 },
    },
  ],
};

export const complaintEscalation: ChurnRiskAlertV1 = {
  ...base,
  kind: 'complaint_escalation',
  summary: '3 complaints of medium severity or above in 30 days; a high-severity complaint is open; 2 complaints about performance (2 open complaints)',
  evidence: [
    {
      detector: 'complaint-escalation',
      ruleVersion: 'detection-1',
      observed: {
        openComplaints: 2,
        complaintsInWindow: 3,
        countedInWindow: 3,
        highestOpenSeverity: 'high',
        oldestOpenDays: 0,
        topCategory: 'performance',
        topCategoryCount: 2,
        reasons: 'count,severity,repeated_category',
      },
      thresholds: { windowDays: 30, countFromSeverity: 'medium' },
    },
  ],
};

export const purchaseLapse: ChurnRiskAlertV1 = {
  ...base,
  kind: 'purchase_lapse',
  summary: 'No purchase for 13 days (last on 2026-09-25); this customer usually buys every 6.5 days',
  evidence: [
    {
      detector: 'purchase-lapse',
      ruleVersion: 'detection-1',
      observed: { model: 'purchase-rhythm', lastPurchaseAt: '2026-09-25T18:44:00.001Z', daysSinceLastPurchase: 13.61, rhythmDays: 6.5 },
      thresholds: { lapseFactor: 2 },
    },
  ],
};

export const purchaseLapseByModel: ChurnRiskAlertV1 = {
  ...purchaseLapse,
  summary: 'No purchase for 42 days (last on 2026-08-27); the purchase model puts the chance that this customer still buys at 31 %',
  evidence: [
    {
      detector: 'purchase-lapse',
      ruleVersion: 'detection-1',
      observed: { model: 'bg-nbd', lastPurchaseAt: '2026-08-27T00:00:00.000Z', daysSinceLastPurchase: 42.2, probabilityAlive: 0.3117 },
      thresholds: { lapseBelowProbability: 0.5 },
    },
  ],
};

/** An open step of every alert kind. */
export const openAlerts: readonly ChurnRiskAlertV1[] = [
  usageDeclining,
  usageStopped,
  renewalUpcoming,
  renewalAtRisk,
  complaintEscalation,
  purchaseLapse,
  purchaseLapseByModel,
];

/** The all-clear and the close by hand of every kind, and a close because the contract ended. */
export const resolvedAlerts: readonly ChurnRiskAlertV1[] = [
  ...openAlerts.map((alert): ChurnRiskAlertV1 => ({ ...alert, status: 'resolved', resolution: 'all_clear', summary: 'All clear' })),
  ...openAlerts.map(
    (alert): ChurnRiskAlertV1 => ({
      ...alert,
      status: 'resolved',
      resolution: 'closed_by_hand',
      summary: 'Resolved by hand',
      history: [{ action: 'resolve', by: 'dana@example.com', at: '2026-10-09T08:00:00Z' }],
    }),
  ),
  { ...usageDeclining, status: 'resolved', resolution: 'contract_ended', summary: 'Closed, not resolved' },
  { ...renewalUpcoming, status: 'resolved', resolution: 'contract_ended', summary: 'Closed' },
];
