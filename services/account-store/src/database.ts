import type { Logger } from '@churnwatch/telemetry';
import pg from 'pg';

/**
 * A pool for the store and the page. Connections that die while idle (PostgreSQL restarted, a
 * proxy cut them) are logged and replaced, never thrown: the pool's `error` event would otherwise
 * end the process.
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
  return pool;
}
