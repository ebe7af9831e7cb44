import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Whether a listener can bind `port` on every interface right now (how the services bind theirs). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

// Below Linux's ephemeral range (32768 and up), where the kernel hands out the ports that
// `listen(0)` and outgoing connections get: a run chosen here is not taken by a broker that
// starts a moment later, as a run counted up from an ephemeral port can be.
const runFloor = 20_000;
const runCeiling = 32_000;

/** `count` consecutive ports, all free a moment ago, below the kernel's ephemeral range. */
export async function freePortRun(count: number): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const first = runFloor + Math.floor(Math.random() * (runCeiling - runFloor - count));
    let free = true;
    for (let port = first; free && port < first + count; port++) free = await portIsFree(port);
    if (free) return first;
  }
  throw new Error(`no ${count} consecutive free ports between ${runFloor} and ${runCeiling}`);
}
