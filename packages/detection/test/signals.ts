import type { ChurnRiskAlertV1 } from '@churnwatch/contracts';
import { parseDetectionConfig } from '../src/config/parse.ts';
import { createRiskScorer } from '../src/scoring/risk-scorer.ts';
import type { Finding, SignalConcern, SignalV1 } from '../src/signals/signal-contract.ts';
import { createDriver, type FedRecord } from './drive.ts';

/** Builders of the monitors' signals, for tests that drive the risk scorer alone. */
export const evidence = [{ detector: 'test', ruleVersion: 'r1', observed: { x: 1 }, thresholds: {} }];

export function signal(customerId: string, concern: SignalConcern, timeMs: number, fields: Partial<SignalV1> = {}): FedRecord {
  const value: SignalV1 = {
    schemaVersion: 1,
    eventId: `s-${concern}-${timeMs}`,
    customerId,
    eventTime: new Date(timeMs).toISOString(),
    concern,
    factor: null,
    detail: `${concern} detail`,
    evidence,
    findings: [],
    facts: {},
    ...fields,
  };
  return { input: 'signals', key: customerId, value, eventTimeMs: timeMs };
}

/** A finding of `kind` that began at `sinceMs`. */
export function finding(kind: Finding['kind'], sinceMs: number, fields: Partial<Finding> = {}): Finding {
  return { kind, severity: 'warning', since: new Date(sinceMs).toISOString(), headline: `${kind} headline`, fingerprint: 'warning', evidence, ...fields };
}

/** The risk scorer alone on the local topology, with its alerts as values. */
export function scorerDriver(config: unknown = {}) {
  const driver = createDriver([createRiskScorer(parseDetectionConfig(config))]);
  return { driver, alerts: () => driver.outputsTo('alerts').map((output) => output.value as ChurnRiskAlertV1) };
}
