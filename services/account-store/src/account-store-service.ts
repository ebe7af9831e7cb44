import type { ServiceDefinition } from '@churnwatch/service-shell';
import { type AccountSink, startAccountSink } from './account-sink.ts';
import { type AccountStoreConfig, loadAccountStoreConfig } from './config.ts';
import { createDatabasePool } from './database.ts';
import { createAccountDecoders } from './decoders.ts';
import { migrate } from './migrate.ts';
import { createStoreMetrics } from './store-metrics.ts';

/**
 * The account store on the service shell: PostgreSQL pool → migrations → Kafka consumer and
 * dead-letter producer → the sink. Shutdown runs the other way: the sink leaves its group, then
 * the pool closes.
 */
export const accountStoreService: ServiceDefinition<AccountStoreConfig, AccountSink> = {
  service: 'account-store',
  configure: loadAccountStoreConfig,
  start: async (context) => {
    const { config, logger } = context;
    const pool = createDatabasePool(config.databaseUrl, logger, { application: 'churnwatch-account-store' });
    context.onShutdown('postgres', () => pool.end());
    const applied = await migrate(pool);
    logger.info({ applied }, applied.length ? 'database schema migrated' : 'database schema is current');
    const kafka = context.kafka({
      clientId: `${config.groupId}-${process.pid}`,
      brokers: [...config.kafkaBrokers],
      retry: { initialRetryTime: 300, retries: 8 },
    });
    // Wrong credentials or a TLS mismatch stop start-up here, named, instead of in the consumer's retries.
    await context.verifyKafka(config.kafkaBrokers);
    const sink = await startAccountSink({
      config,
      consumer: kafka.consumer({ groupId: config.groupId }),
      producer: kafka.producer({ idempotent: true }),
      pool,
      decoders: createAccountDecoders(config.maxValueBytes, Date.now),
      metrics: createStoreMetrics(context.registry),
      logger,
    });
    context.health.add('account-sink', sink.health);
    context.onShutdown('account-sink', () => sink.stop());
    logger.info({ topics: config.topics }, 'account store consuming');
    return sink;
  },
};
