import { describe, expect, it } from 'vitest';
import { DEFAULT_THRESHOLDS } from '../config/defaults.ts';
import { computeHealthScore } from './health-score.ts';

const { healthWeights, healthBands } = DEFAULT_THRESHOLDS;

describe('health score', () => {
  it('weights each present factor, keeps each contribution, and the points sum to the score', () => {
    const health = computeHealthScore(
      [
        { factor: 'usage_trend', value: 0.38, detail: 'usage at 38 % of its usual level' },
        { factor: 'complaints', value: 0.55, detail: '2 open complaints' },
        { factor: 'renewal', value: 1, detail: 'renews automatically' },
        { factor: 'nps', value: 0.4, detail: 'NPS answer 4' },
      ],
      healthWeights,
      healthBands,
    );
    // Present weights 0.35 + 0.2 + 0.15 + 0.15 = 0.85: points = 100 × w/0.85 × value
    // = 15.647, 12.941, 17.647, 7.059; total 53.294 → 53.29, the hundredths going by largest remainder.
    expect(health?.factors.map((factor) => factor.points)).toEqual([15.65, 12.94, 17.64, 7.06]);
    expect(health?.score).toBe(53.29);
    expect(health?.band).toBe('watch');
    const sum = health!.factors.reduce((total, factor) => total + Math.round(factor.points * 100), 0);
    expect(sum).toBe(Math.round(health!.score * 100));
  });

  it('bands the score', () => {
    const one = (value: number) => computeHealthScore([{ factor: 'usage_trend', value, detail: '' }], healthWeights, healthBands);
    expect([one(0.8)?.band, one(0.74)?.band, one(0.49)?.band, one(0.2)?.band]).toEqual(['healthy', 'watch', 'at_risk', 'critical']);
    expect(one(0.2)?.score).toBe(20);
  });

  it('never passes 100 when every factor is perfect', () => {
    const perfect = computeHealthScore(
      (['usage_trend', 'complaints', 'purchase_recency', 'renewal'] as const).map((factor) => ({ factor, value: 1, detail: '' })),
      healthWeights,
      healthBands,
    );
    // 41.176 + 23.529 + 17.647 + 17.647: rounded one by one they would make 100.01.
    expect(perfect?.factors.map((factor) => factor.points)).toEqual([41.17, 23.53, 17.65, 17.65]);
    expect(perfect?.score).toBe(100);
  });

  it('has no score without a weighted factor', () => {
    expect(computeHealthScore([], healthWeights, healthBands)).toBeNull();
    expect(computeHealthScore([{ factor: 'nps', value: 1, detail: '' }], { ...healthWeights, nps: 0 }, healthBands)).toBeNull();
  });
});
