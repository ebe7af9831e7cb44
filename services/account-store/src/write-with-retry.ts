import type { Logger } from '@churnwatch/telemetry';
import { BatchAbandonedError, DatabaseUnavailableError, isRowRejection, RowsRejectedError } from './errors.ts';

export interface RetryControl {
  readonly initialMs: number;
  readonly maxMs: number;
  /** Keeps the consumer's group membership while it waits (kafkajs' heartbeat). */
  heartbeat(): Promise<void>;
  /** False once the batch should be given up (rebalance, shutdown): its offsets then stay uncommitted. */
  stillWanted(): boolean;
  /** Told whether the database answers, for metrics and readiness. */
  onDatabaseState(up: boolean): void;
  readonly logger: Logger;
  readonly sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `write` until it succeeds, waiting initialMs, 2×, 4×… up to maxMs between attempts while
 * keeping the group membership. Consumption waits meanwhile (the batch is not done), so nothing
 * past the failing batch is read and nothing is committed. Throws BatchAbandonedError when the
 * batch is no longer wanted, and RowsRejectedError at once when the rows themselves are refused.
 */
export async function writeWithRetry(write: () => Promise<void>, control: RetryControl): Promise<void> {
  const sleep = control.sleep ?? defaultSleep;
  let waitMs = control.initialMs;
  for (let attempt = 1; ; attempt++) {
    if (!control.stillWanted()) throw new BatchAbandonedError('the partition moved or the service stops');
    try {
      await write();
      control.onDatabaseState(true);
      return;
    } catch (error) {
      if (isRowRejection(error)) throw new RowsRejectedError(error);
      control.onDatabaseState(false);
      control.logger.warn({ err: new DatabaseUnavailableError(error), attempt, retryInMs: waitMs }, 'PostgreSQL refused the batch; consumption waits');
    }
    const until = Date.now() + waitMs;
    while (Date.now() < until) {
      await sleep(Math.min(1_000, until - Date.now()));
      await control.heartbeat();
      if (!control.stillWanted()) throw new BatchAbandonedError('the partition moved or the service stops');
    }
    waitMs = Math.min(waitMs * 2, control.maxMs);
  }
}
