import { describeKafkaSecurity, kafkaClientSecurity, plaintext, verifyKafkaConnection } from '@churnwatch/connection-security';
import type { InputDecoder } from '@churnwatch/contracts';
import { createLogger, createMetricsRegistry, type Logger, startServiceHttpServer } from '@churnwatch/telemetry';
import { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { ValueEncoder } from '../kafka/outgoing.ts';
import { createStreamRuntime, type StreamRuntime } from '../kafka/stream-runtime.ts';
import type { OutputRecord, Processor } from '../processor.ts';
import type { StoreFactory } from '../store/key-value-store.ts';
import { kafkajsLogCreator, kafkaLogLevels } from './kafkajs-logger.ts';
import { bindProcessShutdown } from './process-shutdown.ts';
import { processorBindings } from './processor-bindings.ts';
import { type RuntimeSettings, runtimeTuningOf } from './runtime-settings.ts';

export interface ServiceDefinition<S, E> {
  /** Service name: on every log line and metric. */
  readonly service: string;
  readonly settings: RuntimeSettings;
  readonly processor: Processor<S, E>;
  /** Topic per logical input and output of the processor, and `deadLetters`. */
  readonly topics: Readonly<Record<string, string>>;
  /** Decoder per logical input and clock input. */
  readonly decoders: Readonly<Record<string, InputDecoder>>;
  /** Logical inputs read only for their event time (StreamRuntimeOptions.clockInputs); topics and decoders as for inputs. */
  readonly clockInputs?: readonly string[];
  /** Value encoder per logical output; JSON otherwise. */
  readonly encoders?: Readonly<Record<string, ValueEncoder>>;
  readonly stores?: StoreFactory;
  /** See StreamRuntimeOptions.onOutputsCommitted: counts of what was emitted, by the service's own labels. */
  readonly onOutputsCommitted?: (outputs: readonly OutputRecord[]) => void;
  /** Pre-built logger and registry (tests); created from the settings otherwise. */
  readonly logger?: Logger;
  readonly registry?: Registry;
}

export interface RunningService {
  readonly runtime: StreamRuntime;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly metricsPort: number;
  /** Stops everything and exits the process with `code`. */
  shutdown(code: number, reason: string): Promise<never>;
}

/**
 * The runtime side of a consumer service's composition root: logger → metrics → Kafka runtime →
 * HTTP (/metrics, /healthz, /readyz) → signal traps. SIGTERM and SIGINT stop the timers, finish and
 * commit the current chunk, leave the group, flush the logs and exit 0; if that takes longer than
 * `shutdownTimeoutMs` the process exits 1. A runtime failure or an error nobody caught exits 1.
 */
export async function runService<S, E>(definition: ServiceDefinition<S, E>): Promise<RunningService> {
  const { settings, processor, topics } = definition;
  const logger = definition.logger ?? createLogger({ service: definition.service, level: settings.logLevel });
  const registry = definition.registry ?? createMetricsRegistry(definition.service);
  const kafka = new Kafka({
    clientId: settings.kafkaClientId ?? `${settings.applicationId}-${process.pid}`,
    brokers: settings.kafkaBrokers,
    logLevel: kafkaLogLevels[settings.kafkaLogLevel],
    logCreator: kafkajsLogCreator(logger),
    retry: { initialRetryTime: 300, retries: 8 },
    ...kafkaClientSecurity(settings.kafkaSecurity),
  });
  const runtime = createStreamRuntime({
    kafka,
    brokers: settings.kafkaBrokers,
    applicationId: settings.applicationId,
    processor,
    ...processorBindings({
      owner: definition.service,
      processor,
      topics,
      decoders: definition.decoders,
      clockInputs: definition.clockInputs,
      encoders: definition.encoders,
      clockLeaderGroups: settings.clockLeaderGroups,
    }),
    delivery: settings.delivery,
    logger,
    registry,
    ...(definition.stores ? { stores: definition.stores } : {}),
    ...(definition.onOutputsCommitted ? { onOutputsCommitted: definition.onOutputsCommitted } : {}),
    tuning: runtimeTuningOf(settings),
  });
  const http = await startServiceHttpServer({ port: settings.metricsPort, registry, health: runtime.health });

  const { shutdown } = bindProcessShutdown({
    logger,
    timeoutMs: settings.shutdownTimeoutMs,
    stop: () => runtime.stop().catch((error: unknown) => logger.error({ err: error }, 'stopping the runtime failed')),
    closeHttp: () => http.close(),
  });
  void runtime.failure.then((error) => shutdown(1, error.message));

  try {
    logger.info({ brokers: settings.kafkaBrokers, security: describeKafkaSecurity(settings.kafkaSecurity ?? plaintext) }, 'connecting to Kafka');
    await verifyKafkaConnection(settings.kafkaBrokers, settings.kafkaSecurity ?? plaintext);
    await runtime.start();
  } catch (error) {
    logger.fatal({ err: error }, `could not start: ${(error as Error).message}`);
    await shutdown(1, 'start-up failed');
  }
  logger.info({ metricsPort: http.port, applicationId: settings.applicationId, delivery: settings.delivery }, 'service started');
  return { runtime, logger, registry, metricsPort: http.port, shutdown };
}
