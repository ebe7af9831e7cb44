import { type ChurnRiskAlertV1, topicContracts, validateAgainst } from '@churnwatch/contracts';
import { createSimulation, eventToJsonLine, outcomeToJsonLine } from '@churnwatch/simulator';
import { describe, expect, it } from 'vitest';
import { type AlertOpening, computeBacktest, defaultInformationalKinds } from '../src/backtest/backtest.ts';
import { parseOutcome } from '../src/backtest/outcomes.ts';
import { formatBacktestTable } from '../src/backtest/report-table.ts';
import { recordsOf, replayRecords } from './generated.ts';

// A year of 300 generated customers, replayed in-process with the default detection
// configuration, then scored against the simulator's ground truth. The floors sit below what
// was measured when they were set (see packages/replay/README.md), with room for noise; a
// change to detection or replay that loses them fails here.
const FLOORS = {
  overall: { recall: 0.85, precision: 0.5, medianLeadDays: 30 },
  usage_stopped: { recall: 0.5, precision: 0.65, medianLeadDays: 14 },
};
// Customers of the healthy cohort (steady usage, no problem) that may get any predictive alert:
// 7 of its 90 when set.
const MAX_HEALTHY_ALERTED = 10;

describe('backtest on generated cohorts', () => {
  it('catches most churners early enough, with a precision above the floors', { timeout: 300_000 }, () => {
    const simulation = createSimulation({ seed: 2024, customers: 300, days: 365, startDate: '2025-01-01' });
    const records = recordsOf([...simulation.events()].map(eventToJsonLine));
    const outcomes = simulation.outcomes.map((outcome) => parseOutcome(JSON.parse(outcomeToJsonLine(outcome))));
    const startMs = records[0]!.eventTimeMs;
    const endMs = records[records.length - 1]!.eventTimeMs;

    const openings: AlertOpening[] = [];
    for (const output of replayRecords(records, 3, endMs)) {
      if (output.output !== 'alerts') continue;
      const alert = output.value as ChurnRiskAlertV1;
      expect(validateAgainst(topicContracts.alerts, alert).ok).toBe(true);
      if (alert.status === 'opened') openings.push({ customerId: alert.customerId, kind: alert.kind, atMs: Date.parse(alert.eventTime) });
    }
    const report = computeBacktest(openings, outcomes, {
      minLeadDays: 0,
      maxLeadDays: 120,
      historyStartMs: startMs,
      historyEndMs: endMs,
      informationalKinds: defaultInformationalKinds,
    });
    console.log(formatBacktestTable(report, 'backtest on generated cohorts (seed 2024, 300 customers, 365 days)'));

    const usageStopped = report.kinds.find((figures) => figures.kind === 'usage_stopped')!;
    const healthy = new Set(simulation.outcomes.filter((outcome) => outcome.cohort === 'healthy').map((outcome) => outcome.customerId));
    const healthyAlerted = new Set(
      openings.filter((opening) => healthy.has(opening.customerId) && !defaultInformationalKinds.includes(opening.kind)).map((opening) => opening.customerId),
    );
    console.log(`healthy customers alerted: ${healthyAlerted.size} of ${healthy.size}`);
    expect(healthyAlerted.size).toBeLessThanOrEqual(MAX_HEALTHY_ALERTED);
    expect(report.churnedCustomers).toBeGreaterThan(50);
    expect(report.overall.recall).toBeGreaterThanOrEqual(FLOORS.overall.recall);
    expect(report.overall.precision).toBeGreaterThanOrEqual(FLOORS.overall.precision);
    expect(report.overall.leadDays!.median).toBeGreaterThanOrEqual(FLOORS.overall.medianLeadDays);
    expect(usageStopped.recall).toBeGreaterThanOrEqual(FLOORS.usage_stopped.recall);
    expect(usageStopped.precision).toBeGreaterThanOrEqual(FLOORS.usage_stopped.precision);
    expect(usageStopped.leadDays!.median).toBeGreaterThanOrEqual(FLOORS.usage_stopped.medianLeadDays);
  });
});
