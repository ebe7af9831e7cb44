import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadDetectionServiceConfig } from './service-config.ts';

const spec = { service: 'usage-monitor', inputs: ['usage', 'customerProfiles'], outputs: ['signals'] } as const;
const files: Record<string, string> = {
  'good.json': JSON.stringify({ usageMetric: 'sessions', segments: { enterprise: { lifecycle: { cooldownDays: 14 } } } }),
  'bad.json': JSON.stringify({ segments: { enterprise: { usage: { minRelativeDrop: 2, minRelativDrop: 0.3 } } } }),
  'broken.json': '{ "usageMetric": ',
};
const readText = (path: string) => {
  const text = files[path];
  if (text === undefined) throw new Error(`ENOENT: no such file, open '${path}'`);
  return text;
};

function issuesOf(env: Record<string, string>, own = {}): readonly string[] {
  try {
    loadDetectionServiceConfig({ ...spec, settings: own }, env, readText);
  } catch (error) {
    if (error instanceof ConfigError) return error.issues;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('detection service configuration', () => {
  it('binds a clock input to its topic, unless clock inputs are off', () => {
    const contract = { service: 'contract-monitor', inputs: ['purchases'], clockInputs: ['usage'], outputs: ['signals'] } as const;
    const env = { CHURNWATCH_KAFKA_BROKERS: 'localhost:9092', CHURNWATCH_TOPIC_USAGE: 'product-usage' };
    const on = loadDetectionServiceConfig(contract, env, readText);
    expect(on.clockInputs).toEqual(['usage']);
    expect(on.topics.usage).toBe('product-usage');
    const off = loadDetectionServiceConfig(contract, { ...env, CHURNWATCH_CLOCK_INPUTS: 'off' }, readText);
    expect(off.clockInputs).toEqual([]);
    expect(off.topics.usage).toBeUndefined();
    expect(issuesOf({ CHURNWATCH_KAFKA_BROKERS: 'localhost:9092', CHURNWATCH_CLOCK_INPUTS: 'maybe' }).join('\n')).toContain('CHURNWATCH_CLOCK_INPUTS');
  });

  it("names the usage monitor's group as the clock's leader, derived from the application id or as set", () => {
    const contract = {
      service: 'contract-monitor',
      inputs: ['purchases'],
      clockInputs: ['usage'],
      clockLeaders: ['usage-monitor'],
      outputs: ['signals'],
    } as const;
    const env = { CHURNWATCH_KAFKA_BROKERS: 'localhost:9092' };
    const leaderOf = (extra: Record<string, string>) => loadDetectionServiceConfig(contract, { ...env, ...extra }, readText).runtime.clockLeaderGroups;
    expect(leaderOf({})).toEqual(['churnwatch.usage-monitor']);
    expect(leaderOf({ CHURNWATCH_APPLICATION_ID: 'eu.prod.contract-monitor' })).toEqual(['eu.prod.usage-monitor']);
    expect(leaderOf({ CHURNWATCH_APPLICATION_ID: 'contracts-eu', CHURNWATCH_CLOCK_LEADER_GROUPS: 'usage-eu' })).toEqual(['usage-eu']);
    expect(leaderOf({ CHURNWATCH_CLOCK_LEADER_GROUPS: 'none' })).toBeUndefined();
    expect(leaderOf({ CHURNWATCH_APPLICATION_ID: 'contracts-eu', CHURNWATCH_CLOCK_INPUTS: 'off' })).toBeUndefined();
    let issues: readonly string[] = [];
    try {
      loadDetectionServiceConfig(contract, { ...env, CHURNWATCH_APPLICATION_ID: 'contracts-eu' }, readText);
    } catch (error) {
      if (error instanceof ConfigError) issues = error.issues;
    }
    expect(issues.join('\n')).toMatch(/CHURNWATCH_CLOCK_LEADER_GROUPS: .*usage-monitor.*"contracts-eu"/);
  });

  it('reads the clock of a service whose clock inputs are off by default only when asked, led by every leader', () => {
    const scorer = {
      service: 'risk-scorer',
      inputs: ['signals'],
      clockInputs: ['usage'],
      clockLeaders: ['usage-monitor', 'contract-monitor'],
      clockInputsByDefault: false,
      outputs: ['alerts'],
    } as const;
    const env = { CHURNWATCH_KAFKA_BROKERS: 'localhost:9092' };
    const off = loadDetectionServiceConfig(scorer, env, readText);
    expect(off.clockInputs).toEqual([]);
    expect(off.runtime.clockLeaderGroups).toBeUndefined();
    const on = loadDetectionServiceConfig(scorer, { ...env, CHURNWATCH_CLOCK_INPUTS: 'on' }, readText);
    expect(on.clockInputs).toEqual(['usage']);
    expect(on.runtime.clockLeaderGroups).toEqual(['churnwatch.usage-monitor', 'churnwatch.contract-monitor']);
    expect(() => loadDetectionServiceConfig(scorer, { ...env, CHURNWATCH_CLOCK_INPUTS: 'on', CHURNWATCH_CLOCK_LEADER_GROUPS: 'a,,b' }, readText)).toThrow(
      /CHURNWATCH_CLOCK_LEADER_GROUPS/,
    );
  });

  it('defaults the application id, the topics and the detection configuration', () => {
    const config = loadDetectionServiceConfig(spec, { CHURNWATCH_KAFKA_BROKERS: 'localhost:9092' }, readText);
    expect(config.runtime).toMatchObject({ applicationId: 'churnwatch.usage-monitor', metricsPort: 9464, delivery: 'at-least-once' });
    expect(config.topics).toEqual({
      usage: 'usage',
      customerProfiles: 'customer-profiles',
      signals: 'churnwatch.signals',
      deadLetters: 'churnwatch.dead-letters',
    });
    expect(config.detection.ruleVersion).toBe('detection-1');
    expect(config.kit).toMatchObject({ maxValueBytes: 1_048_576, maxEventFutureMs: 3_600_000, maxEventAgeDays: 400 });
  });

  it('takes topics, delivery, port and the detection file from the environment', () => {
    const config = loadDetectionServiceConfig(
      spec,
      {
        CHURNWATCH_KAFKA_BROKERS: 'a:1,b:2',
        CHURNWATCH_APPLICATION_ID: 'usage-eu',
        CHURNWATCH_DELIVERY: 'exactly-once',
        CHURNWATCH_METRICS_PORT: '9470',
        CHURNWATCH_TOPIC_USAGE: 'eu.usage',
        CHURNWATCH_TOPIC_CUSTOMER_PROFILES: 'eu.profiles',
        CHURNWATCH_DETECTION_CONFIG_FILE: 'good.json',
      },
      readText,
    );
    expect(config.runtime).toMatchObject({ kafkaBrokers: ['a:1', 'b:2'], applicationId: 'usage-eu', delivery: 'exactly-once', metricsPort: 9470 });
    expect(config.topics).toMatchObject({ usage: 'eu.usage', customerProfiles: 'eu.profiles' });
    expect(config.detection.usageMetric).toBe('sessions');
    expect(config.detection.segmentLabels).toContain('enterprise');
  });

  it('names every bad variable and every bad field of the file at once', () => {
    const issues = issuesOf({
      CHURNWATCH_KAFKA_BROKERS: 'nohost',
      CHURNWATCH_DELIVERY: 'twice',
      CHURNWATCH_MAX_VALUE_BYTES: 'lots',
      CHURNWATCH_TOPIC_SIGNALS: 'bad topic!',
      CHURNWATCH_DETECTION_CONFIG_FILE: 'bad.json',
    });
    const text = issues.join('\n');
    for (const variable of ['CHURNWATCH_KAFKA_BROKERS', 'CHURNWATCH_DELIVERY', 'CHURNWATCH_MAX_VALUE_BYTES', 'CHURNWATCH_TOPIC_SIGNALS'])
      expect(text).toContain(variable);
    expect(issues).toContain('bad.json: segments.enterprise.usage.minRelativDrop: unknown field');
    expect(issues.some((issue) => issue.startsWith('bad.json: segments.enterprise.usage.minRelativeDrop:'))).toBe(true);
  });

  it('says why a detection file cannot be read', () => {
    expect(issuesOf({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_DETECTION_CONFIG_FILE: 'missing.json' })).toEqual([
      expect.stringMatching(/^CHURNWATCH_DETECTION_CONFIG_FILE: cannot read missing\.json as JSON: ENOENT/),
    ]);
    expect(issuesOf({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_DETECTION_CONFIG_FILE: 'broken.json' })).toEqual([
      expect.stringMatching(/^CHURNWATCH_DETECTION_CONFIG_FILE: cannot read broken\.json as JSON/),
    ]);
  });

  it('validates a service’s own settings with the shared ones and keeps them apart', () => {
    const own = { lookbackDays: z.coerce.number().int().positive().default(7) };
    expect(issuesOf({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_LOOKBACK_DAYS: '-1' }, own)).toEqual([expect.stringMatching(/^CHURNWATCH_LOOKBACK_DAYS/)]);
    const config = loadDetectionServiceConfig({ ...spec, settings: own }, { CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_LOOKBACK_DAYS: '3' }, readText);
    expect(config.own).toEqual({ lookbackDays: 3 });
    expect(config.kit).not.toHaveProperty('lookbackDays');
  });
});
