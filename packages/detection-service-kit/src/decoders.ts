import { type ContractRegistry, createInputDecoder, type InputDecoder } from '@churnwatch/contracts';
import { eventTimeBoundsOf, type KitSettings } from './kit-settings.ts';
import { type DetectionTopic, detectionTopicContracts, isExternalInput } from './topics.ts';

const UNBOUNDED = { maxFutureMs: Number.POSITIVE_INFINITY, maxPastMs: Number.POSITIVE_INFINITY };

export interface DecoderOptions {
  /** Service name written into dead letters. */
  readonly service: string;
  readonly settings: KitSettings;
  readonly registry?: ContractRegistry;
  /** The wall clock, for event-time bounds and `rejectedAt`. */
  readonly now: () => number;
}

/**
 * One decoder per logical input, from its contract. Topics other systems write get the configured
 * event-time bounds; internal topics (written by churnwatch itself, possibly replayed from long
 * ago) get none, since their event times are whatever history the producing service processed.
 */
export function createDecoders(inputs: readonly DetectionTopic[], options: DecoderOptions): Record<string, InputDecoder> {
  return Object.fromEntries(
    inputs.map((input) => [
      input,
      createInputDecoder({
        contract: detectionTopicContracts[input],
        consumer: options.service,
        ...(options.registry === undefined ? {} : { registry: options.registry }),
        maxValueBytes: options.settings.maxValueBytes,
        eventTimeBounds: isExternalInput(input) ? eventTimeBoundsOf(options.settings) : UNBOUNDED,
        now: options.now,
      }),
    ]),
  );
}
