import { createDatabasePool } from '@churnwatch/account-store';
import type { ServiceDefinition } from '@churnwatch/service-shell';
import { createAccountQueries } from './account-queries.ts';
import { type AccountPageConfig, loadAccountPageConfig } from './config.ts';
import { type PageServer, startPageServer } from './page-server.ts';

/** How often readiness asks PostgreSQL whether it answers. */
const DATABASE_CHECK_INTERVAL_MS = 5_000;

/**
 * The account page on the service shell: PostgreSQL pool (readiness follows a periodic `select 1`)
 * → the page's HTTP server. Shutdown: the page stops taking requests, then the pool closes.
 */
export const accountPageService: ServiceDefinition<AccountPageConfig, PageServer> = {
  service: 'account-page',
  configure: loadAccountPageConfig,
  start: async (context) => {
    const { config, logger } = context;
    const pool = createDatabasePool(config.databaseUrl, logger, { application: 'churnwatch-account-page' });
    context.onShutdown('postgres', () => pool.end());
    let databaseAnswers = false;
    const check = () =>
      pool.query('select 1').then(
        () => {
          databaseAnswers = true;
        },
        (error: unknown) => {
          if (databaseAnswers) logger.warn({ err: error }, 'PostgreSQL does not answer; the page is not ready');
          databaseAnswers = false;
        },
      );
    await check();
    const timer = setInterval(() => void check(), DATABASE_CHECK_INTERVAL_MS);
    context.onShutdown('database check', () => clearInterval(timer));
    context.health.add('postgres', { alive: () => true, ready: () => databaseAnswers });
    const server = await startPageServer({ config, queries: createAccountQueries(pool), logger });
    context.health.add('page', { alive: () => true, ready: () => true });
    context.onShutdown('page', () => server.close());
    logger.info({ port: server.port, auth: Object.keys(config.auth) }, 'account page serving');
    return server;
  },
};
