// The soak's fast variant: the six detection services (real processes, exactly-once) under a
// steady two-minute stream after a warm-up; the heap right after forced full collections judged
// for a trend by its slope's interval, RSS shown beside it, the chart and samples written.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { renderScenarioTable, runScenario, scenarioCatalogue } from '../src/index.ts';
import { testContext } from './scenario-context.ts';

const services = ['usage-monitor', 'complaint-monitor', 'contract-monitor', 'purchase-monitor', 'risk-scorer', 'kpi-aggregator'];

test('a two-minute soak: no heap floor grows, every service has its forced-collection floor and its RSS trend, the alerts equal the replay', async () => {
  const context = testContext();
  const outDir = join(context.workDir, 'soak-out');
  const result = await runScenario({ ...context, config: { ...context.config, outDir } }, scenarioCatalogue.soak('exactly-once'));
  const table = `${renderScenarioTable(result)}\nlogs: ${context.workDir}`;
  const figure = (label: string) => result.extra.find(([name]) => name === label)?.[1];
  for (const service of services) {
    expect(figure(`${service}#1 RSS`), table).toMatch(/MiB\/min \[/);
    // At least four floors after the warm-up, or the scenario itself fails below.
    expect(figure(`${service}#1 heap after forced GC`), table).toMatch(/MiB\/min \[.*\], \d+ samples$/);
  }
  const samples = JSON.parse(readFileSync(join(outDir, 'soak-exactly-once.json'), 'utf8')) as Record<string, { forcedGc: boolean; heapUsedBytes: number }[]>;
  for (const service of services) {
    const points = samples[`${service}#1`] ?? [];
    const floors = points.filter((point) => point.forcedGc).map((point) => point.heapUsedBytes);
    const others = points.filter((point) => !point.forcedGc).map((point) => point.heapUsedBytes);
    // A forced collection leaves less heap than the mean between collections: the floor is real.
    expect(Math.min(...floors), `${service}\n${table}`).toBeLessThan(others.reduce((sum, bytes) => sum + bytes, 0) / others.length);
  }
  expect(readFileSync(join(outDir, 'soak-exactly-once.svg'), 'utf8')).toContain('<svg');
  expect(result.tally.expected, table).toBeGreaterThan(0);
  expect(result.tally.lost, table).toBe(0);
  expect(result.tally.duplicated, table).toBe(0);
  expect(result.failures, table).toEqual([]);
  rmSync(context.workDir, { recursive: true, force: true });
}, 420_000);
