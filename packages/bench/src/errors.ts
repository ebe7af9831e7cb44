import { ChurnwatchError } from '@churnwatch/errors';

/** A benchmark could not produce its figure (a peer that failed, a wait that timed out); never retried. */
export class BenchError extends ChurnwatchError {
  constructor(code: string, message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(code, message, { context, ...(cause === undefined ? {} : { cause }) });
  }
}
