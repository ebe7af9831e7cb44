import { describe, expect, it } from 'vitest';
import { ConsumerWatchdog } from './consumer-watchdog.ts';

describe('ConsumerWatchdog', () => {
  const watchdog = () => {
    const clock = { now: 1_000 };
    return { clock, dog: new ConsumerWatchdog(10_000, 1_000, () => clock.now) };
  };
  const tick = (clock: { now: number }, dog: ConsumerWatchdog, ms: number) => {
    clock.now += ms;
    return dog.check();
  };

  it('reports a consumer silent for the stall, with the silence', () => {
    const { clock, dog } = watchdog();
    for (let i = 0; i < 9; i++) expect(tick(clock, dog, 1_000)).toBeUndefined();
    expect(tick(clock, dog, 1_000)).toBe(10_000);
    expect(tick(clock, dog, 1_000)).toBe(11_000);
  });

  it('starts counting again when the consumer shows life', () => {
    const { clock, dog } = watchdog();
    for (let i = 0; i < 9; i++) tick(clock, dog, 1_000);
    dog.seen();
    for (let i = 0; i < 9; i++) expect(tick(clock, dog, 1_000)).toBeUndefined();
    expect(tick(clock, dog, 1_000)).toBe(10_000);
  });

  it('does not count the time the process was stopped against the consumer', () => {
    const { clock, dog } = watchdog();
    tick(clock, dog, 1_000);
    // Frozen for a minute (SIGSTOP): at most two check intervals of it count.
    expect(tick(clock, dog, 60_000)).toBeUndefined();
    for (let i = 0; i < 6; i++) expect(tick(clock, dog, 1_000)).toBeUndefined();
    expect(tick(clock, dog, 1_000)).toBe(10_000);
  });
});
