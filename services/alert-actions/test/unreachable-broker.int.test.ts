// alert-actions as a process with no broker at its address: it serves /healthz (alive) and
// /readyz (not ready) while it retries, logs each retry naming the brokers, and gives up with
// exit 1 once the start-up timeout has passed.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '@churnwatch/local-kafka';
import { waitFor } from '@churnwatch/testkit';
import { expect, test } from 'vitest';

const main = fileURLToPath(new URL('../src/main.ts', import.meta.url));

test('an unreachable broker at start-up: alive, not ready, retried with a log line, then exit 1 after the start-up timeout', async () => {
  const [metricsPort, deadPort] = [await freePort(), await freePort()];
  const startedAt = Date.now();
  const child = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      CHURNWATCH_KAFKA_BROKERS: `127.0.0.1:${deadPort}`,
      CHURNWATCH_ALERT_ACTIONS_TOKEN: 'unreachable-test-token-0123456789abcdef',
      CHURNWATCH_ALERT_ACTIONS_PORT: '0',
      CHURNWATCH_METRICS_PORT: String(metricsPort),
      CHURNWATCH_STARTUP_TIMEOUT_MS: '8000',
      CHURNWATCH_KAFKA_LOG_LEVEL: 'nothing',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  try {
    const probe = async (path: string) => {
      const response = await fetch(`http://127.0.0.1:${metricsPort}${path}`).catch(() => undefined);
      return response && { status: response.status, text: await response.text() };
    };
    await waitFor(async () => ((await probe('/healthz'))?.status === 200 ? true : undefined), '/healthz answering', 20_000, 100);
    const ready = await probe('/readyz');
    expect(ready?.status).toBe(503);
    expect(ready?.text).toContain('kafka-producer: connecting to Kafka');

    expect(await exited).toBe(1);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(8_000);
    expect(output).toContain(`Kafka is not reachable at 127.0.0.1:${deadPort}`);
    expect(output).toMatch(new RegExp(`could not start: Kafka was not reachable at 127\\.0\\.0\\.1:${deadPort} within 8000 ms`));
  } finally {
    child.kill('SIGKILL');
  }
}, 60_000);
