import type { Prng } from '@churnwatch/simulator';

/** A uniformly chosen element; the list must not be empty. */
export function pick<T>(random: Prng, items: readonly T[]): T {
  return items[Math.floor(random.next() * items.length)] as T;
}

/** The items in a uniformly random order (Fisher–Yates). */
export function shuffle<T>(random: Prng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** A whole number of milliseconds, uniform in [minMs, maxMs]. */
export function between(random: Prng, minMs: number, maxMs: number): number {
  return Math.round(minMs + random.next() * (maxMs - minMs));
}

export const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));
