import type { Logger } from '@churnwatch/telemetry';
import pg from 'pg';

/**
 * A pool for the store and the page. Connections that die (PostgreSQL restarted, a proxy cut
 * them) are logged and replaced, never thrown: an `error` event without a listener, on the pool
 * for idle connections or on a client checked out between two queries, would end the process.
 * The query in flight still fails, and its caller retries.
 */
export function createDatabasePool(url: string, logger: Logger, options: { max?: number; application?: string } = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 4,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    query_timeout: 30_000,
    application_name: options.application ?? 'churnwatch',
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'an idle PostgreSQL connection failed; it is replaced on next use'));
  pool.on('connect', (client) => client.on('error', (error) => logger.warn({ err: error }, 'a PostgreSQL connection failed')));
  return pool;
}
