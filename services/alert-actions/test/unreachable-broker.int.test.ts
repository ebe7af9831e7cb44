// alert-actions as a process with no broker at its address: it serves /healthz (alive) and
// /readyz (not ready) while it retries, logs each retry naming the brokers and its next wait, and
// gives up with exit 1 when the next attempt would start past the start-up timeout.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@churnwatch/local-kafka';
import { waitFor } from '@churnwatch/testkit';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));
const startupTimeoutMs = 8_000;

test('an unreachable broker at start-up: alive, not ready, retried with a log line, then exit 1 within the start-up timeout', async () => {
  const deadPort = await freePort();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      CHURNWATCH_KAFKA_BROKERS: `127.0.0.1:${deadPort}`,
      CHURNWATCH_ALERT_ACTIONS_TOKEN: 'unreachable-test-token-0123456789abcdef',
      CHURNWATCH_ALERT_ACTIONS_PORT: '0',
      // The service picks its own port and logs it: a port chosen here could be taken by a neighbouring test first.
      CHURNWATCH_METRICS_PORT: '0',
      CHURNWATCH_STARTUP_TIMEOUT_MS: String(startupTimeoutMs),
      CHURNWATCH_KAFKA_LOG_LEVEL: 'nothing',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  const lines = () =>
    stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const logged = (message: string) => lines().find((line) => line.msg === message);
  try {
    const served = await waitFor(
      () => {
        if (exitCode !== undefined) throw new Error(`alert-actions exited ${exitCode} before serving health:\n${stdout}${stderr}`);
        return logged('metrics and health served');
      },
      'the health port',
      30_000,
    );
    const probe = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${served.metricsPort}${path}`);
      return { status: response.status, text: await response.text() };
    };
    // Probed as soon as it serves: its first attempt cannot succeed, so it is still waiting for Kafka.
    expect((await probe('/healthz')).status).toBe(200);
    const ready = await probe('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.text).toContain('kafka-producer: connecting to Kafka');

    expect(await exited).toBe(1);
    // Judged on the service's own log times, which a loaded machine does not skew: it retried with
    // doubling waits, and gave up once the next wait would end past the timeout — not before.
    const attemptsAt = lines()
      .filter((line) => line.msg === 'connecting to Kafka')
      .map((line) => line.time as number);
    const waits = lines()
      .filter((line) => typeof line.msg === 'string' && line.msg.startsWith(`Kafka is not reachable at 127.0.0.1:${deadPort}`))
      .map((line) => line.retryInMs as number);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(waits).toEqual(waits.map((_, attempt) => 1_000 * 2 ** attempt));
    expect(attemptsAt).toHaveLength(waits.length + 1);
    const gaveUpAfterMs = (logged('shutting down')?.time as number) - (attemptsAt[0] as number);
    const nextWaitMs = 2 * (waits.at(-1) as number);
    expect(gaveUpAfterMs + nextWaitMs).toBeGreaterThan(startupTimeoutMs);
    // The last attempt starts before the timeout and is given at most a second.
    expect(gaveUpAfterMs).toBeLessThanOrEqual(startupTimeoutMs + 1_500);
    expect(`${stdout}${stderr}`).toMatch(new RegExp(`could not start: Kafka was not reachable at 127\\.0\\.0\\.1:${deadPort} within ${startupTimeoutMs} ms`));
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
