import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The body exactly as sent (signatures are computed over these bytes). */
  readonly body: string;
  /** `performance.now()` when the request arrived. */
  readonly atMs: number;
  readonly status: number;
}

export interface ReceiverAnswer {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

export interface HttpReceiver {
  readonly url: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

/**
 * A real HTTP server on loopback that records every request and answers as `answer` says, given
 * the request and how many requests the same path had before it.
 */
export async function startHttpReceiver(answer: (request: Omit<ReceivedRequest, 'status'>, seenOnPath: number) => ReceiverAnswer): Promise<HttpReceiver> {
  const received: ReceivedRequest[] = [];
  const seen = new Map<string, number>();
  const server: Server = createServer(async (request, response) => {
    const path = request.url ?? '/';
    const arrived = { path, headers: request.headers, body: await readBody(request), atMs: performance.now() };
    const count = seen.get(path) ?? 0;
    seen.set(path, count + 1);
    const reply = answer(arrived, count);
    received.push({ ...arrived, status: reply.status });
    response.writeHead(reply.status, reply.headers).end(reply.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
