import type { Prng } from './prng.ts';

/**
 * Random variates drawn from a `Prng`. Each function consumes a deterministic amount of the
 * stream for given arguments and state, so a seed always reproduces the same draws.
 */

/** Uniform float in [min, max). */
export function uniform(rng: Prng, min: number, max: number): number {
  return min + (max - min) * rng.next();
}

/** Uniform integer in [min, max], both inclusive. */
export function intBetween(rng: Prng, min: number, max: number): number {
  return min + Math.floor(rng.next() * (max - min + 1));
}

export function bernoulli(rng: Prng, probability: number): boolean {
  return rng.next() < probability;
}

/** Standard normal by the Box–Muller transform. */
export function normal(rng: Prng, mean = 0, sd = 1): number {
  return mean + sd * Math.sqrt(-2 * Math.log(rng.nextOpen())) * Math.cos(2 * Math.PI * rng.next());
}

/** Log-normal with the given median and log-space standard deviation. */
export function logNormal(rng: Prng, median: number, sigma: number): number {
  return median * Math.exp(normal(rng, 0, sigma));
}

/** Exponential with the given mean (1 / rate). */
export function exponential(rng: Prng, mean: number): number {
  return -Math.log(rng.nextOpen()) * mean;
}

/** Gamma(shape, scale) by Marsaglia and Tsang's squeeze method; mean = shape × scale. */
export function gamma(rng: Prng, shape: number, scale: number): number {
  if (shape < 1) return gamma(rng, shape + 1, scale) * rng.nextOpen() ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const base = 1 + c * x;
    if (base <= 0) continue;
    const v = base * base * base;
    const u = rng.nextOpen();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}

/**
 * Poisson(mean). Small means multiply uniforms (Knuth); from 30 on, Hörmann's transformed
 * rejection with squeeze (PTRS), whose cost does not grow with the mean.
 */
export function poisson(rng: Prng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean < 30) {
    const limit = Math.exp(-mean);
    let k = 0;
    let product = rng.next();
    while (product > limit) {
      k++;
      product *= rng.next();
    }
    return k;
  }
  return poissonPtrs(rng, mean);
}

function poissonPtrs(rng: Prng, mean: number): number {
  const logMean = Math.log(mean);
  const b = 0.931 + 2.53 * Math.sqrt(mean);
  const a = -0.059 + 0.02483 * b;
  const logInvAlpha = Math.log(1.1239 + 1.1328 / (b - 3.4));
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.nextOpen();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (Math.log(v) + logInvAlpha - Math.log(a / (us * us) + b) <= -mean + k * logMean - logFactorial(k)) return k;
  }
}

/**
 * Negative binomial as a gamma–Poisson mixture: counts with the given mean whose variance is
 * mean + mean² / dispersion (smaller dispersion, burstier days).
 */
export function negativeBinomial(rng: Prng, mean: number, dispersion: number): number {
  if (mean <= 0) return 0;
  return poisson(rng, gamma(rng, dispersion, mean / dispersion));
}

export function choice<T>(rng: Prng, items: readonly T[]): T {
  if (items.length === 0) throw new RangeError('choice from an empty list');
  return items[Math.floor(rng.next() * items.length)] as T;
}

/** Index drawn with probability proportional to its weight (weights ≥ 0, not all 0). */
export function weightedIndex(rng: Prng, weights: readonly number[]): number {
  let total = 0;
  for (const weight of weights) total += weight;
  let target = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    target -= weights[i] as number;
    if (target < 0) return i;
  }
  // Rounding can leave a sliver at the end: the last positive weight takes it.
  for (let i = weights.length - 1; i >= 0; i--) if ((weights[i] as number) > 0) return i;
  throw new RangeError('weightedIndex needs a positive weight');
}

/** Key drawn with probability proportional to its weight. */
export function weightedKey<K extends string>(rng: Prng, weights: Readonly<Record<K, number>>): K {
  const keys = Object.keys(weights) as K[];
  return keys[
    weightedIndex(
      rng,
      keys.map((key) => weights[key]),
    )
  ] as K;
}

const smallLogFactorials: number[] = [0];
for (let k = 1; k < 256; k++) smallLogFactorials.push((smallLogFactorials[k - 1] as number) + Math.log(k));

/** ln(k!) exactly from a table below 256, by Stirling's series above (error < 1e-10 there). */
export function logFactorial(k: number): number {
  if (k < 256) return smallLogFactorials[k] as number;
  const inv = 1 / k;
  return k * Math.log(k) - k + 0.5 * Math.log(2 * Math.PI * k) + inv / 12 - (inv * inv * inv) / 360;
}
