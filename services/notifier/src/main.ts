// Composition root: the service shell (configuration → logger → metrics → HTTP → signal traps),
// then Kafka → the alert sink.
import { consumerHealth, startService } from '@churnwatch/service-shell';
import { runAlertSink } from './alert-sink.ts';
import { loadConfig } from './config.ts';

await startService({
  service: 'notifier',
  configure: loadConfig,
  start: async (context) => {
    const { config, logger } = context;
    const kafka = context.kafka({ clientId: `notifier-${process.pid}`, brokers: [...config.brokers] });
    const consumer = kafka.consumer({ groupId: config.groupId });
    const producer = kafka.producer({ idempotent: true });
    context.health.add(
      'alert-consumer',
      consumerHealth(consumer, (error) => void context.fail('consumer crashed and will not restart', error)),
    );
    logger.info(
      { routes: config.routes.map((route) => `${route.name} (${route.channel})`), accountPage: config.accountPageBaseUrl ?? null },
      'notifier starting',
    );
    await producer.connect();
    // Registered first, so it runs last: failed notifications in flight are written before it disconnects.
    context.onShutdown('producer', () => producer.disconnect());
    const shutdown = new AbortController();
    context.onShutdown('alert-consumer', async () => {
      logger.info('deliveries in flight are abandoned and redelivered after restart');
      shutdown.abort();
      await consumer.disconnect();
    });
    await consumer.connect();
    await consumer.subscribe({ topic: config.topics.alerts, fromBeginning: true });
    await runAlertSink({ config, consumer, producer, logger, registry: context.registry, signal: shutdown.signal });
  },
});
