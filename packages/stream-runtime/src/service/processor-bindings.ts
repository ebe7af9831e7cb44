import type { InputDecoder } from '@churnwatch/contracts';
import { ConfigError } from '@churnwatch/errors';
import type { ValueEncoder } from '../kafka/outgoing.ts';
import type { StreamRuntimeOptions } from '../kafka/runtime-options.ts';
import type { Processor } from '../processor.ts';

export interface ProcessorWiring {
  /** Who is wired, for the message of a missing entry (a service's name). */
  readonly owner: string;
  readonly processor: Pick<Processor<unknown, unknown>, 'inputs' | 'outputs'>;
  /** Topic per logical input and output of the processor, and `deadLetters`. */
  readonly topics: Readonly<Record<string, string>>;
  /** Decoder per logical input and clock input. */
  readonly decoders: Readonly<Record<string, InputDecoder>>;
  /** Logical inputs read only for their event time (StreamRuntimeOptions.clockInputs). */
  readonly clockInputs?: readonly string[];
  /** Value encoder per logical output; JSON otherwise. */
  readonly encoders?: Readonly<Record<string, ValueEncoder>>;
  /** The groups whose commits a clock input waits for; used only when there are clock inputs. */
  readonly clockLeaderGroups?: readonly string[] | undefined;
}

type Bindings = Pick<StreamRuntimeOptions<unknown, unknown>, 'inputs' | 'clockInputs' | 'outputs' | 'deadLetterTopic' | 'clockLeaderGroups'>;

/**
 * The runtime's topic bindings of a processor: a topic and decoder for each input and clock input,
 * a topic (and encoder) for each output, the dead-letter topic. A missing entry stops start-up
 * with a ConfigError that names it.
 */
export function processorBindings(wiring: ProcessorWiring): Bindings {
  const { owner, processor, topics } = wiring;
  const topicOf = (name: string) => {
    const topic = topics[name];
    if (!topic) throw new ConfigError(`${owner}'s topics`, [`${name}: no topic configured`]);
    return topic;
  };
  const bind = (input: string) => {
    const decode = wiring.decoders[input];
    if (!decode) throw new ConfigError(`${owner}'s decoders`, [`${input}: no decoder for this input`]);
    return { topic: topicOf(input), decode };
  };
  const clockInputs = wiring.clockInputs ?? [];
  return {
    inputs: Object.fromEntries(processor.inputs.map((input) => [input, bind(input)])),
    clockInputs: Object.fromEntries(clockInputs.map((input) => [input, bind(input)])),
    ...(wiring.clockLeaderGroups?.length && clockInputs.length ? { clockLeaderGroups: wiring.clockLeaderGroups } : {}),
    outputs: Object.fromEntries(
      processor.outputs.map((output) => {
        const encode = wiring.encoders?.[output];
        return [output, encode ? { topic: topicOf(output), encode } : { topic: topicOf(output) }];
      }),
    ),
    deadLetterTopic: topicOf('deadLetters'),
  };
}
