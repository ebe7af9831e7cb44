// Composition root: config → logger → metrics → Kafka → alert sink → signal traps.
import { kafkaClientSecurity, verifyKafkaConnection } from '@churnwatch/connection-security';
import { createLogger, createMetricsRegistry, startServiceHttpServer } from '@churnwatch/telemetry';
import { Kafka, logLevel } from 'kafkajs';
import { runAlertSink } from './alert-sink.ts';
import { loadConfig } from './config.ts';

const service = 'notifier';
const config = loadConfig(process.env);
const logger = createLogger({ service, level: config.logLevel });
const registry = createMetricsRegistry(service);
const shutdownController = new AbortController();
let joined = false;

const kafka = new Kafka({ clientId: service, brokers: [...config.brokers], logLevel: logLevel.WARN, ...kafkaClientSecurity(config.kafkaSecurity) });
const consumer = kafka.consumer({ groupId: config.groupId });
const producer = kafka.producer({ idempotent: true });
consumer.on(consumer.events.GROUP_JOIN, () => {
  joined = true;
});
consumer.on(consumer.events.CRASH, (event) => {
  if (!event.payload.restart) {
    logger.fatal({ err: event.payload.error }, 'consumer crashed and will not restart');
    process.exit(1);
  }
});

const http = await startServiceHttpServer({ port: config.metricsPort, registry, health: { alive: () => true, ready: () => joined } });
logger.info({ port: http.port, routes: config.routes.map((route) => `${route.name} (${route.channel})`) }, 'notifier starting');
try {
  await verifyKafkaConnection(config.brokers, config.kafkaSecurity);
} catch (error) {
  logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
  logger.flush();
  process.exit(1);
}
await producer.connect();
await consumer.connect();
await consumer.subscribe({ topic: config.topics.alerts, fromBeginning: true });
await runAlertSink({ config, consumer, producer, logger, registry, signal: shutdownController.signal });

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down: deliveries in flight are abandoned and redelivered after restart');
  shutdownController.abort();
  await consumer.disconnect();
  await producer.disconnect();
  await http.close();
  logger.flush();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
