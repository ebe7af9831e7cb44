import type { RuntimeContext } from './runtime-context.ts';
import type { RuntimeHealth } from './runtime-options.ts';

/**
 * Liveness: the consumer or a restore showed activity lately and the runtime has not given up.
 * Readiness: joined, not rebalancing or stopping, every partition restored; a partition stopped
 * for good (corrupt state) keeps it false, and notReadyReason says which and why.
 */
export function createRuntimeHealth<S>(ctx: RuntimeContext<S>): RuntimeHealth {
  const notReadyReason = (): string | undefined => {
    if (ctx.failed) return `the runtime gave up: ${ctx.failed.message}`;
    const stopped = [...ctx.runs.values()].filter((run) => run.status === 'failed');
    if (stopped.length) return stopped.map((run) => `partition ${run.partition} stopped: ${run.failure?.message ?? 'unknown error'}`).join('; ');
    if (!ctx.started) return 'starting';
    if (ctx.stopping) return 'stopping';
    if (!ctx.joined) return 'not in the consumer group';
    if (ctx.rebalancing) return 'rebalancing';
    const restoring = [...ctx.runs.values()].filter((run) => run.status !== 'ready').map((run) => run.partition);
    if (restoring.length) return `restoring partitions ${restoring.join(', ')}`;
    return undefined;
  };
  return {
    alive: () => !ctx.failed && (!ctx.started || Date.now() - ctx.lastActivityMs < ctx.tuning.livenessTimeoutMs),
    ready: () => notReadyReason() === undefined,
    notReadyReason,
  };
}
