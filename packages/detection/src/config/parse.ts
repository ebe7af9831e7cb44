import { ConfigError } from '@churnwatch/errors';
import type { z } from 'zod';
import { DEFAULT_THRESHOLDS } from './defaults.ts';
import { type DetectionConfig, detectionConfigInput, OTHER_SEGMENT } from './detection-config.ts';
import { mergeThresholds } from './merge.ts';
import type { Thresholds } from './sections.ts';
import { type ThresholdProblem, thresholdProblems } from './threshold-checks.ts';

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const path = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => `${path ? `${path}.` : ''}${key}: unknown field`);
  return [`${path || '(root)'}: ${issue.message}`];
}

function problemKey(problem: ThresholdProblem): string {
  return `${problem.path}\u0000${problem.message}`;
}

/**
 * Validates every merged threshold set and reports each problem once, where it first arises:
 * a problem of the defaults is not repeated for each segment, a problem of a segment not for
 * each of its plans.
 */
function mergedSetProblems(config: DetectionConfig): string[] {
  const issues: string[] = [];
  const check = (thresholds: Thresholds, prefix: string, known: ReadonlySet<string>): Set<string> => {
    const found = thresholdProblems(thresholds, config.usageHistoryDays);
    for (const problem of found) if (!known.has(problemKey(problem))) issues.push(`${prefix}${problem.path}: ${problem.message}`);
    return new Set([...known, ...found.map(problemKey)]);
  };
  const ofDefaults = check(config.thresholds, 'defaults.', new Set());
  const ofPlans = new Map<string, Set<string>>();
  for (const [plan, override] of Object.entries(config.plans))
    ofPlans.set(plan, check(mergeThresholds(config.thresholds, override), `plans.${plan}.`, ofDefaults));
  for (const [segment, override] of Object.entries(config.segments)) {
    const ofSegment = check(mergeThresholds(config.thresholds, override), `segments.${segment}.`, ofDefaults);
    for (const [plan, planOverride] of Object.entries(config.plans)) {
      const known = new Set([...ofSegment, ...(ofPlans.get(plan) ?? [])]);
      check(mergeThresholds(config.thresholds, override, planOverride), `plans.${plan} on segments.${segment}: `, known);
    }
  }
  return issues;
}

/**
 * Parses and validates the detection configuration once, at start-up. Throws a `ConfigError`
 * naming every bad field (e.g. `segments.enterprise.usage.minRelativeDrop: must be between 0
 * and 1`); never returns a half-valid configuration. Pure.
 */
export function parseDetectionConfig(input: unknown, source = 'detection configuration'): DetectionConfig {
  const parsed = detectionConfigInput.safeParse(input ?? {});
  if (!parsed.success) throw new ConfigError(source, parsed.error.issues.flatMap(describeIssue));
  const raw = parsed.data;
  const labels = new Set([...raw.allowedSegments, ...Object.keys(raw.segments), raw.defaultSegment, OTHER_SEGMENT]);
  const config: DetectionConfig = {
    ruleVersion: raw.ruleVersion,
    defaultSegment: raw.defaultSegment,
    segmentLabels: [...labels].sort(),
    thresholds: mergeThresholds(DEFAULT_THRESHOLDS, raw.defaults),
    segments: raw.segments,
    plans: raw.plans,
    usageMetric: raw.usageMetric,
    usageHistoryDays: raw.usageHistoryDays,
    dormantAfterDays: raw.dormantAfterDays,
    kpi: raw.kpi,
  };
  const issues = mergedSetProblems(config);
  if (issues.length > 0) throw new ConfigError(source, issues);
  return config;
}
