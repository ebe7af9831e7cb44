import { describe, expect, it } from 'vitest';
import { type Clock, createRateLimiter } from '../src/index.ts';

/** A clock that only moves when someone sleeps on it (or the test moves it). */
function fakeClock(): Clock & { advance(ms: number): void; slept: number[] } {
  let now = 1_000;
  const slept: number[] = [];
  return {
    slept,
    nowMs: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
    advance: (ms) => {
      now += ms;
    },
  };
}

describe('rate limiter', () => {
  it('paces batches so that n events take n / rate seconds', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(100, clock);
    for (let batch = 0; batch < 10; batch++) await limiter.acquire(10);
    // Ten batches of ten at 100 events/s: the tenth batch may start 0.9 s after the first.
    expect(clock.nowMs() - 1_000).toBeCloseTo(900, 6);
    expect(clock.slept).toHaveLength(9);
  });

  it('does not wait when the sender is already slower than the rate', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(1_000, clock);
    for (let batch = 0; batch < 5; batch++) {
      await limiter.acquire(100);
      clock.advance(200);
    }
    expect(clock.slept).toEqual([]);
  });

  it('does not burst to catch up after falling far behind', async () => {
    const clock = fakeClock();
    const limiter = createRateLimiter(10, clock);
    await limiter.acquire(10);
    clock.advance(5_000); // a slow broker: 4 s behind schedule
    await limiter.acquire(10);
    await limiter.acquire(10);
    // After the stall the schedule restarts: the next 10 events wait a full second again.
    expect(clock.slept).toEqual([1_000]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => createRateLimiter(0)).toThrow(RangeError);
  });
});
