// Composition root: the service shell (configuration → logger → metrics → HTTP → signal traps),
// then Kafka → one alert consumer per route.
import { startService } from '@churnwatch/service-shell';
import { loadConfig } from './config.ts';
import { startRouteConsumers } from './route-consumers.ts';

await startService({
  service: 'notifier',
  configure: loadConfig,
  start: async (context) => {
    const { config, logger } = context;
    const kafka = context.kafka({ clientId: `notifier-${process.pid}`, brokers: [...config.brokers] });
    const producer = kafka.producer({ idempotent: true });
    logger.info(
      { routes: config.routes.map((route) => `${route.name} (${route.channel})`), accountPage: config.accountPageBaseUrl ?? null },
      'notifier starting',
    );
    await context.verifyKafka(config.brokers);
    await producer.connect();
    // Registered first, so it runs last: failed notifications in flight are written before it disconnects.
    context.onShutdown('producer', () => producer.disconnect());
    const shutdown = new AbortController();
    const consumers = await startRouteConsumers({
      kafka,
      config,
      producer,
      logger,
      registry: context.registry,
      signal: shutdown.signal,
      health: context.health,
      onFatal: (error) => void context.fail('consumer crashed and will not restart', error),
    });
    context.onShutdown('route-consumers', async () => {
      logger.info('deliveries in flight are abandoned and redelivered after restart');
      shutdown.abort();
      await consumers.disconnect();
    });
  },
});
