// The services on the shell, run as processes: bad configuration stops them (exit 78) naming every
// bad setting; a running one logs JSON lines (kafkajs's among them), answers /healthz and /readyz
// from its real parts and stops in order on SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CONFIG_EXIT_CODE } from '@churnwatch/service-shell';
import { createTestDatabase, type TestDatabase, waitFor } from '@churnwatch/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const servicesDir = fileURLToPath(new URL('../../', import.meta.url));
const main = (service: string) => `${servicesDir}${service}/src/main.ts`;

function start(service: string, env: Record<string, string>) {
  const run = spawnSync(process.execPath, [main(service)], { env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8', timeout: 30_000 });
  return { code: run.status, output: `${run.stdout}${run.stderr}` };
}

describe('start-up with bad configuration', () => {
  it.each([
    [
      'account-store',
      { CHURNWATCH_DATABASE_URL: 'mysql://x', CHURNWATCH_DATABASE_RETRY_MAX_MS: 'soon' },
      ['CHURNWATCH_KAFKA_BROKERS', 'CHURNWATCH_DATABASE_URL', 'CHURNWATCH_DATABASE_RETRY_MAX_MS'],
    ],
    [
      'account-page',
      { CHURNWATCH_ACCOUNT_PAGE_PORT: 'x' },
      ['CHURNWATCH_DATABASE_URL', 'CHURNWATCH_ACCOUNT_PAGE_PORT', 'CHURNWATCH_ACCOUNT_PAGE_TOKEN or CHURNWATCH_ACCOUNT_PAGE_TRUSTED_HEADER'],
    ],
    [
      'notifier',
      { CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '0', CHURNWATCH_ACCOUNT_PAGE_BASE_URL: 'ftp://x' },
      ['CHURNWATCH_KAFKA_BROKERS', 'CHURNWATCH_NOTIFIER_MAX_ATTEMPTS', 'CHURNWATCH_ACCOUNT_PAGE_BASE_URL', 'CHURNWATCH_NOTIFIER_ROUTES'],
    ],
  ] as const)('%s exits %s naming every bad setting', (service, env, variables) => {
    const { code, output } = start(service, { ...env, CHURNWATCH_LOG_LEVEL: 'loud' });
    expect(code, output).toBe(CONFIG_EXIT_CODE);
    expect(output).toContain(`${service} will not start: invalid configuration`);
    for (const variable of [...variables, 'CHURNWATCH_LOG_LEVEL']) expect(output).toContain(variable);
    expect(output).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe('a running service', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database?.drop());

  it('logs kafkajs as JSON, is alive but not ready while Kafka is unreachable, and stops cleanly on SIGTERM', async () => {
    const child = spawn(process.execPath, [main('account-store')], {
      env: {
        PATH: process.env.PATH ?? '',
        CHURNWATCH_KAFKA_BROKERS: '127.0.0.1:9',
        CHURNWATCH_DATABASE_URL: database.url,
        CHURNWATCH_METRICS_PORT: '0',
        CHURNWATCH_KAFKA_LOG_LEVEL: 'error',
      },
    });
    let stdout = '';
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const lines = () =>
      stdout
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>);
    try {
      const served = await waitFor(() => lines().find((line) => line.msg === 'metrics and health served'), 'the health port');
      const base = `http://127.0.0.1:${served.metricsPort}`;
      await waitFor(() => lines().find((line) => line.msg === 'database schema migrated'), 'the schema migrated');
      const kafkaLine = await waitFor(() => lines().find((line) => line.component === 'kafkajs'), 'a kafkajs log line', 60_000);
      expect(kafkaLine).toMatchObject({ service: 'account-store', component: 'kafkajs', level: 50 });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/readyz`)).status).toBe(503);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(lines().map((line) => line.msg)).toContain('shutting down');
  });
});
