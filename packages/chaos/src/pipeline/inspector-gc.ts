import { ChaosError } from '../errors.ts';

interface InspectorTarget {
  readonly webSocketDebuggerUrl?: string;
}

interface DevToolsReply {
  readonly id?: number;
  readonly error?: { readonly message?: string };
  readonly result?: { readonly result?: { readonly value?: unknown }; readonly exceptionDetails?: { readonly text?: string } };
}

/** The heap right after a forced full collection. */
export interface HeapReading {
  /** V8's heap used: everything still referenced. */
  readonly heapUsedBytes: number;
  /**
   * Compiled code and bytecode with their metadata (relocation, deoptimisation and source
   * position tables), wherever V8 keeps them (`v8.getHeapCodeStatistics()`). Not only the code
   * spaces: a heap snapshot diff of a service over seven minutes of steady load showed its
   * growth to be almost all optimised code and its tables, much of it in the old space.
   */
  readonly compiledBytes: number;
}

/** Evaluated in the process: its heap and compiled code, as one reading. */
const READING_EXPRESSION = `(() => {
  const v8 = process.getBuiltinModule('node:v8');
  const code = v8.getHeapCodeStatistics();
  return { heapUsedBytes: v8.getHeapStatistics().used_heap_size, compiledBytes: code.code_and_metadata_size + code.bytecode_and_metadata_size };
})()`;

/**
 * Forces a full garbage collection in a Node process started with `--inspect=127.0.0.1:<port>`,
 * through the DevTools protocol (`HeapProfiler.collectGarbage`), and then reads its heap in the
 * same session, before anything else runs in between. Heap used then is what the process still
 * references: the soak judges its trend, instead of waiting for V8's own major collections,
 * which a quiet service makes only a few times in half an hour. Only for processes a test
 * started; no service opens an inspector.
 */
export async function collectGarbage(port: number, timeoutMs = 10_000): Promise<HeapReading> {
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
  const failure = (message: string) => new ChaosError('CHAOS_INSPECTOR', message, { context: { port } });
  try {
    const reply = await new Promise<DevToolsReply>((done, fail) => {
      const timer = setTimeout(() => fail(failure(`no answer from the inspector on port ${port} within ${timeoutMs} ms`)), timeoutMs);
      socket.addEventListener('open', () => socket.send(JSON.stringify({ id: 1, method: 'HeapProfiler.collectGarbage' })));
      socket.addEventListener('message', (event) => {
        const message = JSON.parse(String(event.data)) as DevToolsReply;
        if (message.id === 1) {
          if (message.error) {
            clearTimeout(timer);
            fail(failure(`HeapProfiler.collectGarbage failed: ${message.error.message}`));
          } else socket.send(JSON.stringify({ id: 2, method: 'Runtime.evaluate', params: { expression: READING_EXPRESSION, returnByValue: true } }));
        } else if (message.id === 2) {
          clearTimeout(timer);
          done(message);
        }
      });
      socket.addEventListener('error', () => {
        clearTimeout(timer);
        fail(failure(`the inspector connection on port ${port} failed`));
      });
    });
    const reading = reply.result?.result?.value as Partial<HeapReading> | undefined;
    if (typeof reading?.heapUsedBytes !== 'number' || typeof reading.compiledBytes !== 'number')
      throw failure(`the heap reading on port ${port} failed: ${reply.error?.message ?? reply.result?.exceptionDetails?.text ?? 'no value'}`);
    return { heapUsedBytes: reading.heapUsedBytes, compiledBytes: reading.compiledBytes };
  } finally {
    socket.close();
  }
}
