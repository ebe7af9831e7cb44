import { expect, test } from 'vitest';
import { FetchCycles } from './fetch-cycles.ts';

test('a mark passes once every broker still fetching has started two fetches since', () => {
  const cycles = new FetchCycles(30_000);
  cycles.started(1, 0);
  cycles.started(2, 0);
  const mark = cycles.mark();
  expect(cycles.mark()).toBe(mark);
  cycles.started(1, 10);
  cycles.started(1, 20);
  expect(cycles.passed(mark, 20)).toBe(false);
  cycles.started(2, 30);
  expect(cycles.passed(mark, 30)).toBe(false);
  cycles.started(2, 40);
  expect(cycles.passed(mark, 40)).toBe(true);
  expect(cycles.mark()).not.toBe(mark);
});

test('a broker that stopped fetching is not waited for', () => {
  const cycles = new FetchCycles(30_000);
  cycles.started(1, 0);
  cycles.started(2, 0);
  const mark = cycles.mark();
  cycles.started(1, 1_000);
  cycles.started(1, 2_000);
  expect(cycles.passed(mark, 2_000)).toBe(false);
  expect(cycles.passed(mark, 30_001)).toBe(true);
});

test('before any fetch, a mark has nothing to wait for', () => {
  expect(new FetchCycles(30_000).passed(new FetchCycles(30_000).mark(), 0)).toBe(true);
});
