import { expect, test } from 'vitest';
import { newClusterId } from './broker.ts';

test('a cluster id that would start with "-" (read as an option by the storage tool) is drawn again', () => {
  const draws = [Buffer.from([0xf8, ...new Array(15).fill(1)]), Buffer.from(new Array(16).fill(7))];
  expect(draws[0]!.toString('base64url').startsWith('-')).toBe(true);
  const id = newClusterId(() => draws.shift()!);
  expect(id).toBe(Buffer.from(new Array(16).fill(7)).toString('base64url'));
  expect(draws).toEqual([]);
});

test('cluster ids are 22 base64url characters', () => {
  for (let i = 0; i < 200; i++) expect(newClusterId()).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
});
