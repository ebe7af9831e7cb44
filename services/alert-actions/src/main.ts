// Composition root: the service shell (configuration → logger → metrics → HTTP → signal traps),
// then the Kafka producer (TLS and SASL from the shell) → the actions API.
import { createServer } from 'node:http';
import { startService } from '@churnwatch/service-shell';
import { createAlertActionsHandler } from './actions-handler.ts';
import { loadConfig } from './config.ts';
import { connectWithinStartup } from './connect-within-startup.ts';
import { kafkaControlPublisher } from './control-publisher.ts';

await startService({
  service: 'alert-actions',
  configure: loadConfig,
  start: async (context) => {
    const { config, logger, registry } = context;
    const kafka = context.kafka({ clientId: `alert-actions-${process.pid}`, brokers: [...config.brokers] });
    let connected = false;
    // Alive while it waits for Kafka, ready once control events can be written.
    context.health.add('kafka-producer', { alive: () => true, ready: () => connected, notReadyReason: () => 'connecting to Kafka' });
    const producer = await connectWithinStartup(
      async (signal) => {
        const candidate = kafka.producer({ idempotent: true });
        // An attempt given up on must not connect later beside the one that is used.
        const release = () => void candidate.disconnect().catch(() => {});
        signal.addEventListener('abort', release, { once: true });
        try {
          await candidate.connect();
        } catch (error) {
          release();
          throw error;
        }
        if (signal.aborted) {
          release();
          throw signal.reason;
        }
        signal.removeEventListener('abort', release);
        return candidate;
      },
      { brokers: config.brokers, startupTimeoutMs: config.startupTimeoutMs, logger, verify: () => context.verifyKafka(config.brokers) },
    );
    connected = true;
    // Registered first, so it runs last: requests in flight finish their writes before it disconnects.
    context.onShutdown('producer', () => producer.disconnect());
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
    context.onShutdown('actions-api', async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      await closed;
    });
    logger.info({ port: config.port, slack: config.slack !== null, topic: config.controlTopic }, 'alert-actions listening');
  },
});
