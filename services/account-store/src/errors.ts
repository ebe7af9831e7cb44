import { ChurnwatchError } from '@churnwatch/errors';

/** PostgreSQL could not take the rows (down, refusing, timed out); the batch is written again. */
export class DatabaseUnavailableError extends ChurnwatchError {
  constructor(cause: unknown) {
    super('DATABASE_UNAVAILABLE', `PostgreSQL did not take the rows: ${(cause as Error)?.message ?? String(cause)}`, { retriable: true, cause });
  }
}

/** The batch was given up because the partition moved or the service stops; its offsets stay uncommitted. */
export class BatchAbandonedError extends ChurnwatchError {
  constructor(reason: string) {
    super('BATCH_ABANDONED', `batch abandoned before it was written: ${reason}`, { retriable: true });
  }
}
