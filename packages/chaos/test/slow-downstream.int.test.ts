// The notifier (a process) delivering to a real webhook receiver that is healthy, hangs,
// rate-limits, answers garbage and is healthy again, 8 s each, while the detection services work
// through the stream: every alert step delivered or given up, the alerts' and health rows' latency
// kept, the notifier's lag up during the fault and back to 0 after it.
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderScenarioTable, runScenario, scenarioCatalogue } from '../src/index.ts';
import { testContext } from './scenario-context.ts';

test('exactly-once: a hanging, rate-limiting, garbage-answering receiver loses no alert step and slows no alert', async () => {
  const context = testContext(['--downstream-phase-ms', '8000']);
  const result = await runScenario(context, scenarioCatalogue['slow-downstream']('exactly-once'));
  const table = `${renderScenarioTable(result)}\nlogs: ${context.workDir}`;
  const figure = (label: string) => result.extra.find(([name]) => name.startsWith(label))?.[1] ?? '';
  const count = (label: string) => Number(figure(label));
  expect(count('alert steps on the alerts topic'), table).toBeGreaterThan(0);
  expect(count('neither delivered nor given up'), table).toBe(0);
  expect(count('delivered (') + count('given up (') - count('delivered and also given up'), table).toBe(count('alert steps on the alerts topic'));
  // Every fault was met by requests: hung ones, 429s, 500s and nonsense 200s.
  expect(figure('receiver requests, hang'), table).toMatch(/\d+×hung/);
  expect(figure('receiver requests, rate-limit'), table).toMatch(/\d+×429/);
  expect(figure('receiver requests, garbage'), table).toMatch(/\d+×500/);
  expect(count('notifier lag during the fault'), table).toBeGreaterThan(0);
  expect(Number(figure('notifier failed attempts / given up during the fault').split(' / ')[0]), table).toBeGreaterThan(0);
  expect(figure('notifier lag after recovery'), table).toBe('0');
  expect(figure('notifier failed attempts in the'), table).toBe('0');
  // Health rows (one per signal) are many enough on both sides for the latency to be judged.
  expect(figure('health-table latency during the fault'), table).toMatch(/^\d+\/\d+ \(\d+\)$/);
  expect(result.tally.duplicated, table).toBe(0);
  expect(result.failures, table).toEqual([]);
  rmSync(context.workDir, { recursive: true, force: true });
}, 180_000);
