import { ConfigError } from '@churnwatch/errors';
import { describe, expect, test } from 'vitest';
import { parseRuntimeSettings, parseTopics, runtimeTuningOf } from './runtime-settings.ts';

describe('runtime settings', () => {
  test('parse from CHURNWATCH_* variables with defaults', () => {
    const settings = parseRuntimeSettings({
      CHURNWATCH_KAFKA_BROKERS: 'a:9092, b:9093',
      CHURNWATCH_APPLICATION_ID: 'usage',
      CHURNWATCH_DELIVERY: 'exactly-once',
    });
    expect(settings).toMatchObject({ kafkaBrokers: ['a:9092', 'b:9093'], applicationId: 'usage', delivery: 'exactly-once', sessionTimeoutMs: 30_000 });
  });

  test('a failure names every bad variable', () => {
    const error = (() => {
      try {
        parseRuntimeSettings({ CHURNWATCH_KAFKA_BROKERS: 'nohost', CHURNWATCH_DELIVERY: 'twice', CHURNWATCH_SESSION_TIMEOUT_MS: '-5' });
      } catch (e) {
        return e as ConfigError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.issues.join('\n');
    for (const variable of ['CHURNWATCH_KAFKA_BROKERS', 'CHURNWATCH_APPLICATION_ID', 'CHURNWATCH_DELIVERY', 'CHURNWATCH_SESSION_TIMEOUT_MS'])
      expect(text).toContain(variable);
  });

  test('the commit interval is optional (the delivery mode picks it) and must be a positive number of ms', () => {
    const base = { CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_APPLICATION_ID: 'x' };
    expect(parseRuntimeSettings(base).commitIntervalMs).toBeUndefined();
    expect(parseRuntimeSettings({ ...base, CHURNWATCH_COMMIT_INTERVAL_MS: '250' }).commitIntervalMs).toBe(250);
    expect(() => parseRuntimeSettings({ ...base, CHURNWATCH_COMMIT_INTERVAL_MS: '0' })).toThrow(/CHURNWATCH_COMMIT_INTERVAL_MS/);
    expect(parseRuntimeSettings(base).caughtUpCommitMs).toBeUndefined();
    expect(parseRuntimeSettings({ ...base, CHURNWATCH_CAUGHT_UP_COMMIT_MS: '40' }).caughtUpCommitMs).toBe(40);
    expect(() => parseRuntimeSettings({ ...base, CHURNWATCH_CAUGHT_UP_COMMIT_MS: 'soon' })).toThrow(/CHURNWATCH_CAUGHT_UP_COMMIT_MS/);
  });

  test('a restore fetches 8 MiB at a time unless told otherwise; the size must be positive', () => {
    const base = { CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_APPLICATION_ID: 'x' };
    expect(parseRuntimeSettings(base).restoreFetchMaxBytes).toBe(8 * 1024 * 1024);
    expect(parseRuntimeSettings({ ...base, CHURNWATCH_RESTORE_FETCH_MAX_BYTES: '1024' }).restoreFetchMaxBytes).toBe(1024);
    expect(() => parseRuntimeSettings({ ...base, CHURNWATCH_RESTORE_FETCH_MAX_BYTES: '0' })).toThrow(/CHURNWATCH_RESTORE_FETCH_MAX_BYTES/);
  });

  test('10,000 keys a partition stay decoded unless told otherwise; the count must be positive', () => {
    const base = { CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_APPLICATION_ID: 'x' };
    expect(parseRuntimeSettings(base).stateCacheKeys).toBe(10_000);
    expect(runtimeTuningOf(parseRuntimeSettings({ ...base, CHURNWATCH_STATE_CACHE_KEYS: '500' })).stateCacheKeys).toBe(500);
    expect(() => parseRuntimeSettings({ ...base, CHURNWATCH_STATE_CACHE_KEYS: '0' })).toThrow(/CHURNWATCH_STATE_CACHE_KEYS/);
  });

  test('the runtime is tuned by every tuning setting, the commit interval and the restore fetch size included', () => {
    const tuning = runtimeTuningOf(
      parseRuntimeSettings({
        CHURNWATCH_KAFKA_BROKERS: 'a:1',
        CHURNWATCH_APPLICATION_ID: 'x',
        CHURNWATCH_COMMIT_INTERVAL_MS: '1000',
        CHURNWATCH_RESTORE_FETCH_MAX_BYTES: '1',
        CHURNWATCH_WALL_CLOCK_HOLD_IDLE_MS: '30000',
      }),
    );
    expect(tuning).toMatchObject({ commitIntervalMs: 1000, restoreFetchMaxBytes: 1, wallClockHoldIdleMs: 30_000, sessionTimeoutMs: 30_000 });
  });

  test('the heartbeat must be shorter than the session timeout', () => {
    expect(() =>
      parseRuntimeSettings({
        CHURNWATCH_KAFKA_BROKERS: 'a:1',
        CHURNWATCH_APPLICATION_ID: 'x',
        CHURNWATCH_SESSION_TIMEOUT_MS: '3000',
        CHURNWATCH_HEARTBEAT_INTERVAL_MS: '3000',
      }),
    ).toThrow(/CHURNWATCH_HEARTBEAT_INTERVAL_MS/);
  });

  test('a consumer is replaced only after its session could have expired', () => {
    const env = { CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_APPLICATION_ID: 'x', CHURNWATCH_SESSION_TIMEOUT_MS: '30000' };
    expect(() => parseRuntimeSettings({ ...env, CHURNWATCH_CONSUMER_STALL_MS: '30000' })).toThrow(/CHURNWATCH_CONSUMER_STALL_MS/);
    expect(runtimeTuningOf(parseRuntimeSettings({ ...env, CHURNWATCH_CONSUMER_STALL_MS: '45000' })).consumerStallMs).toBe(45_000);
    expect(runtimeTuningOf(parseRuntimeSettings(env)).consumerStallMs).toBe(90_000);
  });

  test('topics come from CHURNWATCH_TOPIC_* or defaults; missing ones are named', () => {
    expect(parseTopics({ CHURNWATCH_TOPIC_DEAD_LETTERS: 'dl' }, ['deadLetters', 'usage'], { usage: 'usage' })).toEqual({ deadLetters: 'dl', usage: 'usage' });
    expect(() => parseTopics({}, ['alerts', 'usage'])).toThrow(/CHURNWATCH_TOPIC_ALERTS[\s\S]*CHURNWATCH_TOPIC_USAGE/);
  });
});
