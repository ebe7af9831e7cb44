import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Registry } from 'prom-client';

export interface HealthProbe {
  /** The process works (its event loop answers and it has not given up). */
  alive(): boolean;
  /** It does its job: joined its group, restored its state, connected to what it needs. */
  ready(): boolean;
  /** Why it is not ready, when known (shown by /readyz). */
  notReadyReason?(): string | undefined;
}

export interface ServiceHttpServer {
  readonly port: number;
  close(): Promise<void>;
}

/** Serves GET /metrics (Prometheus text format), /healthz and /readyz (200 or 503). */
export async function startServiceHttpServer(options: { port: number; host?: string; registry: Registry; health: HealthProbe }): Promise<ServiceHttpServer> {
  const { registry, health } = options;
  const server: Server = createServer((request, response) => {
    const path = (request.url ?? '/').split('?')[0];
    if (request.method !== 'GET') {
      response.writeHead(405).end();
    } else if (path === '/metrics') {
      registry.metrics().then(
        (text) => response.writeHead(200, { 'content-type': registry.contentType }).end(text),
        (error: unknown) => response.writeHead(500).end(String(error)),
      );
    } else if (path === '/healthz' || path === '/readyz') {
      const ok = path === '/healthz' ? health.alive() : health.ready();
      const reason = !ok && path === '/readyz' ? health.notReadyReason?.() : undefined;
      response.writeHead(ok ? 200 : 503, { 'content-type': 'text/plain' }).end(ok ? 'ok\n' : reason ? `not ready: ${reason}\n` : 'not ready\n');
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', resolve);
  });
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
