import { createContractRegistry } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import { CONFIG_EXIT_CODE, type ServiceContext, startService, startStreamProcessor } from '@churnwatch/service-shell';
import type { AnyProcessor, OutputRecord, StreamRuntime } from '@churnwatch/stream-runtime';
import type { Registry } from 'prom-client';
import type { z } from 'zod';
import { createDecoders } from './decoders.ts';
import { type DetectionServiceConfig, type DetectionServiceSpec, loadDetectionServiceConfig } from './service-config.ts';

export { CONFIG_EXIT_CODE };

export interface DetectionServiceDefinition<X extends z.ZodRawShape = Record<never, never>> extends DetectionServiceSpec<X> {
  /** Builds the processor from the loaded configuration; may throw a ConfigError (e.g. a bad model file). */
  processor(config: DetectionServiceConfig<X>): AnyProcessor;
  /** Service-side metrics of what the processor emitted: registered on the service's registry, fed every committed chunk. */
  outputMetrics?(registry: Registry): (outputs: readonly OutputRecord[]) => void;
  /** Starts what the service runs beside its processor (e.g. a reader of its own output), once the processor runs. */
  alongside?(context: ServiceContext<Configured<X>>): Promise<void>;
}

interface Configured<X extends z.ZodRawShape> {
  readonly config: DetectionServiceConfig<X>;
  readonly processor: AnyProcessor;
}

export interface StartedDetectionService<X extends z.ZodRawShape> {
  readonly config: DetectionServiceConfig<X>;
  readonly context: ServiceContext<Configured<X>>;
  readonly runtime: StreamRuntime;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name) => b.includes(name));
}

/**
 * The composition root every detection service shares, on the service shell: configuration and
 * the processor (every bad variable and file field named at once, exit 78) → logger → metrics
 * registry → decoders per input (schema registry when configured) → the stream runtime → whatever
 * runs alongside. Returns once the service runs.
 */
export async function startDetectionService<X extends z.ZodRawShape>(
  definition: DetectionServiceDefinition<X>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<StartedDetectionService<X>> {
  const running = await startService<Configured<X>, StreamRuntime>(
    {
      service: definition.service,
      configure: (e) => {
        const config = loadDetectionServiceConfig(definition, e);
        return { config, processor: definition.processor(config) };
      },
      start: async (context) => {
        const { config, processor } = context.config;
        if (!sameNames(processor.inputs, definition.inputs) || !sameNames(processor.outputs, definition.outputs)) {
          throw new ConfigError(`${definition.service}'s definition`, [
            `inputs and outputs: declared [${definition.inputs}] and [${definition.outputs}], but its processor has [${processor.inputs}] and [${processor.outputs}]`,
          ]);
        }
        const schemaRegistry =
          config.kit.schemaRegistryUrl === undefined ? undefined : createContractRegistry({ url: config.kit.schemaRegistryUrl, ...config.registrySecurity });
        const decoderOptions = {
          service: definition.service,
          settings: config.kit,
          ...(schemaRegistry === undefined ? {} : { registry: schemaRegistry }),
          now: Date.now,
        };
        const decoders = createDecoders([...definition.inputs, ...config.clockInputs], decoderOptions);
        context.logger.info(
          {
            topics: config.topics,
            clockInputs: config.clockInputs,
            ruleVersion: config.detection.ruleVersion,
            segments: config.detection.segmentLabels,
            detectionConfigFile: config.kit.detectionConfigFile ?? null,
            schemaRegistry: config.kit.schemaRegistryUrl ?? null,
          },
          'configuration loaded',
        );
        const onOutputsCommitted = definition.outputMetrics?.(context.registry);
        const runtime = await startStreamProcessor(context, {
          settings: config.runtime,
          processor,
          topics: config.topics,
          decoders,
          clockInputs: config.clockInputs,
          ...(onOutputsCommitted ? { onOutputsCommitted } : {}),
        });
        await definition.alongside?.(context);
        return runtime;
      },
    },
    env,
  );
  return { config: running.context.config.config, context: running.context, runtime: running.started };
}
