import type { TopicMessages } from 'kafkajs';

/** Input offsets to commit with a chunk: the next offset to read per input topic of the partition. */
export interface CommitOffsets {
  readonly groupId: string;
  readonly topics: ReadonlyArray<{ topic: string; partitions: Array<{ partition: number; offset: string }> }>;
}

/** What one chunk of work must make durable. */
export interface Chunk {
  /** Outputs and dead letters. */
  readonly outputs: TopicMessages[];
  /** Changelog records of the chunk's state changes. */
  readonly changelog: TopicMessages[];
  /** Absent for timer firings from the wall clock, which consume no input. */
  readonly offsets?: CommitOffsets;
}

/**
 * `committed`: everything is durable. Any other outcome throws a DeliveryError:
 * `aborted` means nothing of the chunk counts (safe to redo from the last commit);
 * `unknown` means it may or may not have been committed (the task must re-read its state).
 */
export type DeliveryOutcome = 'aborted' | 'unknown';

export class DeliveryError extends Error {
  readonly outcome: DeliveryOutcome;
  /** Trying again cannot help (see isPermanentProduceError): the runtime gives up instead of looping. */
  readonly permanent: boolean;
  constructor(outcome: DeliveryOutcome, cause: unknown) {
    super(`delivery failed (${outcome}): ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'DeliveryError';
    this.outcome = outcome;
    this.permanent = isPermanentProduceError(cause);
  }
}

/** Broker answers that the same records will get every time. */
const permanentTypes = new Set(['MESSAGE_TOO_LARGE', 'RECORD_LIST_TOO_LARGE', 'INVALID_RECORD', 'TOPIC_AUTHORIZATION_FAILED', 'CLUSTER_AUTHORIZATION_FAILED']);
const permanentMessages = /larger than the max message size|record batch larger than the maximum|was rejected for a reason that is not retriable/i;

/**
 * True when a produce failed for a reason no retry can fix: a record (or, after splitting, a
 * single record's batch) above the broker's size limit, an invalid record, missing rights. kafkajs
 * wraps the broker's error as it gives up retrying, so the chain of causes is searched, and the
 * message too, where the wrapping kept only that.
 */
export function isPermanentProduceError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth++) {
    const { type, message, cause, originalError } = current as { type?: string; message?: string; cause?: unknown; originalError?: unknown };
    if ((type && permanentTypes.has(type)) || (message && permanentMessages.test(message))) return true;
    current = cause ?? originalError;
  }
  return false;
}

/**
 * How a runtime makes chunks durable: at-least-once (ordered acknowledged sends, then the offset
 * commit) or exactly-once (one Kafka transaction per chunk, per partition).
 */
export interface Delivery {
  readonly mode: 'at-least-once' | 'exactly-once';
  /** Before a partition's state is restored: in exactly-once mode this fences any previous owner. */
  openPartition(partition: number): Promise<void>;
  closePartition(partition: number): Promise<void>;
  /** `commitConsumerOffsets` commits through the consumer (at-least-once only). */
  deliver(partition: number, chunk: Chunk, commitConsumerOffsets: (offsets: CommitOffsets) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Errors after which a kafkajs producer is unusable and must be replaced. */
export function needsNewProducer(error: unknown): boolean {
  const type = (error as { type?: string })?.type;
  const code = (error as { code?: number })?.code;
  return (
    type === 'INVALID_PRODUCER_EPOCH' ||
    type === 'PRODUCER_FENCED' ||
    code === 90 ||
    type === 'OUT_OF_ORDER_SEQUENCE_NUMBER' ||
    type === 'INVALID_TXN_STATE' ||
    type === 'UNKNOWN_PRODUCER_ID' ||
    type === 'INVALID_PRODUCER_ID_MAPPING'
  );
}
