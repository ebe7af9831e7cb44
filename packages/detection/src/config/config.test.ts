import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from './defaults.ts';
import { parseDetectionConfig } from './parse.ts';
import { resolveThresholds, segmentLabelOf } from './resolve.ts';

function issuesOf(input: unknown): readonly string[] {
  try {
    parseDetectionConfig(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).issues;
  }
  throw new Error('expected a ConfigError');
}

describe('parseDetectionConfig', () => {
  it('gives the built-in defaults for an empty configuration', () => {
    const config = parseDetectionConfig({});
    expect(config.thresholds).toEqual(DEFAULT_THRESHOLDS);
    expect(config.segmentLabels).toEqual(['default', 'other']);
    expect(config.usageHistoryDays).toBe(120);
    expect(config.kpi).toEqual({ periodMonths: 1, reportingCurrency: 'EUR' });
  });

  it('lets a plan override win over its segment, and the segment over the defaults', () => {
    const config = parseDetectionConfig({
      defaults: { usage: { alpha: 0.02 } },
      segments: { enterprise: { usage: { minRelativeDrop: 0.2, recoveredBelowRelativeDrop: 0.1 }, lifecycle: { cooldownDays: 14 } } },
      plans: { starter: { usage: { minRelativeDrop: 0.5 } } },
    });
    const enterpriseStarter = resolveThresholds(config, { segment: 'enterprise', plan: 'starter' });
    expect(enterpriseStarter.usage.alpha).toBe(0.02);
    expect(enterpriseStarter.usage.minRelativeDrop).toBe(0.5);
    expect(enterpriseStarter.usage.recoveredBelowRelativeDrop).toBe(0.1);
    expect(enterpriseStarter.lifecycle.cooldownDays).toBe(14);
    expect(resolveThresholds(config, { segment: 'enterprise' }).usage.minRelativeDrop).toBe(0.2);
    expect(resolveThresholds(config, {}).usage.minRelativeDrop).toBe(0.6);
    expect(resolveThresholds(config, { segment: 'constructor', plan: 'toString' })).toBe(config.thresholds);
  });

  it('names every bad field, in the overrides as well', () => {
    expect(
      issuesOf({
        segments: { enterprise: { usage: { minRelativeDrop: 1.5, minRelativDrop: 0.2 } } },
        plans: { gold: { complaints: { escalateAtSeverity: 'urgent' } } },
        kpi: { periodMonths: 5 },
      }),
    ).toEqual([
      'segments.enterprise.usage.minRelativeDrop: must be between 0 and 1',
      'segments.enterprise.usage.minRelativDrop: unknown field',
      'plans.gold.complaints.escalateAtSeverity: must be one of low, medium, high, critical, never',
      'kpi.periodMonths: must be 1, 2, 3, 4, 6 or 12',
    ]);
  });

  it('checks relations after merging, and reports each where it arises', () => {
    expect(
      issuesOf({
        defaults: { silence: { warningAfterDays: 20 } },
        segments: { smb: { usage: { recoveredBelowRelativeDrop: 0.6 } } },
        plans: { trial: { usage: { baselineWeeks: 16 } } },
      }),
    ).toEqual([
      'defaults.silence.criticalAfterDays: must be at least silence.warningAfterDays (20)',
      'plans.trial.usage.baselineWeeks: recentWindowDays + 7 × baselineWeeks = 126 days must fit in usageHistoryDays (120)',
      'segments.smb.usage.recoveredBelowRelativeDrop: must be below usage.minRelativeDrop (0.6) so that an alert does not flap',
    ]);
  });

  it('checks the statistical thresholds: critical levels no looser than the warning, windows that fit, month-days', () => {
    expect(issuesOf({ defaults: { usage: { annualHolidays: ['12-24', '12-32'] } } })).toEqual(['defaults.usage.annualHolidays.1: must be a month-day (MM-DD)']);
    expect(
      issuesOf({
        defaults: { silence: { criticalAlpha: 0.001 }, usage: { maxRecentWindowDays: 100 }, purchases: { criticalLapseAlpha: 0.2 } },
      }),
    ).toEqual([
      'defaults.usage.maxRecentWindowDays: maxRecentWindowDays + 7 × minBaselineWeeks = 128 days must fit in usageHistoryDays (120)',
      'defaults.silence.criticalAlpha: must be at most silence.alpha (0.0001)',
      'defaults.purchases.criticalLapseAlpha: must be at most purchases.lapseAlpha (0.05)',
    ]);
  });

  it('reports a problem that only the combination of a segment and a plan creates', () => {
    expect(
      issuesOf({
        segments: { enterprise: { complaints: { countThreshold: 4, criticalCount: 4 } } },
        plans: { gold: { complaints: { criticalCount: 3 } } },
      }),
    ).toEqual(['plans.gold on segments.enterprise: complaints.criticalCount: must be at least complaints.countThreshold (4)']);
  });

  it('bounds segment labels: configured segments keep their name, others become `other`', () => {
    const config = parseDetectionConfig({ allowedSegments: ['smb'], segments: { enterprise: {} }, defaultSegment: 'unassigned' });
    expect(config.segmentLabels).toEqual(['enterprise', 'other', 'smb', 'unassigned']);
    expect(segmentLabelOf(config, 'enterprise')).toBe('enterprise');
    expect(segmentLabelOf(config, 'startup')).toBe('other');
    expect(segmentLabelOf(config, undefined)).toBe('unassigned');
  });
});
