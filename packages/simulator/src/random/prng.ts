/**
 * A small seeded pseudo-random generator: xoshiro128** (Blackman and Vigna), 128 bits of state and
 * 32-bit outputs, seeded through a 32-bit integer hash. Same seed and stream path, same sequence,
 * on every platform: only 32-bit integer arithmetic (`Math.imul`, shifts) is involved.
 *
 * Streams: `Prng.create(seed, a, b, …)` derives an independent generator per path, so that, for
 * example, customer 17's usage never depends on how many numbers customer 16 consumed.
 */
export class Prng {
  #s0: number;
  #s1: number;
  #s2: number;
  #s3: number;

  private constructor(s0: number, s1: number, s2: number, s3: number) {
    this.#s0 = s0;
    this.#s1 = s1;
    this.#s2 = s2;
    this.#s3 = s3;
  }

  /** `seed`: a non-negative safe integer; `path`: integers naming a sub-stream. */
  static create(seed: number, ...path: readonly number[]): Prng {
    let h = mix32(Math.floor(seed / 0x1_0000_0000) ^ 0x5bd1e995);
    h = mix32(h ^ (seed >>> 0));
    for (const part of path) h = mix32(h ^ mix32((part >>> 0) + 0x9e3779b9));
    // splitmix32 expands the 32-bit hash into four state words; xoshiro must not start all-zero.
    const words: number[] = [];
    for (let i = 0; i < 4; i++) {
      h = (h + 0x9e3779b9) | 0;
      words.push(mix32(h));
    }
    const [s0, s1, s2, s3] = words as [number, number, number, number];
    return s0 | s1 | s2 | s3 ? new Prng(s0, s1, s2, s3) : new Prng(1, 2, 3, 4);
  }

  /** Uniform integer in [0, 2^32). */
  nextUint32(): number {
    const result = Math.imul(rotl(Math.imul(this.#s1, 5), 7), 9) >>> 0;
    const t = this.#s1 << 9;
    this.#s2 ^= this.#s0;
    this.#s3 ^= this.#s1;
    this.#s1 ^= this.#s2;
    this.#s0 ^= this.#s3;
    this.#s2 ^= t;
    this.#s3 = rotl(this.#s3, 11);
    return result;
  }

  /** Uniform float in [0, 1), 32 bits of resolution. */
  next(): number {
    return this.nextUint32() / 0x1_0000_0000;
  }

  /** Uniform float in (0, 1): safe to take the logarithm of. */
  nextOpen(): number {
    return (this.nextUint32() + 0.5) / 0x1_0000_0000;
  }
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** The 32-bit finaliser of MurmurHash3: every input bit affects every output bit. */
function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
