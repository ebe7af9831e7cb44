import { ConfigError } from '@churnwatch/errors';
import { describe, expect, it } from 'vitest';
import { parseBenchArgs } from './config.ts';

describe('parseBenchArgs', () => {
  it('gives the full sizes by default and small ones with --quick', () => {
    const full = parseBenchArgs([], {})!;
    const quick = parseBenchArgs(['--quick'], {})!;
    expect(full).toMatchObject({
      records: 1_000_000,
      customers: 20_000,
      partitions: 3,
      rounds: 3,
      replayCustomers: [1_000, 10_000, 100_000],
      replayDays: [30, 90, 365],
      latencyRates: [1_000, 10_000],
      latencyLoads: ['usage', 'complaints'],
      stateCustomers: [100_000, 1_000_000],
    });
    expect(quick.records).toBeLessThan(full.records);
    expect(quick.rounds).toBe(1);
    expect(quick.outDir).toMatch(/results\/bench-\d{4}-\d{2}-\d{2}-quick$/);
  });

  it('finds the peer from --peer-dir, else CHURNWATCH_PEER_DIR, else beside the repository', () => {
    expect(parseBenchArgs(['--peer-dir', '/opt/peer'], { CHURNWATCH_PEER_DIR: '/elsewhere' })!.peerDir).toBe('/opt/peer');
    expect(parseBenchArgs([], { CHURNWATCH_PEER_DIR: '/elsewhere' })!.peerDir).toBe('/elsewhere');
    expect(parseBenchArgs([], {})!.peerDir).toMatch(/shared\/anchors\/kafka-streams-peer$/);
  });

  it('names every bad field, and an unknown scenario to skip', () => {
    let caught: unknown;
    try {
      parseBenchArgs(['--records', '0', '--replay-days', '30,x', '--latency-loads', 'usage,orders', '--skip', 'throughput,nonsense'], {});
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const message = (caught as ConfigError).message;
    expect(message).toContain('records');
    expect(message).toContain('replayDays');
    expect(message).toContain('latencyLoads');
    expect(message).toContain('skip');
  });

  it('returns null for --help', () => {
    expect(parseBenchArgs(['--help'], {})).toBeNull();
  });
});
