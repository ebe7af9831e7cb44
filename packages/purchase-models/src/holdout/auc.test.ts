import { describe, expect, it } from 'vitest';
import { areaUnderRocCurve } from './auc.ts';

/** The definition, by brute force over all positive–negative pairs. */
function pairwise(scores: readonly number[], positive: readonly boolean[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((high, i) => {
    if (!positive[i]) return;
    scores.forEach((low, j) => {
      if (positive[j]) return;
      pairs += 1;
      wins += high > low ? 1 : high === low ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('areaUnderRocCurve', () => {
  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when all scores tie', () => {
    expect(areaUnderRocCurve([0.1, 0.2, 0.8, 0.9], [false, false, true, true])).toBe(1);
    expect(areaUnderRocCurve([0.9, 0.8, 0.2, 0.1], [false, false, true, true])).toBe(0);
    expect(areaUnderRocCurve([0.5, 0.5, 0.5], [true, false, true])).toBe(0.5);
  });

  it('counts a tie between a positive and a negative as half a win', () => {
    // Pairs (positive, negative): (0.4, 0.1) win, (0.4, 0.4) tie, (0.7, 0.1) win, (0.7, 0.4) win → 3.5 / 4.
    expect(areaUnderRocCurve([0.1, 0.4, 0.4, 0.7], [false, false, true, true])).toBe(0.875);
  });

  it('agrees with the pairwise definition on data with many ties', () => {
    const scores = [3, 1, 2, 2, 5, 1, 3, 3, 0, 2, 4, 4, 1];
    const positive = [true, false, true, false, true, false, false, true, false, true, true, false, true];
    expect(areaUnderRocCurve(scores, positive)).toBeCloseTo(pairwise(scores, positive), 14);
  });

  it('does not depend on the order of the customers', () => {
    const scores = [0.3, 0.9, 0.1, 0.3, 0.6];
    const positive = [true, true, false, false, true];
    const order = [4, 2, 0, 3, 1];
    expect(areaUnderRocCurve(scores, positive)).toBe(
      areaUnderRocCurve(
        order.map((index) => scores[index]!),
        order.map((index) => positive[index]!),
      ),
    );
  });

  it('needs both classes, matching lengths and no NaN', () => {
    expect(() => areaUnderRocCurve([0.1, 0.2], [true, true])).toThrow(/both classes/);
    expect(() => areaUnderRocCurve([0.1], [true, false])).toThrow(/1 scores but 2 labels/);
    expect(() => areaUnderRocCurve([Number.NaN, 1], [true, false])).toThrow(/NaN/);
  });
});
