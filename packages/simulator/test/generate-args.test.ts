import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { parseGenerateArgs } from '../src/cli/generate-args.ts';

function issuesOf(args: string[]): string[] {
  try {
    parseGenerateArgs(args);
  } catch (error) {
    if (error instanceof ConfigError) return [...error.issues];
    throw error;
  }
  return [];
}

describe('generate arguments', () => {
  it('turn flags into simulation options and outputs', () => {
    const request = parseGenerateArgs([
      '--seed',
      '42',
      '--customers',
      '500',
      '--days',
      '365',
      '--start',
      'now-365d',
      '--out',
      'e.jsonl',
      '--outcomes',
      'o.jsonl',
      '--mix',
      'silent=1,declining=2',
    ]);
    expect(request.overrides).toMatchObject({ seed: 42, customers: 500, days: 365 });
    expect(request.overrides.cohortMix).toMatchObject({ silent: 1, declining: 2, healthy: 0 });
    expect(request).toMatchObject({ start: 'now-365d', out: 'e.jsonl', outcomes: 'o.jsonl', brokers: undefined });
  });

  it('read Kafka options', () => {
    const request = parseGenerateArgs(['--to-kafka', 'a:9092,b:9092', '--rate', '500', '--topic', 'usage=u2', '--topic', 'customer_profile=p2']);
    expect(request.brokers).toEqual(['a:9092', 'b:9092']);
    expect(request.eventsPerSecond).toBe(500);
    expect(request.topics).toEqual({ usage: 'u2', customer_profile: 'p2' });
  });

  it('name every bad argument at once', () => {
    const issues = issuesOf(['--seed', 'x', '--mix', 'happy=1', '--topic', 'clicks=c', '--rate', '10']).join('\n');
    expect(issues).toContain('--seed: "x" is not a number');
    expect(issues).toContain('unknown cohort "happy"');
    expect(issues).toContain('unknown kind "clicks"');
    expect(issues).toContain('--rate: only applies with --to-kafka');
    expect(issues).toContain('say where the output goes');
  });

  it('reject unknown flags', () => {
    expect(issuesOf(['--out', 'x', '--colour'])[0]).toMatch(/colour/);
  });

  it('allow --help alone', () => {
    expect(parseGenerateArgs(['--help']).help).toBe(true);
  });
});
