// Poison with the real services at test size: corrupted copies of 5 % of the usage events (every
// corruption kind in turn) sent beside a generated stream; each must be dead-lettered with its
// reason, the counts must reconcile with the usage monitor's metrics, and the valid events must
// give the replay's alerts.
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderScenarioTable, runScenario, scenarioCatalogue } from '../src/index.ts';
import { testContext } from './scenario-context.ts';

const extra = (rows: readonly (readonly [string, string])[], label: string) => rows.find(([name]) => name === label)?.[1] ?? '';

test('exactly-once: every corrupted usage record is dead-lettered with its reason, the counts reconcile, and the alerts are the replay’s', async () => {
  const context = testContext(['--poison-share', '0.05']);
  const result = await runScenario(context, scenarioCatalogue.poison('exactly-once'));
  const table = `${renderScenarioTable(result)}\nlogs: ${context.workDir}`;
  const injected = Number(extra(result.extra, 'poison injected'));
  // Enough that every kind is sent at least once; their dead-letter reasons are several.
  expect(injected, table).toBeGreaterThanOrEqual(13);
  expect(extra(result.extra, 'dead letters by reason').split(', ').length, table).toBeGreaterThanOrEqual(5);
  const [consumed, processed, deadLettered] = (extra(result.extra, 'usage consumed = processed + dead-lettered').match(/\d+/g) ?? []).map(Number);
  expect(deadLettered, table).toBe(injected);
  expect(consumed, table).toBe((processed ?? 0) + injected);
  expect(result.tally.expected, table).toBeGreaterThan(0);
  expect(result.tally.lost, table).toBe(0);
  expect(result.tally.unexpected, table).toBe(0);
  expect(result.tally.duplicated, table).toBe(0);
  expect(result.health.equalsReplay, table).toBe(true);
  expect(result.failures, table).toEqual([]);
  rmSync(context.workDir, { recursive: true, force: true });
}, 300_000);
