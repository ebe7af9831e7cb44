// A zombie usage monitor in exactly-once mode: frozen with SIGSTOP past its session timeout while
// the stream runs, its partitions move to the second instance, which commits; then SIGCONT. The
// per-partition transactional ids fence its late writes: no alert is duplicated or lost.
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderScenarioTable, runScenario, scenarioCatalogue } from '../src/index.ts';
import { testContext } from './scenario-context.ts';

test('exactly-once: the zombie’s late writes are refused; the alerts equal the replay, none duplicated', async () => {
  const context = testContext();
  const result = await runScenario(context, scenarioCatalogue.zombie('exactly-once'));
  const table = `${renderScenarioTable(result)}\nlogs: ${context.workDir}`;
  const figure = (label: string) => result.extra.find(([name]) => name.includes(label))?.[1];
  expect(figure('owned while frozen'), table).toBe('3 of 3');
  expect(Number(figure('committed meanwhile')), table).toBeGreaterThan(0);
  expect(Number(figure('writes refused')), table).toBeGreaterThan(0);
  expect(figure('signals (repeats)'), table).toMatch(/^\d+ \(0\)$/);
  expect(result.tally.expected, table).toBeGreaterThan(0);
  expect(result.tally.duplicated, table).toBe(0);
  expect(result.tally.lost, table).toBe(0);
  expect(result.tally.unexpected, table).toBe(0);
  expect(result.failures, table).toEqual([]);
  rmSync(context.workDir, { recursive: true, force: true });
}, 300_000);
