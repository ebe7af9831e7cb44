// Composition root: config → logger → metrics → Kafka → one alert sink per route → signal traps.
import { createLogger, createMetricsRegistry, startServiceHttpServer } from '@churnwatch/telemetry';
import { Kafka, logLevel } from 'kafkajs';
import { loadConfig } from './config.ts';
import { type RouteConsumers, startRouteConsumers } from './route-consumers.ts';

const service = 'notifier';
const config = loadConfig(process.env);
const logger = createLogger({ service, level: config.logLevel });
const registry = createMetricsRegistry(service);
const shutdownController = new AbortController();

const kafka = new Kafka({ clientId: service, brokers: [...config.brokers], logLevel: logLevel.WARN });
const producer = kafka.producer({ idempotent: true });
let routeConsumers: RouteConsumers | undefined;

const http = await startServiceHttpServer({ port: config.metricsPort, registry, health: { alive: () => true, ready: () => routeConsumers?.ready() ?? false } });
logger.info({ port: http.port, routes: config.routes.map((route) => `${route.name} (${route.channel})`) }, 'notifier starting');
await producer.connect();
routeConsumers = await startRouteConsumers({
  kafka,
  config,
  producer,
  logger,
  registry,
  signal: shutdownController.signal,
  onFatal: (error) => {
    logger.fatal({ err: error }, 'consumer crashed and will not restart');
    process.exit(1);
  },
});

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down: deliveries in flight are abandoned and redelivered after restart');
  shutdownController.abort();
  await routeConsumers?.disconnect();
  await producer.disconnect();
  await http.close();
  logger.flush();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
