import type { ChurnRiskAlertV1, CustomerHealthV1 } from '@churnwatch/contracts';
import { describe, expect, it } from 'vitest';
import { createDriver, type FedRecord } from '../../test/drive.ts';
import { at, DAY_MS, feedback, profile, profileDeleted } from '../../test/fixtures.ts';
import { evidence, signal } from '../../test/signals.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import type { KpiChangeV1 } from '../kpi/kpi-contract.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { alertIdOf } from './alert-builder.ts';
import type { ControlEventV1 } from './control-contract.ts';
import { createRiskScorer } from './risk-scorer.ts';

function decline(sinceMs: number, severity: Finding['severity'] = 'warning', fingerprint = 'warning:drop-step-6', drop = 62): Finding {
  return {
    kind: 'usage_declining',
    severity,
    since: new Date(sinceMs).toISOString(),
    headline: `Usage fell ${drop} % over 14 days against its 8-week baseline`,
    fingerprint,
    evidence,
  };
}

function escalation(sinceMs: number): Finding {
  return {
    kind: 'complaint_escalation',
    severity: 'warning',
    since: new Date(sinceMs).toISOString(),
    headline: '3 complaints in 30 days (2 open complaints)',
    fingerprint: 'warning:count:complaints-3',
    evidence,
  };
}

function control(customerId: string, timeMs: number, fields: Pick<ControlEventV1, 'action' | 'kind'> & { until?: string }): FedRecord {
  const value: ControlEventV1 = { schemaVersion: 1, eventId: `ctl-${timeMs}`, customerId, eventTime: new Date(timeMs).toISOString(), ...fields };
  return { input: 'control', key: customerId, value, eventTimeMs: timeMs };
}

function scorer(config: unknown = {}) {
  const driver = createDriver([createRiskScorer(parseDetectionConfig(config))]);
  return {
    driver,
    alerts: () => driver.outputsTo('alerts').map((output) => output.value as ChurnRiskAlertV1),
    health: () => driver.outputsTo('customerHealth').map((output) => output.value as CustomerHealthV1),
    kpi: () => driver.outputsTo('kpi').map((output) => output.value as KpiChangeV1),
  };
}

const NOW = at('2026-12-10');

/** An enterprise customer renewing on 2026-12-31 with two open complaints, whose usage fell 62 %. */
function decliningEnterprise(run: ReturnType<typeof scorer>, name?: string) {
  const named = name === undefined ? {} : { name };
  run.driver.send(profile('acme', { segment: 'enterprise', ...named, owner: { name: 'Jane Doe', email: 'jane@example.com' } }, NOW - 30 * DAY_MS));
  run.driver.send(
    signal('acme', 'contract', NOW - DAY_MS, {
      factor: { value: 1, detail: 'renews automatically on 2026-12-31' },
      facts: {
        renewalDate: '2026-12-31',
        autoRenew: true,
        contractStatus: 'active',
        recurringRevenue: { amount: '1000.00', currency: 'EUR', interval: 'month' },
      },
    }),
  );
  run.driver.send(
    signal('acme', 'complaints', NOW - DAY_MS, { factor: { value: 0.55, detail: '2 open complaints, 2 in 30 days' }, facts: { openComplaints: 2 } }),
  );
  run.driver.send(signal('acme', 'usage', NOW, { factor: { value: 0.38, detail: 'usage at 38 % of its usual level' }, findings: [decline(NOW)] }));
}

describe('risk scorer: alerts', () => {
  it('opens an alert with a deterministic id, a readable summary, evidence, value at risk, renewal date, owner and segment', () => {
    const run = scorer({ allowedSegments: ['enterprise'] });
    decliningEnterprise(run);
    const opened = run.alerts().find((alert) => alert.kind === 'usage_declining');
    const alertId = alertIdOf('acme', 'usage_declining', NOW);
    expect(opened).toEqual({
      schemaVersion: 1,
      alertId,
      eventId: `${alertId}-1`,
      customerId: 'acme',
      kind: 'usage_declining',
      status: 'opened',
      severity: 'warning',
      openedAt: '2026-12-10T00:00:00.000Z',
      eventTime: '2026-12-10T00:00:00.000Z',
      summary: 'Usage fell 62 % over 14 days against its 8-week baseline; renewal in 21 days; 2 open complaints',
      evidence,
      healthScore: 56.14,
      valueAtRisk: { amount: '12000.00', currency: 'EUR', basis: 'recurring_revenue' },
      renewalDate: '2026-12-31',
      openComplaints: 2,
      segment: 'enterprise',
      owner: { name: 'Jane Doe', email: 'jane@example.com' },
    });
  });

  it("carries the profile's name as the customer's display name", () => {
    const run = scorer({ allowedSegments: ['enterprise'] });
    decliningEnterprise(run, 'Acme Corp');
    const names = run.alerts().map((alert) => alert.customerName);
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['Acme Corp']));
  });

  it('decides renewal at risk: renewal within 60 days with declining usage, updated when complaints escalate; critical within 30', () => {
    const run = scorer();
    decliningEnterprise(run);
    run.driver.send(
      signal('acme', 'complaints', NOW + DAY_MS, {
        factor: { value: 0.2, detail: '2 open complaints, 3 in 30 days' },
        facts: { openComplaints: 2 },
        findings: [escalation(NOW + DAY_MS)],
      }),
    );
    const atRisk = run.alerts().filter((alert) => alert.kind === 'renewal_at_risk');
    // Two minor open complaints alone are no risk to the renewal; the decline and the escalation are.
    // Health: 100 × (0.35 × 0.38 + 0.2 × 0.2 + 0.15 × 1) / 0.7 = 46.14.
    expect(atRisk.map((alert) => [alert.status, alert.severity, alert.summary])).toEqual([
      ['opened', 'critical', 'Renewal on 2026-12-31 in 21 days at risk: usage declining'],
      ['updated', 'critical', 'Renewal on 2026-12-31 in 20 days at risk: health 46/100, usage declining, complaints escalated (2 open complaints)'],
    ]);
    expect(atRisk[1]).toMatchObject({ openedAt: '2026-12-10T00:00:00.000Z', renewalDate: '2026-12-31', segment: 'enterprise' });
    expect(atRisk[1]?.evidence[0]?.observed).toMatchObject({
      daysToRenewal: 20,
      healthScore: 46.14,
      reasons: 'poor_health,usage_declining,complaints_escalated',
    });
  });

  it('keeps a renewal risk of poor health open while the score hovers about the line, and clears it once the score recovers to 55', () => {
    const run = scorer();
    const HOUR_MS = DAY_MS / 24;
    run.driver.send(
      signal('acme', 'contract', NOW - DAY_MS, {
        factor: { value: 0, detail: 'renews by order' },
        facts: { renewalDate: '2026-12-31', autoRenew: true, contractStatus: 'active' },
      }),
    );
    // Health: 100 × (0.35 × usage + 0.2 × 1 + 0.15 × 0) / 0.7.
    for (const [hours, usage] of [
      [0, 0.4],
      [1, 0.45],
      [2, 0.42],
      [3, 0.46],
      [4, 0.56],
    ] as const) {
      run.driver.send(signal('acme', 'usage', NOW + hours * HOUR_MS, { factor: { value: usage, detail: `usage at ${usage * 100} %` } }));
    }
    const atRisk = run.alerts().filter((alert) => alert.kind === 'renewal_at_risk');
    expect(atRisk.map((alert) => [alert.status, alert.healthScore])).toEqual([
      ['opened', 48.57],
      ['resolved', 56.57],
    ]);
    expect(run.health().map((health) => health.score)).toEqual(expect.arrayContaining([48.57, 51.07, 49.57, 51.57, 56.57]));
  });

  it('publishes the health score with each factor’s contribution', () => {
    const run = scorer();
    decliningEnterprise(run);
    const latest = run.health().at(-1);
    // Weights present: usage 0.35, complaints 0.2, renewal 0.15 (sum 0.7).
    expect(latest).toEqual({
      schemaVersion: 1,
      customerId: 'acme',
      asOf: '2026-12-10T00:00:00.000Z',
      score: 56.14,
      band: 'watch',
      factors: [
        { factor: 'usage_trend', weight: 0.35, value: 0.38, points: 19, detail: 'usage at 38 % of its usual level' },
        { factor: 'complaints', weight: 0.2, value: 0.55, points: 15.71, detail: '2 open complaints, 2 in 30 days' },
        { factor: 'renewal', weight: 0.15, value: 1, points: 21.43, detail: 'renews automatically on 2026-12-31' },
      ],
      openAlerts: ['usage_declining', 'renewal_at_risk'],
      segment: 'enterprise',
      renewalDate: '2026-12-31',
      recurringRevenue: { amount: '1000.00', currency: 'EUR', interval: 'month' },
    });
  });

  it('updates on new evidence, escalates on a higher severity, and sends an all-clear on recovery', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, { findings: [decline(NOW)] }));
    run.driver.send(signal('acme', 'usage', NOW + 2 * DAY_MS, { findings: [decline(NOW, 'warning', 'warning:drop-step-5', 55)] }));
    run.driver.send(signal('acme', 'usage', NOW + 3 * DAY_MS, { findings: [decline(NOW, 'critical', 'critical:drop-step-7', 71)] }));
    run.driver.send(signal('acme', 'usage', NOW + 9 * DAY_MS, { detail: 'usage at 93 % of its 8-week baseline over the last 14 days' }));
    const steps = run.alerts().map((alert) => [alert.status, alert.severity, alert.eventId.slice(-2), alert.summary]);
    expect(steps).toEqual([
      ['opened', 'warning', '-1', 'Usage fell 62 % over 14 days against its 8-week baseline'],
      ['updated', 'warning', '-2', 'Usage fell 55 % over 14 days against its 8-week baseline'],
      ['escalated', 'critical', '-3', 'Usage fell 71 % over 14 days against its 8-week baseline'],
      ['resolved', 'critical', '-4', 'All clear: usage at 93 % of its 8-week baseline over the last 14 days'],
    ]);
    expect(new Set(run.alerts().map((alert) => alert.alertId))).toEqual(new Set([alertIdOf('acme', 'usage_declining', NOW)]));
  });

  it('keeps a cooldown after an all-clear and opens again, with a new id, when it ends', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, {}));
    run.driver.send(signal('acme', 'usage', NOW + 2 * DAY_MS, { findings: [decline(NOW + 2 * DAY_MS)] }));
    expect(run.alerts().map((alert) => alert.status)).toEqual(['opened', 'resolved']);
    run.driver.advanceTo(NOW + 10 * DAY_MS);
    const reopened = run.alerts().at(-1);
    expect(reopened).toMatchObject({
      status: 'opened',
      alertId: alertIdOf('acme', 'usage_declining', NOW + 2 * DAY_MS),
      eventTime: '2026-12-18T00:00:00.000Z',
    });
    expect(reopened?.eventId).toBe(`${reopened?.alertId}-3`);
  });

  it('snoozes a kind through a control event and looks again when the snooze ends', () => {
    const run = scorer();
    run.driver.send(control('acme', NOW - DAY_MS, { action: 'snooze', kind: 'usage_declining', until: '2026-12-20T00:00:00Z' }));
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    run.driver.send(signal('acme', 'usage', NOW + DAY_MS, { findings: [decline(NOW, 'critical', 'critical:drop-step-7', 71)] }));
    expect(run.alerts()).toEqual([]);
    run.driver.advanceTo(at('2026-12-21'));
    expect(run.alerts().map((alert) => [alert.status, alert.severity, alert.eventTime])).toEqual([['opened', 'critical', '2026-12-20T00:00:00.000Z']]);
  });

  it('lifts a snooze early through an unsnooze control event', () => {
    const run = scorer();
    run.driver.send(control('acme', NOW - DAY_MS, { action: 'snooze', kind: 'usage_declining', until: '2026-12-31T00:00:00Z' }));
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    run.driver.send(control('acme', NOW + DAY_MS, { action: 'unsnooze', kind: 'usage_declining' }));
    expect(run.alerts().map((alert) => alert.status)).toEqual(['opened']);
  });
});

describe('risk scorer: customers and KPIs', () => {
  it('gives a customer without a profile alerts in the default segment', () => {
    const run = scorer();
    run.driver.send(signal('anon', 'usage', NOW, { findings: [decline(NOW)] }));
    expect(run.alerts()[0]).toMatchObject({ segment: 'default', customerId: 'anon' });
    expect(run.alerts()[0]?.owner).toBeUndefined();
    // No contract, purchases or CRM value: the alert says why it has no value at risk.
    expect(run.alerts()[0]?.valueAtRisk).toBeUndefined();
    expect(run.alerts()[0]?.valueAtRiskUnknown).toBe('no contract, purchase or CRM contract value known');
  });

  it('uses the NPS answer as a factor once its moment has come', () => {
    const run = scorer();
    run.driver.send(feedback('acme', NOW, 3));
    expect(run.health()).toEqual([]);
    run.driver.advanceTo(NOW);
    expect(run.health().at(-1)?.factors).toEqual([
      { factor: 'complaints', weight: 0.2, value: 1, points: 57.14, detail: 'no complaints' },
      { factor: 'nps', weight: 0.15, value: 0.3, points: 12.86, detail: 'NPS answer 3 on 2026-12-10' },
    ]);
    expect(run.health().at(-1)?.score).toBe(70);
    expect(run.health().at(-1)?.asOf).toBe('2026-12-10T00:00:00.000Z');
  });

  it('holds an answer read ahead of the signals until the signals reach its time, as a replay in event-time order does', () => {
    const usageAt = (timeMs: number) => signal('acme', 'usage', timeMs, { factor: { value: 1, detail: 'usual usage' } });
    const ahead = scorer();
    ahead.driver.send(feedback('acme', NOW + 10 * DAY_MS, 2));
    ahead.driver.send(usageAt(NOW));
    ahead.driver.send(usageAt(NOW + 12 * DAY_MS));
    const inOrder = scorer();
    inOrder.driver.send(usageAt(NOW));
    inOrder.driver.send(feedback('acme', NOW + 10 * DAY_MS, 2));
    inOrder.driver.send(usageAt(NOW + 12 * DAY_MS));
    inOrder.driver.advanceTo(NOW + 12 * DAY_MS);
    // The signal of NOW is scored without the later answer; the answer counts from its own day.
    expect(ahead.health().map((record) => [record.asOf, record.score])).toEqual([
      ['2026-12-10T00:00:00.000Z', 100],
      ['2026-12-20T00:00:00.000Z', 82.86],
    ]);
    expect(ahead.health()).toEqual(inOrder.health());
  });

  it('applies an answer older than the signals at once, and keeps the latest answer', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'usage', NOW, { factor: { value: 1, detail: 'usual usage' } }));
    run.driver.send(feedback('acme', NOW - 2 * DAY_MS, 9));
    run.driver.send(feedback('acme', NOW - 5 * DAY_MS, 1));
    expect(
      run
        .health()
        .at(-1)
        ?.factors.find((factor) => factor.factor === 'nps')?.detail,
    ).toBe('NPS answer 9 on 2026-12-08');
  });

  it('sends KPI changes keyed by segment, moving the row when the segment changes', () => {
    const run = scorer({ allowedSegments: ['smb', 'enterprise'] });
    run.driver.send(profile('acme', { segment: 'smb' }, NOW - DAY_MS));
    run.driver.send(
      signal('acme', 'contract', NOW, {
        facts: {
          renewalDate: '2027-06-30',
          autoRenew: true,
          contractStatus: 'active',
          recurringRevenue: { amount: '1200.00', currency: 'EUR', interval: 'year' },
        },
      }),
    );
    run.driver.send(profile('acme', { segment: 'enterprise' }, NOW + DAY_MS));
    const row = { active: true, activeSince: '2026-12-10T00:00:00.000Z', mrrCents: 10_000, purchaseCount: 0, revenueCents: 0, clvCents: null, npsScore: null };
    expect(run.kpi().map((change) => [change.segment, change.before, change.after])).toEqual([
      ['smb', null, row],
      ['smb', row, null],
      ['enterprise', null, row],
    ]);
    run.driver.send(profileDeleted('acme', NOW + 2 * DAY_MS));
    expect(run.kpi().at(-1)?.segment).toBe('default');
  });

  it('values a buyer by its customer lifetime value, naming the method', () => {
    const run = scorer();
    run.driver.send(
      signal('shop', 'purchases', NOW, {
        facts: { customerValue: { amount: '3606.04', currency: 'EUR' }, customerValueMethod: 'order_rate' },
        findings: [
          {
            kind: 'purchase_lapse',
            severity: 'warning',
            since: new Date(NOW).toISOString(),
            headline: 'No purchase for 24 days',
            fingerprint: 'warning',
            evidence,
          },
        ],
      }),
    );
    expect(run.alerts()[0]?.valueAtRisk).toEqual({ amount: '3606.04', currency: 'EUR', basis: 'customer_lifetime_value', method: 'order_rate' });
    expect(run.alerts()[0]?.valueAtRiskUnknown).toBeUndefined();
  });

  it('puts the CRM segment in alerts and health records, folding it into other only for the KPI stream', () => {
    const run = scorer();
    run.driver.send(profile('acme', { segment: 'smb' }, NOW - DAY_MS));
    run.driver.send(signal('acme', 'usage', NOW, { findings: [decline(NOW)] }));
    expect(run.alerts()[0]?.segment).toBe('smb');
    expect(run.health().at(-1)?.segment).toBe('smb');
    expect(run.kpi().at(-1)?.segment).toBe('other');
  });

  it('marks a customer whose contract ended as inactive', () => {
    const run = scorer();
    run.driver.send(signal('acme', 'contract', NOW, { facts: { renewalDate: '2026-12-31', autoRenew: false, contractStatus: 'cancelled' } }));
    run.driver.send(signal('acme', 'contract', at('2027-01-07'), { facts: { renewalDate: '2026-12-31', autoRenew: false, contractStatus: 'ended' } }));
    expect(run.kpi().at(-1)?.after).toMatchObject({ active: false, activeSince: null, mrrCents: 0 });
  });
});
