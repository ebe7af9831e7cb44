// deliver() against a real HTTP receiver on loopback that accepts requests and never answers.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, test } from 'vitest';
import { deliver } from '../src/http-delivery.ts';

let server: Server | undefined;
afterEach(() => {
  server?.closeAllConnections();
  server?.close();
});

test('a receiver that hangs: each attempt ends at the request timeout, and the consumer is kept alive while it waits', async () => {
  let requests = 0;
  server = createServer(() => {
    requests++;
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  const keepAlives: number[] = [];
  const started = Date.now();
  const result = await deliver(
    { url, headers: { 'content-type': 'application/json' }, body: '{}' },
    { maxAttempts: 2, requestTimeoutMs: 600, backoff: { initialDelayMs: 1, maxDelayMs: 1 } },
    { signal: new AbortController().signal, keepAlive: async () => void keepAlives.push(Date.now() - started), keepAliveEveryMs: 100 },
  );
  expect(result).toEqual({ delivered: false, attempts: 2, reason: expect.stringMatching(/^gave up after 2 attempts: TimeoutError/) });
  expect(requests).toBe(2);
  // About five a request: keep-alives went on while both requests hung, not only between them.
  expect(keepAlives.length).toBeGreaterThanOrEqual(8);
  expect(keepAlives.filter((ms) => ms < 550).length).toBeGreaterThanOrEqual(3);
});
