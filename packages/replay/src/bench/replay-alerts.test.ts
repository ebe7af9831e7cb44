import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { historyShapes } from './bench-history.ts';
import { benchDetectionConfig } from './measure-throughput.ts';
import { replayOutputLines } from './replay-alerts.ts';

/**
 * The fixtures hold what the detectors said about this seeded history before the usage monitor
 * kept incremental sums (the alerts in full, the health records as a count and a SHA-256 of their
 * lines): the incremental decline and silence tests must say exactly the same.
 */
const simulation = {
  seed: 7,
  customers: 32,
  days: 150,
  usageScale: 0.3,
  cohortMix: {
    healthy: 3,
    declining: 3,
    silent: 2,
    seasonal: 1,
    complaining: 1,
    renewing: 0,
    non_renewing: 1,
    repeat_buyer: 0,
    lapsed_buyer: 0,
    one_off_buyer: 0,
  },
};

const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');

describe.each(historyShapes)('a replay of the %s history', (shape) => {
  const { alerts, health } = replayOutputLines(simulation, shape, benchDetectionConfig());

  it('raises the same alerts as before', () => {
    const expected = fixture(`${shape}-alerts.jsonl`).trimEnd().split('\n');
    expect(alerts.filter((line) => line.includes('"kind":"usage_')).length).toBeGreaterThan(20);
    expect(alerts).toEqual(expected);
  });

  it('writes the same health records as before', () => {
    const hash = createHash('sha256');
    for (const line of health) hash.update(`${line}\n`);
    expect({ records: health.length, sha256: hash.digest('hex') }).toEqual(JSON.parse(fixture(`${shape}-health.json`)));
  });
});
