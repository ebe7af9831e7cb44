import { expect, test } from 'vitest';
import { heapFloor } from './heap-floor.ts';

const mib = 1_048_576;

test('keeps the first sample after each major collection: the floor of a saw-tooth, not its teeth', () => {
  // Garbage climbs 1 MiB a sample and a major collection brings it back to the floor every 5 samples.
  const points = Array.from({ length: 20 }, (_, i) => ({ seconds: i, heapUsedBytes: (30 + (i % 5)) * mib, majorGcs: Math.floor(i / 5) }));
  const floor = heapFloor(points);
  expect(floor.map((p) => p.seconds)).toEqual([5, 10, 15]);
  expect(floor.every((p) => p.heapUsedBytes === 30 * mib)).toBe(true);
});

test('no major collection, no floor; the first sample never counts (nothing before it to compare)', () => {
  expect(heapFloor([0, 1, 2].map((seconds) => ({ seconds, heapUsedBytes: seconds * mib, majorGcs: 3 })))).toEqual([]);
});
