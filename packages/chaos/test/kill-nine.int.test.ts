// kill -9 of random detection services (real processes) at random moments while a generated
// stream runs, five times, in both delivery modes; the alerts are counted against a replay.
import { rmSync } from 'node:fs';
import { expect, test } from 'vitest';
import { renderScenarioTable, runScenario, scenarioCatalogue } from '../src/index.ts';
import { testContext } from './scenario-context.ts';

test.each(['at-least-once', 'exactly-once'] as const)(
  '%s: five kill -9 at random moments lose no alert; every alert is the replay’s, repeats only at-least-once and with their original’s id; the health table ends as the replay’s',
  async (delivery) => {
    const context = testContext();
    const result = await runScenario(context, scenarioCatalogue['kill-9'](delivery));
    const table = `${renderScenarioTable(result)}\nlogs: ${context.workDir}`;
    expect(
      result.disturbances.filter((line) => line.includes('kill -9')),
      table,
    ).toHaveLength(5);
    expect(result.tally.expected, table).toBeGreaterThan(0);
    expect(result.tally.lost, table).toBe(0);
    expect(result.tally.unexpected, table).toBe(0);
    expect(result.tally.idMismatches, table).toBe(0);
    expect(result.tally.alteredDuplicates, table).toBe(0);
    if (delivery === 'exactly-once') expect(result.tally.duplicated, table).toBe(0);
    expect(result.health.expected, table).toBeGreaterThan(0);
    expect(result.health.equalsReplay, table).toBe(true);
    expect(result.failures, table).toEqual([]);
    rmSync(context.workDir, { recursive: true, force: true });
  },
  300_000,
);
