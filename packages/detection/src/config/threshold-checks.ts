import type { Thresholds } from './sections.ts';

/** A problem with a merged threshold set; `path` is relative to the set, e.g. `usage.alpha`. */
export interface ThresholdProblem {
  readonly path: string;
  readonly message: string;
}

/**
 * Checks that relate two or more fields. They run on every merged set (defaults, each segment,
 * each plan, each segment with each plan), because an override can break a relation that the
 * defaults kept. `historyDays` is the length of the usage monitor's day ring. Pure.
 */
export function thresholdProblems(thresholds: Thresholds, historyDays: number): ThresholdProblem[] {
  const problems: ThresholdProblem[] = [];
  const problem = (path: string, message: string) => problems.push({ path, message });
  const { usage, silence, renewal, renewalRisk, complaints, purchases, healthWeights, healthBands } = thresholds;

  if (usage.minBaselineWeeks > usage.baselineWeeks) problem('usage.minBaselineWeeks', `must be at most usage.baselineWeeks (${usage.baselineWeeks})`);
  if (usage.criticalRelativeDrop < usage.minRelativeDrop)
    problem('usage.criticalRelativeDrop', `must be at least usage.minRelativeDrop (${usage.minRelativeDrop})`);
  if (usage.recoveredBelowRelativeDrop >= usage.minRelativeDrop)
    problem('usage.recoveredBelowRelativeDrop', `must be below usage.minRelativeDrop (${usage.minRelativeDrop}) so that an alert does not flap`);
  const neededDays = usage.recentWindowDays + 7 * usage.baselineWeeks;
  if (neededDays > historyDays)
    problem('usage.baselineWeeks', `recentWindowDays + 7 × baselineWeeks = ${neededDays} days must fit in usageHistoryDays (${historyDays})`);
  if (usage.maxRecentWindowDays < usage.recentWindowDays)
    problem('usage.maxRecentWindowDays', `must be at least usage.recentWindowDays (${usage.recentWindowDays})`);
  const longestDays = usage.maxRecentWindowDays + 7 * usage.minBaselineWeeks;
  if (longestDays > historyDays)
    problem('usage.maxRecentWindowDays', `maxRecentWindowDays + 7 × minBaselineWeeks = ${longestDays} days must fit in usageHistoryDays (${historyDays})`);
  if (silence.criticalAfterDays < silence.warningAfterDays)
    problem('silence.criticalAfterDays', `must be at least silence.warningAfterDays (${silence.warningAfterDays})`);
  if (silence.criticalAlpha > silence.alpha) problem('silence.criticalAlpha', `must be at most silence.alpha (${silence.alpha})`);
  if (new Set(renewal.horizonsDays).size !== renewal.horizonsDays.length) problem('renewal.horizonsDays', 'must not repeat a horizon');
  if (renewalRisk.criticalWithinDays > renewalRisk.withinDays)
    problem('renewalRisk.criticalWithinDays', `must be at most renewalRisk.withinDays (${renewalRisk.withinDays})`);
  if (complaints.criticalCount < complaints.countThreshold)
    problem('complaints.criticalCount', `must be at least complaints.countThreshold (${complaints.countThreshold})`);
  // Only complaints opened within the window stand: one must be able to stand unresolvedDays within it.
  if (complaints.unresolvedDays >= complaints.windowDays)
    problem('complaints.unresolvedDays', `must be below complaints.windowDays (${complaints.windowDays}): only complaints opened within the window stand`);
  if (purchases.criticalLapseFactor < purchases.lapseFactor)
    problem('purchases.criticalLapseFactor', `must be at least purchases.lapseFactor (${purchases.lapseFactor})`);
  if (purchases.criticalLapseAlpha > purchases.lapseAlpha)
    problem('purchases.criticalLapseAlpha', `must be at most purchases.lapseAlpha (${purchases.lapseAlpha})`);
  if (Object.values(healthWeights).every((weight) => weight === 0)) problem('healthWeights', 'must give at least one factor a weight above 0');
  if (!(healthBands.watchBelow >= healthBands.atRiskBelow && healthBands.atRiskBelow >= healthBands.criticalBelow))
    problem('healthBands', 'must satisfy watchBelow ≥ atRiskBelow ≥ criticalBelow');
  return problems;
}
