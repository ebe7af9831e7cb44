import type { AlertEvidence } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';
import { percent, roundTo } from '../numbers.ts';
import type { Finding } from '../signals/signal-contract.ts';
import { dayStartMs, isoOf } from '../time/days.ts';
import type { DeclineMeasurement } from './decline-test.ts';

type UsageThresholds = Thresholds['usage'];

/**
 * Whether the customer is declining. Opening needs all three: a significant test (p below alpha
 * shared among the windows tested, see measureDecline),
 * a drop of at least `minRelativeDrop`, and an expected volume of at least `minExpectedCount`
 * (so that a small account's tiny absolute dip never alerts). Once open, the decline holds until
 * the drop is below `recoveredBelowRelativeDrop`: the gap between the two thresholds is the
 * hysteresis that keeps an alert from flapping around one threshold. Pure.
 */
export function isDeclining(measurement: DeclineMeasurement, usage: UsageThresholds, alreadyOpen: boolean): boolean {
  if (alreadyOpen) return measurement.relativeDrop >= usage.recoveredBelowRelativeDrop;
  return (
    measurement.pValue < usage.alpha / measurement.windowsTested &&
    measurement.relativeDrop >= usage.minRelativeDrop &&
    measurement.expected >= usage.minExpectedCount
  );
}

export function declineEvidence(measurement: DeclineMeasurement, usage: UsageThresholds, ruleVersion: string): AlertEvidence {
  const windowDays = measurement.windowToDay - measurement.windowFromDay + 1;
  return {
    detector: 'usage-decline',
    ruleVersion,
    window: { from: isoOf(dayStartMs(measurement.windowFromDay)), to: isoOf(dayStartMs(measurement.windowToDay + 1)) },
    baseline: { from: isoOf(dayStartMs(measurement.baseline.fromDay)), to: isoOf(dayStartMs(measurement.baseline.toDay + 1)) },
    observed: {
      observedCount: measurement.observed,
      expectedCount: roundTo(measurement.expected, 2),
      observedPerDay: roundTo(measurement.observed / windowDays, 2),
      expectedPerDay: roundTo(measurement.expected / windowDays, 2),
      relativeDrop: roundTo(measurement.relativeDrop, 4),
      baselineWeeks: measurement.baselineWeeks,
      dispersion: roundTo(measurement.baseline.dispersion, 4),
      expectedCountError: roundTo(measurement.expectedError, 2),
      windowsTested: measurement.windowsTested,
      test: measurement.test,
    },
    thresholds: {
      alpha: usage.alpha,
      minRelativeDrop: usage.minRelativeDrop,
      criticalRelativeDrop: usage.criticalRelativeDrop,
      recoveredBelowRelativeDrop: usage.recoveredBelowRelativeDrop,
      minExpectedCount: usage.minExpectedCount,
      confirmDays: usage.confirmDays,
    },
    statistic: { name: measurement.test === 'poisson' ? 'poisson_lower_tail_p' : 'negative_binomial_lower_tail_p', value: measurement.pValue },
  };
}

export function declineHeadline(measurement: DeclineMeasurement): string {
  const windowDays = measurement.windowToDay - measurement.windowFromDay + 1;
  return `Usage fell ${percent(measurement.relativeDrop)} % over ${windowDays} days against its ${measurement.baselineWeeks}-week baseline`;
}

/** The worst a decline has been since it opened: its deepest `materialDropChange` step and whether it was critical. */
export interface DeclinePeak {
  readonly step: number;
  readonly critical: boolean;
}

/** The peak after one more measurement. */
export function nextDeclinePeak(measurement: DeclineMeasurement, usage: UsageThresholds, previous: DeclinePeak | undefined): DeclinePeak {
  return {
    step: Math.max(Math.floor(measurement.relativeDrop / usage.materialDropChange), previous?.step ?? 0),
    critical: measurement.relativeDrop >= usage.criticalRelativeDrop || previous?.critical === true,
  };
}

/**
 * The finding of an open decline. Severity and fingerprint follow the peak, so they only rise
 * while the decline is open: a decline that deepens by a step is new evidence (an update, or an
 * escalation once critical), while a partial recovery stays quiet until the decline clears.
 */
export function declineFinding(measurement: DeclineMeasurement, usage: UsageThresholds, sinceMs: number, peak: DeclinePeak, ruleVersion: string): Finding {
  const severity = peak.critical ? 'critical' : 'warning';
  return {
    kind: 'usage_declining',
    severity,
    since: isoOf(sinceMs),
    headline: declineHeadline(measurement),
    fingerprint: `${severity}:peak-step-${peak.step}`,
    evidence: [declineEvidence(measurement, usage, ruleVersion)],
  };
}
