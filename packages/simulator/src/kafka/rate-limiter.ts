/** The clock a rate limiter waits on; tests pass a fake one. */
export interface Clock {
  nowMs(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  nowMs: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export interface RateLimiter {
  /** Resolves when `count` more events may go out. */
  acquire(count: number): Promise<void>;
}

/**
 * Paces events to `eventsPerSecond` on average: the n-th event is due `n / rate` seconds after the
 * first. A sender that falls more than `maxLagMs` behind (a slow broker) does not burst to catch
 * up: the schedule restarts from now.
 */
export function createRateLimiter(eventsPerSecond: number, clock: Clock = systemClock, maxLagMs = 1000): RateLimiter {
  if (!(eventsPerSecond > 0)) throw new RangeError(`eventsPerSecond must be positive, got ${eventsPerSecond}`);
  let originMs: number | undefined;
  let granted = 0;
  return {
    async acquire(count) {
      const now = clock.nowMs();
      if (originMs === undefined) originMs = now;
      let dueMs = originMs + (granted * 1000) / eventsPerSecond;
      if (now - dueMs > maxLagMs) {
        originMs = now;
        granted = 0;
        dueMs = now;
      }
      if (dueMs > now) await clock.sleep(dueMs - now);
      granted += count;
    },
  };
}
