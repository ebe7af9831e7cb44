import { describe, expect, it } from 'vitest';
import { precisionAtRecall } from './precision-at-recall.ts';

describe('precisionAtRecall', () => {
  it('takes customers by descending score until the recall is reached', () => {
    // Positives at ranks 1, 3, 4 of 6: recall 0.5 needs 2 of 3 → the top 3, of whom 2 are positive.
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4];
    const positive = [true, false, true, true, false, false];
    expect(precisionAtRecall(scores, positive, 0.5)).toBe(2 / 3);
    expect(precisionAtRecall(scores, positive, 0.3)).toBe(1);
    expect(precisionAtRecall(scores, positive, 1)).toBe(3 / 4);
  });

  it('takes a tie as a whole', () => {
    // The top three tie: taking them gives 2 positives of 3 however they are ordered.
    expect(precisionAtRecall([0.9, 0.9, 0.9, 0.1], [true, false, true, true], 0.3)).toBe(2 / 3);
  });
});
