import { Counter } from 'prom-client';
import { expect, test } from 'vitest';
import { startServiceHttpServer } from './http-server.ts';
import { createMetricsRegistry } from './metrics.ts';

test('/healthz and /readyz answer what the probe says; /metrics serves the registry', async () => {
  const registry = createMetricsRegistry('probe-test');
  new Counter({ name: 'churnwatch_things_total', help: 'Things.', registers: [registry] }).inc(3);
  let ready = false;
  const server = await startServiceHttpServer({ port: 0, host: '127.0.0.1', registry, health: { alive: () => true, ready: () => ready } });
  try {
    const get = (path: string) => fetch(`http://127.0.0.1:${server.port}${path}`);
    expect((await get('/healthz')).status).toBe(200);
    expect((await get('/readyz')).status).toBe(503);
    ready = true;
    expect((await get('/readyz')).status).toBe(200);
    const metrics = await (await get('/metrics')).text();
    expect(metrics).toContain('churnwatch_things_total{service="probe-test"} 3');
    expect((await get('/nothing')).status).toBe(404);
  } finally {
    await server.close();
  }
});
