import { describe, expect, it } from 'vitest';
import { noUsageProbability, weightForProbability } from './silence.ts';

describe('silence: rates known from a total of S uses', () => {
  it('needs a weight of S × (alpha^(−1/S) − 1) for P(no usage) = alpha: more for a small account', () => {
    // 14 × (0.0001^(−1/14) − 1) = 13.0298; from 648 uses nearly −ln(0.0001) = 9.2103.
    expect(weightForProbability(1e-4, 14)).toBeCloseTo(13.0297682043655, 10);
    expect(weightForProbability(1e-4, 648)).toBeCloseTo(9.276107126451492, 10);
    expect(noUsageProbability(weightForProbability(1e-4, 14), 14)).toBeCloseTo(1e-4, 15);
  });

  it('gives (1 + W/S)^(−S), above the e^(−W) of exact rates', () => {
    // (1 + 108/648)^(−648) = 4.1541e−44 against e^(−108) = 1.2479e−47.
    expect(noUsageProbability(108, 648)).toBeCloseTo(4.154132258074241e-44, 55);
    expect(noUsageProbability(108, 648)).toBeGreaterThan(Math.exp(-108));
  });
});
