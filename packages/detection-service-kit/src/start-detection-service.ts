import { createContractRegistry } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import { type AnyProcessor, type OutputRecord, type RunningService, runService } from '@churnwatch/stream-runtime';
import { createLogger, createMetricsRegistry } from '@churnwatch/telemetry';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { createDecoders } from './decoders.ts';
import { type DetectionServiceConfig, type DetectionServiceSpec, loadDetectionServiceConfig } from './service-config.ts';

/** Exit code of a service that refused to start on bad configuration (sysexits' EX_CONFIG). */
export const CONFIG_EXIT_CODE = 78;

export interface DetectionServiceDefinition<X extends z.ZodRawShape = Record<never, never>> extends DetectionServiceSpec<X> {
  /** Builds the processor from the loaded configuration; may throw a ConfigError (e.g. a bad model file). */
  processor(config: DetectionServiceConfig<X>): AnyProcessor;
  /** Service-side metrics of what the processor emitted: registered on the service's registry, fed every committed chunk. */
  outputMetrics?(registry: Registry): (outputs: readonly OutputRecord[]) => void;
}

export interface StartedDetectionService<X extends z.ZodRawShape> {
  readonly config: DetectionServiceConfig<X>;
  readonly running: RunningService;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

/** Configuration, then the processor: a ConfigError from either ends the process with every issue on stderr. */
function configure<X extends z.ZodRawShape>(definition: DetectionServiceDefinition<X>, env: NodeJS.ProcessEnv) {
  try {
    const config = loadDetectionServiceConfig(definition, env);
    return { config, processor: definition.processor(config) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${definition.service} will not start: ${error.message}\n`);
    process.exit(CONFIG_EXIT_CODE);
  }
}

/**
 * The composition root every detection service shares: configuration (every bad variable and
 * file field named at once) → logger → metrics registry → decoders per input (schema registry when
 * configured) → the runtime's `runService` (Kafka, /metrics, /healthz, /readyz, signal traps).
 * Returns once the service runs, with the registry for service-side metrics.
 */
export async function startDetectionService<X extends z.ZodRawShape>(
  definition: DetectionServiceDefinition<X>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedDetectionService<X>> {
  const { config, processor } = configure(definition, env);
  if (!sameNames(processor.inputs, definition.inputs) || !sameNames(processor.outputs, definition.outputs)) {
    throw new Error(
      `${definition.service} declares inputs [${definition.inputs}] and outputs [${definition.outputs}] but its processor has [${processor.inputs}] and [${processor.outputs}]`,
    );
  }
  const logger = createLogger({ service: definition.service, level: config.runtime.logLevel });
  const registry = createMetricsRegistry(definition.service);
  const schemaRegistry =
    config.kit.schemaRegistryUrl === undefined ? undefined : createContractRegistry({ url: config.kit.schemaRegistryUrl, ...config.registrySecurity });
  const decoders = createDecoders(definition.inputs, {
    service: definition.service,
    settings: config.kit,
    ...(schemaRegistry === undefined ? {} : { registry: schemaRegistry }),
    now: Date.now,
  });
  logger.info(
    {
      topics: config.topics,
      ruleVersion: config.detection.ruleVersion,
      segments: config.detection.segmentLabels,
      detectionConfigFile: config.kit.detectionConfigFile ?? null,
      schemaRegistry: config.kit.schemaRegistryUrl ?? null,
    },
    'configuration loaded',
  );
  const onOutputsCommitted = definition.outputMetrics?.(registry);
  const running = await runService({
    service: definition.service,
    settings: config.runtime,
    processor,
    topics: config.topics,
    decoders,
    logger,
    registry,
    ...(onOutputsCommitted ? { onOutputsCommitted } : {}),
  });
  return { config, running };
}
