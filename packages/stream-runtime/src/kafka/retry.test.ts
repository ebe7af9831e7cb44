import { ChurnwatchError } from '@churnwatch/errors';
import { expect, test } from 'vitest';
import { backoffMs, isTransient, retry, withinMs } from './retry.ts';

const fast = { initialMs: 1, maxMs: 2 };

test('retries retriable failures until the operation succeeds, reporting each wait', async () => {
  const waits: number[] = [];
  const result = await retry(
    async (attempt) => {
      if (attempt < 3) throw new Error(`attempt ${attempt}`);
      return attempt;
    },
    { ...fast, retriable: () => true, onRetry: (_error, attempt) => waits.push(attempt) },
  );
  expect(result).toBe(3);
  expect(waits).toEqual([1, 2]);
});

test('a non-retriable error is thrown at once; maxAttempts and the deadline end the retries with the last error', async () => {
  let calls = 0;
  const corrupt = new ChurnwatchError('STATE_CORRUPT', 'bad bytes', { retriable: false });
  await expect(
    retry(
      async () => {
        calls++;
        throw corrupt;
      },
      { ...fast, retriable: isTransient },
    ),
  ).rejects.toBe(corrupt);
  expect(calls).toBe(1);

  calls = 0;
  await expect(
    retry(
      async () => {
        calls++;
        throw new Error(`try ${calls}`);
      },
      { ...fast, retriable: () => true, maxAttempts: 4 },
    ),
  ).rejects.toThrow('try 4');

  await expect(
    retry(
      async () => {
        throw new Error('down');
      },
      { initialMs: 10_000, maxMs: 10_000, retriable: () => true, deadlineMs: Date.now() + 1_000 },
    ),
  ).rejects.toThrow('down');
});

test('beforeRetry can stop the retries (a stop request)', async () => {
  await expect(
    retry(
      async () => {
        throw new Error('registry down');
      },
      {
        ...fast,
        retriable: () => true,
        beforeRetry: () => {
          throw new Error('stopping');
        },
      },
    ),
  ).rejects.toThrow('stopping');
});

test('isTransient trusts a churnwatch error and takes anything else for a passing fault; backoff doubles up to its cap', () => {
  expect(isTransient(new ChurnwatchError('X', 'x', { retriable: true }))).toBe(true);
  expect(isTransient(new ChurnwatchError('X', 'x', { retriable: false }))).toBe(false);
  expect(isTransient(new Error('ECONNREFUSED'))).toBe(true);
  for (let i = 0; i < 20; i++) {
    expect(backoffMs(1, 100, 1_000)).toBeGreaterThanOrEqual(80);
    expect(backoffMs(1, 100, 1_000)).toBeLessThanOrEqual(120);
    expect(backoffMs(10, 100, 1_000)).toBeLessThanOrEqual(1_200);
    expect(backoffMs(10, 100, 1_000)).toBeGreaterThanOrEqual(800);
  }
});

test('withinMs passes an answer on, and rejects naming the work when none comes in time', async () => {
  await expect(withinMs(Promise.resolve(7), 50, 'reading')).resolves.toBe(7);
  await expect(withinMs(Promise.reject(new Error('refused')), 50, 'reading')).rejects.toThrow('refused');
  const late = withinMs(new Promise(() => {}), 20, 'reading the offsets');
  await expect(late).rejects.toThrow('reading the offsets: no answer within 20 ms');
  await expect(late).rejects.toMatchObject({ code: 'REQUEST_TIMEOUT', retriable: true });
});
