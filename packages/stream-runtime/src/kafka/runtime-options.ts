import type { InputDecoder } from '@churnwatch/contracts';
import type { HealthProbe, Logger } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import type { Registry } from 'prom-client';
import type { OutputRecord, Processor } from '../processor.ts';
import type { StoreFactory } from '../store/key-value-store.ts';
import type { ValueEncoder } from './outgoing.ts';
import type { DeliveryMode, RuntimeTuning } from './runtime-tuning.ts';

export interface InputBinding {
  readonly topic: string;
  readonly decode: InputDecoder;
}

export interface OutputBinding {
  readonly topic: string;
  readonly encode?: ValueEncoder;
}

export interface StreamRuntimeOptions<S, E> {
  readonly kafka: Kafka;
  /** For log lines only (kafkajs does not tell which brokers a client was given). */
  readonly brokers?: readonly string[];
  /** Consumer group id; prefixes the changelog topic and the transactional ids. */
  readonly applicationId: string;
  readonly processor: Processor<S, E>;
  /** One binding per logical input of the processor. */
  readonly inputs: Readonly<Record<string, InputBinding>>;
  /**
   * Topics read only for their event time, co-partitioned with the inputs: a record's time moves
   * the partition's stream time (firing timers) and the record goes no further. For a processor
   * whose own input is sparse (purchases: an order every few days per partition), a dense topic
   * beside it (usage) keeps its stream time where the history is, so that its timers fire on time
   * while a history is read faster than it happened (a backfill, a restart after a while), where a
   * sparse partition's stream time would stand still until its next record. A clock record moves
   * stream time only while the processor's own stream inputs have nothing unread (see
   * clock-gate.ts). A batch of it moves stream time to its last record the decoder accepts (one
   * decode per batch, not per record); records the decoder refuses are skipped here: the service
   * that reads the topic as its input dead-letters them.
   */
  readonly clockInputs?: Readonly<Record<string, InputBinding>>;
  /**
   * Consumer groups that read the clock input, as their own input (the usage monitor's) or as
   * their clock (the other monitors'). A clock record then moves stream time only once every one
   * of them has committed past it on the partition, and the records they wrote before can have
   * been read here (clock-gate.ts): their outputs for the history before a time are written, and
   * read by a processor that holds them (Processor.heldInputs), before the timers of that time
   * fire here. A service reading both sees them in event-time order, as a replay does. Stream time
   * then waits while a leader is down or behind.
   */
  readonly clockLeaderGroups?: readonly string[];
  /** One binding per logical output of the processor. */
  readonly outputs: Readonly<Record<string, OutputBinding>>;
  readonly deadLetterTopic: string;
  readonly delivery: DeliveryMode;
  readonly logger: Logger;
  readonly registry: Registry;
  /** The wall clock, for wall-clock timers only (default Date.now). */
  readonly clock?: () => number;
  readonly stores?: StoreFactory;
  /** Default `<applicationId>.<processor name>-changelog`. */
  readonly changelogTopic?: string;
  readonly tuning?: Partial<RuntimeTuning>;
  /**
   * Called with processor outputs once they are durable (acknowledged in at-least-once mode,
   * committed in exactly-once mode), e.g. to count alerts by kind. It runs on the processing path:
   * keep it cheap, and it must not throw.
   */
  readonly onOutputsCommitted?: (outputs: readonly OutputRecord[]) => void;
}

/** Readiness, and why not when a partition stopped for good (corrupt state). */
export interface RuntimeHealth extends HealthProbe {
  /** Why the runtime is not ready, when it knows; undefined when ready. */
  notReadyReason(): string | undefined;
}

export interface StreamRuntime {
  readonly changelogTopic: string;
  readonly health: RuntimeHealth;
  /** Connects (retrying an unreachable broker), checks topics, joins the group. */
  start(): Promise<void>;
  /** Stops timers, commits the work taken up so far, leaves the group, closes clients. */
  stop(): Promise<void>;
  /** Settles with the error that made the runtime give up (a processor bug, a consumer that will not restart). */
  readonly failure: Promise<Error>;
}

export function changelogTopicName(applicationId: string, processorName: string): string {
  return `${applicationId}.${processorName}-changelog`;
}
