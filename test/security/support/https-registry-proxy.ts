// An HTTPS front with basic auth for the run's schema registry: what a secured registry looks
// like to a client (TLS with a private CA, 401 without the right credentials). A real server on
// loopback, forwarding to the real registry.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';

export interface HttpsRegistryProxy {
  /** The Confluent API base URL behind TLS. */
  readonly url: string;
  /** Requests that carried the right credentials, and those refused with 401. */
  readonly counts: { authorized: number; refused: number };
  close(): Promise<void>;
}

export async function startHttpsRegistryProxy(options: {
  /** The registry's Confluent API base URL (http). */
  target: string;
  certificateFile: string;
  keyFile: string;
  username: string;
  password: string;
}): Promise<HttpsRegistryProxy> {
  const target = new URL(options.target);
  const expected = `Basic ${Buffer.from(`${options.username}:${options.password}`).toString('base64')}`;
  const counts = { authorized: 0, refused: 0 };
  const server = createServer({ cert: readFileSync(options.certificateFile), key: readFileSync(options.keyFile) }, async (request, response) => {
    if (request.headers.authorization !== expected) {
      counts.refused++;
      response
        .writeHead(401, { 'www-authenticate': 'Basic realm="registry"', 'content-type': 'application/json' })
        .end('{"error_code":401,"message":"Unauthorized"}');
      return;
    }
    counts.authorized++;
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const upstream = await fetch(`${target.origin}${request.url}`, {
      method: request.method ?? 'GET',
      headers: { 'content-type': request.headers['content-type'] ?? 'application/json', accept: request.headers.accept ?? '*/*' },
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    response
      .writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' })
      .end(Buffer.from(await upstream.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}${target.pathname}`,
    counts,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
