import { ChaosError } from '../errors.ts';

interface InspectorTarget {
  readonly webSocketDebuggerUrl?: string;
}

/**
 * Forces a full garbage collection in a Node process started with `--inspect=127.0.0.1:<port>`,
 * through the DevTools protocol (`HeapProfiler.collectGarbage`), and resolves once it is done.
 * Heap used sampled right after it is what the process still references: the soak judges its
 * trend, instead of waiting for V8's own major collections, which a quiet service makes only a
 * few times in half an hour. Only for processes a test started; no service opens an inspector.
 */
export async function collectGarbage(port: number, timeoutMs = 10_000): Promise<void> {
  let targets: InspectorTarget[];
  try {
    const response = await fetch(`http://127.0.0.1:${port}/json/list`, { signal: AbortSignal.timeout(timeoutMs) });
    targets = (await response.json()) as InspectorTarget[];
  } catch (error) {
    throw new ChaosError('CHAOS_INSPECTOR', `no inspector answers on port ${port}`, { context: { port }, cause: error });
  }
  const [target] = targets;
  const url = target?.webSocketDebuggerUrl;
  if (url === undefined) throw new ChaosError('CHAOS_INSPECTOR', `the inspector on port ${port} lists no debugger target`, { context: { port } });
  const socket = new WebSocket(url);
  try {
    await new Promise<void>((done, fail) => {
      const timer = setTimeout(
        () => fail(new ChaosError('CHAOS_INSPECTOR', `no answer to HeapProfiler.collectGarbage on port ${port} within ${timeoutMs} ms`, { context: { port } })),
        timeoutMs,
      );
      socket.addEventListener('open', () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
      socket.addEventListener('message', (event) => {
        const reply = JSON.parse(String(event.data)) as { id?: number; error?: { message?: string } };
        if (reply.id !== 1) return;
        clearTimeout(timer);
        if (reply.error) fail(new ChaosError('CHAOS_INSPECTOR', `HeapProfiler.collectGarbage failed: ${reply.error.message}`, { context: { port } }));
        else done();
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        fail(new ChaosError('CHAOS_INSPECTOR', `the inspector connection on port ${port} failed`, { context: { port } }));
      });
    });
  } finally {
    socket.close();
  }
}
