import { Counter, Gauge, type Registry } from 'prom-client';

export interface StoreMetrics {
  readonly databaseUp: Gauge;
  readonly rowsWritten: Counter<'table'>;
  readonly writeFailures: Counter;
  readonly deadLetters: Counter<'topic'>;
}

/** The store's own metrics; labels are bounded (table, topic), never a customer. */
export function createStoreMetrics(registry: Registry): StoreMetrics {
  return {
    databaseUp: new Gauge({
      name: 'churnwatch_account_store_database_up',
      help: '1 while the last write to PostgreSQL succeeded, 0 while writes fail and consumption waits',
      registers: [registry],
    }),
    rowsWritten: new Counter({
      name: 'churnwatch_account_store_rows_written_total',
      help: 'records written to PostgreSQL, by table',
      labelNames: ['table'],
      registers: [registry],
    }),
    writeFailures: new Counter({
      name: 'churnwatch_account_store_write_failures_total',
      help: 'batch writes PostgreSQL refused (each is retried)',
      registers: [registry],
    }),
    deadLetters: new Counter({
      name: 'churnwatch_account_store_dead_letters_total',
      help: 'unreadable records sent to the dead-letter topic',
      labelNames: ['topic'],
      registers: [registry],
    }),
  };
}
