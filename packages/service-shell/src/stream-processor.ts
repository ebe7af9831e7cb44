import type { InputDecoder } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import {
  type AnyProcessor,
  createStreamRuntime,
  type OutputRecord,
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

function pick<T>(map: Readonly<Record<string, T>>, name: string, what: string): T {
  const value = map[name];
  if (value === undefined) throw new ConfigError(`the stream processor's ${what}s`, [`${name}: no ${what} configured`]);
  return value;
}

/**
 * Runs a pure processor on the stream runtime inside the shell: the runtime's health joins the
 * service's probes, its stop (finish and commit the chunk, leave the group) is a shutdown step, and
 * a runtime that gives up ends the service with exit 1.
 */
export async function startStreamProcessor(context: ServiceContext<unknown>, options: StreamProcessorOptions): Promise<StreamRuntime> {
  const { settings, processor, topics } = options;
  const bind = (input: string) => ({ topic: pick(topics, input, 'topic'), decode: pick(options.decoders, input, 'decoder') });
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
    inputs: Object.fromEntries(processor.inputs.map((input) => [input, bind(input)])),
    clockInputs: Object.fromEntries((options.clockInputs ?? []).map((input) => [input, bind(input)])),
    ...(settings.clockLeaderGroup && options.clockInputs?.length ? { clockLeaderGroup: settings.clockLeaderGroup } : {}),
    outputs: Object.fromEntries(
      processor.outputs.map((output) => {
        const encode = options.encoders?.[output];
        return [output, encode ? { topic: pick(topics, output, 'topic'), encode } : { topic: pick(topics, output, 'topic') }];
      }),
    ),
    deadLetterTopic: pick(topics, 'deadLetters', 'topic'),
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
