import { describe, expect, test } from 'vitest';
import { RestartBudget } from './restart-budget.ts';

function budget(maxRestarts: number, spanMs: number) {
  let nowMs = 1_000;
  const restarts = new RestartBudget(maxRestarts, spanMs, () => nowMs);
  return { restarts, advance: (ms: number) => (nowMs += ms) };
}

describe('RestartBudget', () => {
  test('a burst of quick crashes is not spent: a coordinator loading after a broker restart', () => {
    const { restarts, advance } = budget(10, 90_000);
    for (let crash = 0; crash < 40; crash++) {
      expect(restarts.spend()).toBe(true);
      advance(300);
    }
    expect(restarts.restarts).toBe(40);
  });

  test('spent once more than the limit came and the first is at least the span ago', () => {
    const { restarts, advance } = budget(10, 90_000);
    for (let crash = 0; crash < 10; crash++) {
      expect(restarts.spend()).toBe(true);
      advance(10_000);
    }
    // The eleventh crash, 100 s after the first.
    expect(restarts.spend()).toBe(false);
  });

  test('not spent by the span alone: a few crashes far apart', () => {
    const { restarts, advance } = budget(10, 90_000);
    for (let crash = 0; crash < 10; crash++) {
      expect(restarts.spend()).toBe(true);
      advance(60_000);
    }
  });

  test('progress starts the count and the span again', () => {
    const { restarts, advance } = budget(2, 1_000);
    restarts.spend();
    restarts.spend();
    advance(5_000);
    restarts.progress();
    expect(restarts.restarts).toBe(0);
    expect(restarts.spend()).toBe(true);
    expect(restarts.spend()).toBe(true);
    expect(restarts.spend()).toBe(true); // the third, but within the span of the first since progress
    advance(1_000);
    expect(restarts.spend()).toBe(false);
  });
});
