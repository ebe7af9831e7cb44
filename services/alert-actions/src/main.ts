// Composition root: config → logger → metrics → Kafka producer → actions API → signal traps.
import { createServer } from 'node:http';
import { ConfigError } from '@churnwatch/errors';
import { createLogger, createMetricsRegistry, startServiceHttpServer } from '@churnwatch/telemetry';
import { Kafka, logLevel } from 'kafkajs';
import { createAlertActionsHandler } from './actions-handler.ts';
import { type AlertActionsConfig, loadConfig } from './config.ts';
import { kafkaControlPublisher } from './control-publisher.ts';

/** Exit code of a refused start on bad configuration (sysexits' EX_CONFIG). */
const CONFIG_EXIT_CODE = 78;
const service = 'alert-actions';

let config: AlertActionsConfig;
try {
  config = loadConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${service}: ${error.message}\n`);
  process.exit(CONFIG_EXIT_CODE);
}
const logger = createLogger({ service, level: config.logLevel });
const registry = createMetricsRegistry(service);
const kafka = new Kafka({ clientId: service, brokers: [...config.brokers], logLevel: logLevel.WARN });
const producer = kafka.producer({ idempotent: true });
let connected = false;

const metricsServer = await startServiceHttpServer({ port: config.metricsPort, registry, health: { alive: () => true, ready: () => connected } });
await producer.connect();
connected = true;
const handle = createAlertActionsHandler({
  apiToken: config.apiToken,
  slack: config.slack,
  publish: kafkaControlPublisher(producer, config.controlTopic),
  logger,
  registry,
});
const server = createServer((request, response) => {
  handle(request, response).then(
    (handled) => {
      if (!handled) response.writeHead(404).end();
    },
    (error: unknown) => {
      logger.error({ err: error }, 'request failed');
      if (!response.headersSent) response.writeHead(500).end();
    },
  );
});
await new Promise<void>((resolve) => server.listen(config.port, '0.0.0.0', resolve));
logger.info({ port: config.port, metricsPort: metricsServer.port, slack: config.slack !== null, topic: config.controlTopic }, 'alert-actions listening');

async function shutdown(signal: string): Promise<void> {
  logger.info({ signal }, 'shutting down');
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  await closed;
  await producer.disconnect();
  await metricsServer.close();
  logger.flush();
  process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
