import type { ThresholdOverrides, Thresholds } from './sections.ts';

/**
 * Applies overrides section by section: a field given in an override replaces the base's; lists
 * replace whole. Later overrides win, so the call order is the precedence (defaults, then
 * segment, then plan). Pure; returns a new object.
 */
export function mergeThresholds(base: Thresholds, ...overrides: readonly (ThresholdOverrides | undefined)[]): Thresholds {
  let merged = base;
  for (const override of overrides) {
    if (override === undefined) continue;
    merged = {
      usage: { ...merged.usage, ...override.usage },
      silence: { ...merged.silence, ...override.silence },
      renewal: { ...merged.renewal, ...override.renewal },
      renewalRisk: { ...merged.renewalRisk, ...override.renewalRisk },
      complaints: { ...merged.complaints, ...override.complaints },
      purchases: { ...merged.purchases, ...override.purchases },
      healthWeights: { ...merged.healthWeights, ...override.healthWeights },
      healthBands: { ...merged.healthBands, ...override.healthBands },
      lifecycle: { ...merged.lifecycle, ...override.lifecycle },
    };
  }
  return merged;
}
