import { ConfigError } from '@churnwatch/errors';
import { describe, expect, test } from 'vitest';
import { loadConfig } from '../src/config.ts';

const routes = JSON.stringify([{ name: 'cs', channel: 'slack', url: 'https://hooks.example.com/x' }]);

function configError(env: NodeJS.ProcessEnv): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('notifier configuration', () => {
  test('a valid environment gives defaults for everything not set', () => {
    const config = loadConfig({ CHURNWATCH_KAFKA_BROKERS: 'a:9092, b:9093', CHURNWATCH_NOTIFIER_ROUTES: routes });
    expect(config.brokers).toEqual(['a:9092', 'b:9093']);
    expect(config.routes[0]).toMatchObject({ name: 'cs', channel: 'slack', match: { minSeverity: 'info' } });
    expect(config.delivery).toEqual({ maxAttempts: 6, requestTimeoutMs: 10_000, backoff: { initialDelayMs: 500, maxDelayMs: 30_000 } });
  });

  test('every bad variable is named', () => {
    const error = configError({
      CHURNWATCH_KAFKA_BROKERS: 'nohostport',
      CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '0',
      CHURNWATCH_METRICS_PORT: 'x',
      CHURNWATCH_NOTIFIER_ROUTES: routes,
    });
    expect(error.code).toBe('CONFIG_INVALID');
    expect(error.issues.map((issue) => issue.split(' ')[0])).toEqual([
      'CHURNWATCH_KAFKA_BROKERS',
      'CHURNWATCH_NOTIFIER_MAX_ATTEMPTS',
      'CHURNWATCH_METRICS_PORT',
    ]);
  });

  test('route problems are named by their position and field', () => {
    const error = configError({
      CHURNWATCH_KAFKA_BROKERS: 'a:1',
      CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify([{ name: 'cs', channel: 'pager', url: 'https://x' }]),
    });
    expect(error.issues).toEqual([expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES\.0\.channel: /)]);
    expect(configError({ CHURNWATCH_KAFKA_BROKERS: 'a:1' }).issues).toEqual([expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES: set it/)]);
    expect(configError({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_NOTIFIER_ROUTES: '[' }).issues).toEqual([
      expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES: not JSON/),
    ]);
  });

  test('a maximum backoff below the initial one is refused', () => {
    const error = configError({
      CHURNWATCH_KAFKA_BROKERS: 'a:1',
      CHURNWATCH_NOTIFIER_ROUTES: routes,
      CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS: '1000',
      CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: '10',
    });
    expect(error.issues).toEqual(['CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: must not be below CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS']);
  });

  test('a digest route collects info steps and renewal notices unless it names its severities and kinds', () => {
    const digestRoute = (digest: Record<string, unknown>) =>
      JSON.stringify([{ name: 'cs', channel: 'slack', url: 'https://hooks.example.com/x', digest: { at: '08:30', timeZone: 'Europe/Berlin', ...digest } }]);
    const byDefault = loadConfig({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_NOTIFIER_ROUTES: digestRoute({}) });
    expect(byDefault.routes[0]?.digest).toEqual({ hour: 8, minute: 30, timeZone: 'Europe/Berlin', severities: ['info'], kinds: ['renewal_upcoming'] });
    const chosen = loadConfig({
      CHURNWATCH_KAFKA_BROKERS: 'a:1',
      CHURNWATCH_NOTIFIER_ROUTES: digestRoute({ severities: ['info', 'warning'], kinds: [] }),
    });
    expect(chosen.routes[0]?.digest).toMatchObject({ severities: ['info', 'warning'], kinds: [] });
  });

  test('a bad digest eligibility is named by its field', () => {
    const digestRoute = (digest: Record<string, unknown>) =>
      JSON.stringify([{ name: 'cs', channel: 'slack', url: 'https://hooks.example.com/x', digest: { at: '08:30', timeZone: 'UTC', ...digest } }]);
    const env = (digest: Record<string, unknown>) => ({ CHURNWATCH_KAFKA_BROKERS: 'a:1', CHURNWATCH_NOTIFIER_ROUTES: digestRoute(digest) });
    expect(configError(env({ severities: ['urgent'] })).issues).toEqual([expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES\.0\.digest\.severities\.0: /)]);
    expect(configError(env({ kinds: ['usage_falling'] })).issues).toEqual([expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES\.0\.digest\.kinds\.0: /)]);
    expect(configError(env({ kinds: ['purchase_lapse', 'purchase_lapse'] })).issues).toEqual([
      'CHURNWATCH_NOTIFIER_ROUTES.0.digest.kinds: a kind is listed twice',
    ]);
    expect(configError(env({ severities: [], kinds: [] })).issues).toEqual([
      'CHURNWATCH_NOTIFIER_ROUTES.0.digest.severities: list at least one severity or kind, else nothing goes to the digest (leave `digest` out instead)',
    ]);
    expect(configError(env({ minSeverity: 'warning' })).issues).toEqual([expect.stringMatching(/^CHURNWATCH_NOTIFIER_ROUTES\.0\.digest: .*minSeverity/)]);
  });
});
