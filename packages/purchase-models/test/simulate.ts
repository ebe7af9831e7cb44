import type { BgNbdParameters } from '../src/bgnbd/parameters.ts';
import type { PurchaseHistory } from '../src/history.ts';

/** Deterministic uniform(0, 1) generator (mulberry32), so simulated data sets are the same on every run. */
export function uniformSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (((mixed ^ (mixed >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
}

function standardNormal(uniform: () => number): number {
  return Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

/** Gamma(shape, rate 1) by Marsaglia and Tsang; shapes below 1 are boosted by U^(1/shape). */
export function gammaVariate(shape: number, uniform: () => number): number {
  if (shape < 1) return gammaVariate(shape + 1, uniform) * uniform() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const normal = standardNormal(uniform);
    const v = (1 + c * normal) ** 3;
    if (v > 0 && Math.log(uniform()) < 0.5 * normal * normal + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Customers drawn from the BG/NBD story itself: λ ~ Gamma(r, alpha), p ~ Beta(a, b), Poisson
 * purchases at rate λ after the first at time 0, dropout with probability p after each repeat
 * purchase, observed until their age.
 */
export function simulateBgNbd(parameters: BgNbdParameters, ages: readonly number[], seed: number): PurchaseHistory[] {
  const uniform = uniformSource(seed);
  return ages.map((age) => {
    const rate = gammaVariate(parameters.r, uniform) / parameters.alpha;
    const left = gammaVariate(parameters.a, uniform);
    const dropout = left / (left + gammaVariate(parameters.b, uniform));
    let time = 0;
    let frequency = 0;
    let recency = 0;
    for (;;) {
      time += -Math.log(uniform()) / rate;
      if (time > age) break;
      frequency += 1;
      recency = time;
      if (uniform() < dropout) break;
    }
    return { frequency, recency, age };
  });
}
