import { describeKafkaSecurity, verifyKafkaConnection } from '@churnwatch/connection-security';
import { ConfigError } from '@churnwatch/errors';
import { bindProcessShutdown } from '@churnwatch/stream-runtime';
import { createLogger, createMetricsRegistry, type Logger, startServiceHttpServer } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import { CONFIG_EXIT_CODE, configureService } from './configure.ts';
import { createHealthBoard, type HealthBoard } from './health-board.ts';
import { createKafkaClient, type KafkaClientOptions } from './kafka-client.ts';
import type { ShellSettings } from './shell-settings.ts';
import { createStopList } from './stop-list.ts';

type Env = Readonly<Record<string, string | undefined>>;

/** What a service's start function gets from the shell. */
export interface ServiceContext<C> {
  readonly service: string;
  readonly config: C;
  readonly shell: ShellSettings;
  readonly logger: Logger;
  readonly registry: Registry;
  readonly health: HealthBoard;
  /** A kafkajs client with the service's TLS and SASL settings, logging through the service's logger. */
  kafka(options: KafkaClientOptions): Kafka;
  /**
   * One connection attempt before the clients settle into their retries: wrong credentials or a TLS
   * mismatch reject at once with a KafkaConnectionRefusedError that says which; an unreachable broker
   * is left to the clients' retries.
   */
  verifyKafka(brokers: readonly string[]): Promise<void>;
  /** Registers a shutdown step: steps run last-registered first, so start things in dependency order. */
  onShutdown(name: string, stop: () => Promise<void> | void): void;
  /** Gives up: logs the reason, runs the ordered shutdown and exits 1. */
  fail(reason: string, error?: unknown): Promise<never>;
}

export interface ServiceDefinition<C, R> {
  /** Service name: on every log line and metric. */
  readonly service: string;
  /** Parses the service's own settings from the environment; throws a ConfigError naming every bad variable. */
  configure(env: Env): C;
  /** Starts the service's parts, registering their health probes and shutdown steps on the context. */
  start(context: ServiceContext<C>): Promise<R>;
}

export interface RunningService<C, R> {
  readonly context: ServiceContext<C>;
  readonly started: R;
  readonly metricsPort: number;
  /** The ordered shutdown, then exit with `code`. */
  shutdown(code: number, reason: string): Promise<never>;
}

function configureOrExit<C>(definition: ServiceDefinition<C, unknown>, env: Env) {
  try {
    return configureService(definition.service, env, (e) => definition.configure(e));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.service} will not start: ${error.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
}

/**
 * The one way a churnwatch service starts: configuration (exit 78 naming every bad setting, before
 * anything connects) → pino logger (kafkajs's lines included) → metrics registry → HTTP (/metrics;
 * /healthz and /readyz from the parts the service registers) → the service's own start → signal traps.
 * SIGTERM/SIGINT run the shutdown steps in reverse order of registration, close HTTP, flush the logs
 * and exit 0; past `shutdownTimeoutMs` the process exits 1. A failed start or an error nobody caught exits 1.
 */
export async function startService<C, R>(definition: ServiceDefinition<C, R>, env: Env = process.env): Promise<RunningService<C, R>> {
  const { shell, config } = configureOrExit(definition, env);
  const logger = createLogger({ service: definition.service, level: shell.logLevel });
  const registry = createMetricsRegistry(definition.service);
  const health = createHealthBoard();
  const stops = createStopList();
  const http = await startServiceHttpServer({ port: shell.metricsPort, registry, health });
  logger.info({ metricsPort: http.port }, 'metrics and health served');

  const { shutdown, fail } = bindProcessShutdown({
    logger,
    timeoutMs: shell.shutdownTimeoutMs,
    stop: () => stops.run((name, error) => logger.error({ err: error, step: name }, 'a shutdown step failed')),
    closeHttp: () => http.close(),
  });

  const context: ServiceContext<C> = {
    service: definition.service,
    config,
    shell,
    logger,
    registry,
    health,
    kafka: (options) => createKafkaClient(options, logger, shell),
    verifyKafka: async (brokers) => {
      logger.info({ brokers, security: describeKafkaSecurity(shell.kafkaSecurity) }, 'connecting to Kafka');
      await verifyKafkaConnection(brokers, shell.kafkaSecurity);
    },
    onShutdown: (name, stop) => stops.add(name, stop),
    fail,
  };
  let started: R;
  try {
    started = await definition.start(context);
  } catch (error) {
    return fail(`could not start: ${(error as Error).message}`, error);
  }
  logger.info({ metricsPort: http.port }, 'service started');
  return { context, started, metricsPort: http.port, shutdown };
}
