import type { CustomerHealthV1, HealthFactor } from '@churnwatch/contracts';
import type { Thresholds } from '../config/sections.ts';

export interface FactorReading {
  readonly factor: HealthFactor;
  /** 0 bad … 1 good. */
  readonly value: number;
  readonly detail: string;
}

export type HealthFactorContribution = CustomerHealthV1['factors'][number];

export interface HealthScore {
  /** 0 … 100, two decimals; exactly the sum of the factors' points. */
  readonly score: number;
  readonly band: CustomerHealthV1['band'];
  readonly factors: readonly HealthFactorContribution[];
}

/**
 * The health score: Σ over the factors present of 100 × (weight / Σ present weights) × value.
 * Factors without a reading (no feedback yet, no contract…) are left out and the other weights
 * renormalised, so a missing source neither helps nor hurts. Points are in hundredths, rounded
 * by largest remainder: the score is the exact sum rounded to hundredths, and the factors' points
 * add up to it exactly (never past 100). Null when no factor with weight is present. Pure.
 */
export function computeHealthScore(
  readings: readonly FactorReading[],
  weights: Thresholds['healthWeights'],
  bands: Thresholds['healthBands'],
): HealthScore | null {
  const present = readings.filter((reading) => weights[reading.factor] > 0);
  const totalWeight = present.reduce((total, reading) => total + weights[reading.factor], 0);
  if (present.length === 0 || totalWeight <= 0) return null;
  const hundredths = apportion(present.map((reading) => (10_000 * weights[reading.factor] * reading.value) / totalWeight));
  const score = hundredths.reduce((total, points) => total + points, 0) / 100;
  return {
    score,
    band: bandOf(score, bands),
    factors: present.map((reading, i) => ({
      factor: reading.factor,
      weight: weights[reading.factor],
      value: reading.value,
      points: (hundredths[i] as number) / 100,
      detail: reading.detail,
    })),
  };
}

/**
 * Whole numbers with the same rounded total as `shares`: each share rounded down, then the units
 * still missing go to the largest remainders (the earlier share on a tie).
 */
function apportion(shares: readonly number[]): number[] {
  const target = Math.round(shares.reduce((total, share) => total + share, 0));
  const floors = shares.map((share) => Math.floor(share));
  const missing = target - floors.reduce((total, floor) => total + floor, 0);
  const byRemainder = shares.map((share, i) => ({ i, remainder: share - (floors[i] as number) })).sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  for (const { i } of byRemainder.slice(0, missing)) floors[i] = (floors[i] as number) + 1;
  return floors;
}

export function bandOf(score: number, bands: Thresholds['healthBands']): CustomerHealthV1['band'] {
  if (score < bands.criticalBelow) return 'critical';
  if (score < bands.atRiskBelow) return 'at_risk';
  if (score < bands.watchBelow) return 'watch';
  return 'healthy';
}
