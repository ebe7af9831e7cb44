import { describe, expect, it } from 'vitest';
import { createDriver } from '../../test/drive.ts';
import { at } from '../../test/fixtures.ts';
import { parseDetectionConfig } from '../config/parse.ts';
import { createKpiAggregator } from './kpi-aggregator.ts';
import type { KpiChangeV1, KpiRow, RetentionKpisV1 } from './kpi-contract.ts';

function row(activeSince: string | null, mrrCents: number, purchaseCount: number, clvCents: number | null, npsScore: number | null): KpiRow {
  return {
    active: activeSince !== null,
    activeSince: activeSince === null ? null : `${activeSince}T00:00:00.000Z`,
    mrrCents,
    purchaseCount,
    revenueCents: 0,
    clvCents,
    npsScore,
  };
}

function change(customerId: string, date: string, before: KpiRow | null, after: KpiRow | null) {
  const value: KpiChangeV1 = {
    schemaVersion: 1,
    eventId: `k-${customerId}-${date}`,
    segment: 'smb',
    customerId,
    eventTime: `${date}T12:00:00.000Z`,
    before,
    after,
  };
  return { input: 'kpi', key: 'smb', value, eventTimeMs: at(date, 12) };
}

describe('KPI aggregator', () => {
  // A hand-computed segment. February: A and B active since January, C and D join.
  const a = row('2026-01-10', 10_000, 3, 90_000, 9);
  const b = row('2026-01-12', 20_000, 1, 20_000, 5);
  const c = row('2026-02-05', 5_000, 0, null, null);
  const d = row('2026-02-10', 30_000, 2, 60_000, 8);
  const e = row('2026-03-10', 8_000, 2, 40_000, 10);
  const f = row('2026-01-20', 2_000, 0, null, null);

  function run() {
    const driver = createDriver([createKpiAggregator(parseDetectionConfig({}))]);
    for (const [customer, after] of [
      ['a', a],
      ['b', b],
      ['c', c],
      ['d', d],
    ] as const)
      driver.send(change(customer, '2026-02-15', null, after));
    // March: A expands, B churns, D contracts, E is new, F moves in from another segment.
    driver.send(change('a', '2026-03-03', a, { ...a, mrrCents: 15_000 }));
    driver.send(change('b', '2026-03-04', b, { ...b, active: false, activeSince: null, mrrCents: 0 }));
    driver.send(change('d', '2026-03-05', d, { ...d, mrrCents: 25_000 }));
    driver.send(change('e', '2026-03-10', null, e));
    driver.send(change('f', '2026-03-12', null, f));
    driver.advanceTo(at('2026-04-01'));
    return driver.outputsTo('retentionKpis').map((output) => output.value as RetentionKpisV1);
  }

  it('closes February with the customers active before it as the start cohort', () => {
    const february = run().find((snapshot) => snapshot.final && snapshot.period.from === '2026-02-01T00:00:00.000Z');
    expect(february?.asOf).toBe('2026-03-01T00:00:00.000Z');
    expect(february?.customers).toEqual({ atStart: 2, atEnd: 4, acquired: 2, lost: 0, purchasers: 3, repeatPurchasers: 2 });
    expect(february?.retentionRate).toBe(1);
  });

  it('computes March: CRR = (E − N)/S, churn = lost/S, NDR, RPR, NPS and CLV', () => {
    const march = run().find((snapshot) => snapshot.final && snapshot.period.from === '2026-03-01T00:00:00.000Z');
    expect(march?.period).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    // S = A, B, C, D and F (moved in, active since January) = 5; E = A, C, D, E, F = 5; N = E (new) = 1; lost = B.
    expect(march?.customers).toEqual({ atStart: 5, atEnd: 5, acquired: 1, lost: 1, purchasers: 4, repeatPurchasers: 3 });
    expect(march?.retentionRate).toBe(0.8);
    expect(march?.churnRate).toBe(0.2);
    // Start MRR 100 + 200 + 50 + 300 + 20 = 670; + 50 expansion − 50 contraction − 200 churned = 470.
    expect(march?.mrrCents).toEqual({ atStart: 67_000, current: 55_000, expansion: 5_000, contraction: 5_000, churned: 20_000 });
    expect(march?.netDollarRetention).toBe(470 / 670);
    // RPR: A, D, E of the purchasers A, B, D, E.
    expect(march?.repeatPurchaseRate).toBe(0.75);
    // NPS: promoters A (9), E (10); passive D (8); detractor B (5): 100 × (2 − 1) / 4.
    expect(march?.npsAnswers).toEqual({ promoters: 2, passives: 1, detractors: 1 });
    expect(march?.nps).toBe(25);
    // CLV: mean of 900, 200, 600 and 400.
    expect(march?.customerLifetimeValueCents).toBe(52_500);
  });

  it('sends a live snapshot after every change, with deterministic ids', () => {
    const snapshots = run();
    expect(snapshots.filter((snapshot) => !snapshot.final)).toHaveLength(9);
    expect(new Set(snapshots.map((snapshot) => snapshot.eventId)).size).toBe(snapshots.length);
    expect(snapshots.map((snapshot) => snapshot.eventId)).toEqual(run().map((snapshot) => snapshot.eventId));
  });
});
