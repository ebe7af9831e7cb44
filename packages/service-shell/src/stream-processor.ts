import type { InputDecoder } from '@churnwatch/contracts';
import {
  type AnyProcessor,
  createStreamRuntime,
  type OutputRecord,
  processorBindings,
  type RuntimeSettings,
  runtimeTuningOf,
  type StreamRuntime,
  type ValueEncoder,
} from '@churnwatch/stream-runtime';
import type { ServiceContext } from './start-service.ts';

export interface StreamProcessorOptions {
  readonly settings: RuntimeSettings;
  readonly processor: AnyProcessor;
  /** Topic per logical input and output of the processor, and `deadLetters`. */
  readonly topics: Readonly<Record<string, string>>;
  /** Decoder per logical input and clock input. */
  readonly decoders: Readonly<Record<string, InputDecoder>>;
  /** Logical inputs read only for their event time (StreamRuntimeOptions.clockInputs); topics and decoders as for inputs. */
  readonly clockInputs?: readonly string[];
  /** Value encoder per logical output; JSON otherwise. */
  readonly encoders?: Readonly<Record<string, ValueEncoder>>;
  readonly onOutputsCommitted?: (outputs: readonly OutputRecord[]) => void;
}

/**
 * Runs a pure processor on the stream runtime inside the shell: the runtime's health joins the
 * service's probes, its stop (finish and commit the chunk, leave the group) is a shutdown step, and
 * a runtime that gives up ends the service with exit 1.
 */
export async function startStreamProcessor(context: ServiceContext<unknown>, options: StreamProcessorOptions): Promise<StreamRuntime> {
  const { settings, processor, topics } = options;
  const kafka = context.kafka({
    clientId: settings.kafkaClientId ?? `${settings.applicationId}-${process.pid}`,
    brokers: settings.kafkaBrokers,
    retry: { initialRetryTime: 300, retries: 8 },
  });
  const runtime = createStreamRuntime({
    kafka,
    brokers: settings.kafkaBrokers,
    applicationId: settings.applicationId,
    processor,
    ...processorBindings({
      owner: context.service,
      processor,
      topics,
      decoders: options.decoders,
      clockInputs: options.clockInputs,
      encoders: options.encoders,
      clockLeaderGroups: settings.clockLeaderGroups,
    }),
    delivery: settings.delivery,
    logger: context.logger,
    registry: context.registry,
    ...(options.onOutputsCommitted ? { onOutputsCommitted: options.onOutputsCommitted } : {}),
    tuning: runtimeTuningOf(settings),
  });
  context.health.add('stream-runtime', runtime.health);
  context.onShutdown('stream-runtime', () => runtime.stop());
  void runtime.failure.then((error) => context.fail(error.message, error));
  await context.verifyKafka(settings.kafkaBrokers);
  await runtime.start();
  context.logger.info({ applicationId: settings.applicationId, delivery: settings.delivery }, 'stream processor started');
  return runtime;
}
