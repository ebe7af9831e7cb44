import type { Writable } from 'node:stream';

/** What a command needs from its process; tests pass in-memory streams and a fake clock. */
export interface CommandIo {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether standard error is a terminal (progress bar) or not (plain lines). */
  readonly stderrIsTty: boolean;
  /** A monotonic clock in ms, for progress and throughput only. */
  readonly nowMs: () => number;
}
