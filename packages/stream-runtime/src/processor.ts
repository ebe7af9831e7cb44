/**
 * The contract between the runtime and a processor (compare Kafka Streams' Processor API).
 *
 * A processor is pure: `process(state, record)` and `onTimer(state, timer)` return the new state
 * of one key, the records to emit and the timers to set or cancel. It never reads the clock, the
 * environment or the network; time arrives as event time (`record.eventTimeMs`, `timer.atMs`).
 * The runtime owns Kafka clients, stores, timers, offsets and shutdown, and runs the very same
 * processor live on Kafka and in a replay from a file.
 *
 * State must be plain JSON (it is written to a compacted changelog topic).
 */

/**
 * `stream`: fires when the partition's stream time (highest event time seen) reaches `atMs`; this
 * makes replays deterministic. `wall`: fires when the wall clock reaches `atMs` even if no event
 * arrives (or earlier, when stream time gets there first); in a replay there is no wall clock and
 * such timers fire on stream time.
 */
export type TimerClock = 'stream' | 'wall';

export interface TimerRequest {
  /** Unique per key within one processor; setting an existing name moves that timer. */
  readonly name: string;
  /** Event time, ms since the epoch. */
  readonly atMs: number;
  readonly clock: TimerClock;
}

export interface FiredTimer {
  readonly key: string;
  readonly name: string;
  /** The moment it was set for; processors treat this as "now", never the wall clock. */
  readonly atMs: number;
  readonly clock: TimerClock;
}

export interface InputRecord<E> {
  /** Record key: the customer id. */
  readonly key: string;
  /** Logical input name as declared by the processor (e.g. `usage`, `purchases`). */
  readonly input: string;
  /** The validated value; `null` only for table inputs, where it deletes the key. */
  readonly value: E;
  /** Event time of the record, ms since the epoch. */
  readonly eventTimeMs: number;
  /** Stream time of the partition after this record: the highest event time seen (≥ eventTimeMs, except for a table input, whose rows do not move it; −Infinity before the first event). */
  readonly streamTimeMs: number;
  /**
   * The producer's event id when the input has one. Records repeating an id already seen for the
   * key are dropped by the runtime before they reach the processor; the id is a good seed for
   * deterministic output ids.
   */
  readonly eventId?: string;
}

export interface OutputRecord {
  /** Logical output name declared by the processor (e.g. `alerts`); the runtime maps it to a topic. */
  readonly output: string;
  readonly key: string;
  /** JSON value; `null` writes a tombstone (table outputs). */
  readonly value: unknown;
  /**
   * Deterministic id of this output: the same input history always yields the same id, so a
   * replayed or re-delivered output is recognisable downstream (sent as the `churnwatch-id` header).
   */
  readonly id: string;
  /** Event time the output describes, ms since the epoch (used as the Kafka record timestamp). */
  readonly eventTimeMs: number;
}

export interface ProcessorResult<S> {
  /** The key's new state; `undefined` deletes it. */
  readonly state: S | undefined;
  readonly outputs?: readonly OutputRecord[];
  readonly setTimers?: readonly TimerRequest[];
  readonly cancelTimers?: readonly string[];
}

export interface Processor<S, E> {
  /** Stable name; it names the state store and its changelog topic. Change it and state is lost. */
  readonly name: string;
  /** Logical input names this processor reads, mapped by the service's config to topics. */
  readonly inputs: readonly string[];
  /**
   * Inputs among `inputs` that are tables (latest row per key, e.g. CRM profiles): their records
   * update state but do not move stream time, since a row's time says when it changed, not that
   * the stream got there. Without this, a profile updated last week, read before the week's events,
   * would fire every timer of the week ahead of them.
   */
  readonly tableInputs?: readonly string[];
  /**
   * Stream inputs among `inputs` whose records do not move stream time: stream time follows the
   * clock input (StreamRuntimeOptions.clockInputs) alone, and the processor holds each record on a
   * stream-time timer until the clock passes it. Records written by several upstream services then
   * take effect in event-time order, not in the order the services happened to write them. The
   * clock waits while these have records unread, as for any own stream input.
   */
  readonly heldInputs?: readonly string[];
  /** Logical output names this processor may emit to. */
  readonly outputs: readonly string[];
  process(state: S | undefined, record: InputRecord<E>): ProcessorResult<S>;
  onTimer(state: S | undefined, timer: FiredTimer): ProcessorResult<S>;
}
