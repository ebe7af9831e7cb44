import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { parseChaosArgs, scenarioNames } from './config.ts';

describe('parseChaosArgs', () => {
  it('runs every scenario in both modes by default, and --quick shrinks the stream', () => {
    const full = parseChaosArgs([]);
    const quick = parseChaosArgs(['--quick']);
    expect(full?.scenarios).toEqual([...scenarioNames]);
    expect(full?.deliveries).toEqual(['at-least-once', 'exactly-once']);
    expect(full?.events).toBeUndefined();
    expect(quick?.events).toBe(4_000);
    expect(quick?.kills).toBeGreaterThanOrEqual(5);
  });

  it('takes lists and numbers', () => {
    const config = parseChaosArgs(['--scenario', 'kill-9, zombie', '--delivery', 'exactly-once', '--events', '500', '--kills', '7']);
    expect(config).toMatchObject({ scenarios: ['kill-9', 'zombie'], deliveries: ['exactly-once'], events: 500, kills: 7 });
  });

  it('names every bad option at once', () => {
    let error: unknown;
    try {
      parseChaosArgs(['--scenario', 'meteor', '--kills', '2']);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues.join('\n');
    expect(issues).toMatch(/^scenarios\.0: /m);
    expect(issues).toMatch(/^kills: /m);
  });

  it('refuses a broker freeze no longer than the stall that replaces a consumer', () => {
    expect(() => parseChaosArgs(['--scenario', 'broker-freeze', '--broker-frozen-ms', '12000'])).toThrow(/brokerFrozenMs: /);
    expect(parseChaosArgs(['--scenario', 'broker-freeze', '--quick'])?.brokerFrozenMs).toBe(20_000);
  });

  it('refuses scaling to three instances on fewer than three partitions', () => {
    expect(() => parseChaosArgs(['--scenario', 'scale-1-3-1', '--partitions', '2'])).toThrow(/partitions: scale-1-3-1 needs at least 3 partitions/);
  });

  it("refuses a history older than the services' maximum event age, counting the soak's backfill", () => {
    const noAgeSet = {};
    expect(() => parseChaosArgs(['--scenario', 'undisturbed', '--days', '399'], noAgeSet)).not.toThrow();
    expect(() => parseChaosArgs(['--scenario', 'undisturbed', '--days', '400'], noAgeSet)).toThrow(/days: at most 399: --days must stay within .* 400 days/);
    // The full soak backfills 180 days (the complaint track record) before its --days.
    expect(() => parseChaosArgs(['--scenario', 'soak', '--days', '219'], noAgeSet)).not.toThrow();
    expect(() => parseChaosArgs(['--scenario', 'soak', '--days', '270'], noAgeSet)).toThrow(/days: at most 219: the soak's backfill of 180 days and --days/);
    expect(() => parseChaosArgs(['--quick', '--scenario', 'soak', '--days', '270'], noAgeSet)).not.toThrow();
    expect(() => parseChaosArgs(['--scenario', 'soak', '--days', '270'], { CHURNWATCH_MAX_EVENT_AGE_DAYS: '500' })).not.toThrow();
  });

  it('returns null for --help', () => {
    expect(parseChaosArgs(['--help'])).toBeNull();
  });
});
