import { expect, test } from 'vitest';
import { compareTimers, TimerHeap, type TimerRef } from './timer-heap.ts';

test('the heap pops timers in (time, key, name) order whatever the insertion order', () => {
  const refs: TimerRef[] = [];
  for (let i = 0; i < 500; i++) refs.push({ atMs: (i * 7919) % 97, key: `k${(i * 31) % 13}`, name: `n${i % 3}` });
  const heap = new TimerHeap();
  for (const ref of refs) heap.push(ref);
  const popped: TimerRef[] = [];
  for (let ref = heap.pop(); ref; ref = heap.pop()) popped.push(ref);
  expect(popped).toEqual([...refs].sort(compareTimers));
  expect(heap.size).toBe(0);
});
