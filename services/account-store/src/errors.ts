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

/** PostgreSQL refused the rows themselves (a data or constraint error): retrying cannot help. */
export class RowsRejectedError extends ChurnwatchError {
  constructor(cause: unknown) {
    super('ROWS_REJECTED', `PostgreSQL rejected the rows: ${(cause as Error)?.message ?? String(cause)}`, { retriable: false, cause });
  }
}

/** SQLSTATE classes 22 (data exception) and 23 (integrity constraint violation) are about the rows, not the database. */
export function isRowRejection(error: unknown): boolean {
  const code = (error as { code?: unknown })?.code;
  return typeof code === 'string' && (code.startsWith('22') || code.startsWith('23'));
}
