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

test('pushes and pops interleaved keep the order, through growth and back to empty', () => {
  const heap = new TimerHeap();
  const expected: TimerRef[] = [];
  for (let round = 0; round < 3; round++) {
    for (let i = 0; i < 100; i++) {
      const ref = { atMs: 1_700_000_000_000 + ((i * 37 + round) % 41), key: `k${i % 7}`, name: `n${i % 2}` };
      heap.push(ref);
      expected.push(ref);
      if (i % 3 === 0) {
        expected.sort(compareTimers);
        expect(heap.pop()).toEqual(expected.shift());
      }
    }
    expect(heap.peek()).toEqual([...expected].sort(compareTimers)[0]);
  }
  expected.sort(compareTimers);
  for (const ref of expected) expect(heap.pop()).toEqual(ref);
  expect(heap.pop()).toBeUndefined();
  expect(heap.size).toBe(0);
});
