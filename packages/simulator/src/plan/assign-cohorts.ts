import type { SimulationOptions } from '../config/options.ts';
import { bernoulli, choice } from '../random/distributions.ts';
import { Prng } from '../random/prng.ts';
import { type Cohort, cohortNames, overlayChoices } from './cohorts.ts';
import { streams } from './streams.ts';

export interface Membership {
  readonly cohort: Cohort;
  readonly secondary: Cohort | null;
}

/**
 * Exact cohort sizes by largest remainder (so the mix holds even for a few customers), at least one
 * customer per cohort with a positive weight when there are enough customers, in a seeded order.
 */
export function cohortCounts(mix: Readonly<Record<Cohort, number>>, customers: number): Record<Cohort, number> {
  const total = cohortNames.reduce((sum, cohort) => sum + mix[cohort], 0);
  const exact = cohortNames.map((cohort) => (mix[cohort] / total) * customers);
  const counts = exact.map(Math.floor);
  const byRemainder = cohortNames
    .map((_, i) => i)
    .sort((a, b) => (exact[b] as number) - (counts[b] as number) - ((exact[a] as number) - (counts[a] as number)) || a - b);
  for (let left = customers - counts.reduce((sum, n) => sum + n, 0), k = 0; left > 0; left--, k++) counts[byRemainder[k] as number]! += 1;
  const wanted = cohortNames.map((cohort) => mix[cohort] > 0);
  if (wanted.filter(Boolean).length <= customers) {
    for (let i = 0; i < counts.length; i++) {
      if (!wanted[i] || counts[i] !== 0) continue;
      const largest = counts.indexOf(Math.max(...counts));
      counts[largest]! -= 1;
      counts[i] = 1;
    }
  }
  return Object.fromEntries(cohortNames.map((cohort, i) => [cohort, counts[i] as number])) as Record<Cohort, number>;
}

export function assignCohorts(options: SimulationOptions): Membership[] {
  const rng = Prng.create(options.seed, streams.cohorts);
  const counts = cohortCounts(options.cohortMix, options.customers);
  const cohorts = cohortNames.flatMap((cohort) => Array.from({ length: counts[cohort] }, () => cohort));
  for (let i = cohorts.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [cohorts[i], cohorts[j]] = [cohorts[j] as Cohort, cohorts[i] as Cohort];
  }
  return cohorts.map((cohort) => {
    const choices = overlayChoices[cohort];
    const overlapping = choices.length > 0 && bernoulli(rng, options.overlapShare);
    return { cohort, secondary: overlapping ? choice(rng, choices) : null };
  });
}
