import type { InputDecoder } from '@churnwatch/contracts';
import type { Logger } from '@churnwatch/telemetry';
import type { Admin, Consumer } from 'kafkajs';
import { TopologyError } from '../errors.ts';
import type { Processor } from '../processor.ts';
import type { StoreFactory } from '../store/key-value-store.ts';
import { packedStores } from '../store/packed-store.ts';
import type { ChangelogReader } from './changelog-reader.ts';
import type { OutputRoute } from './chunk-builder.ts';
import type { Delivery } from './delivery.ts';
import { FetchCycles } from './fetch-cycles.ts';
import { MembershipLease } from './membership-lease.ts';
import { jsonEncoder } from './outgoing.ts';
import type { PartitionRun } from './partition-run.ts';
import { RestartBudget } from './restart-budget.ts';
import { createRuntimeMetrics, type RuntimeMetrics } from './runtime-metrics.ts';
import { changelogTopicName, type StreamRuntimeOptions } from './runtime-options.ts';
import { defaultCommitIntervalMs, defaultTuning, type RuntimeTuning } from './runtime-tuning.ts';

export interface BoundInput {
  readonly input: string;
  readonly decode: InputDecoder;
  /** A clock input: read only for its event time (StreamRuntimeOptions.clockInputs). */
  readonly clock: boolean;
}

/**
 * A broker that has started no fetch for this long no longer leads an assigned partition (or
 * hangs): clock records stop waiting for its fetches. Far longer than a fetch's wait plus the
 * processing of its batches.
 */
const BROKER_IDLE_MS = 30_000;

/**
 * What the parts of one runtime share: its options resolved once, the assigned partitions, the
 * Kafka clients once started, and the runtime-wide flags. Each part (partition life cycle, batch
 * loop, commits, wall clock, health) reads and sets these, and nothing else.
 */
export class RuntimeContext<S> {
  readonly options: StreamRuntimeOptions<S, unknown>;
  readonly processor: Processor<S, unknown>;
  readonly applicationId: string;
  readonly tuning: RuntimeTuning;
  readonly commitIntervalMs: number;
  /** See RuntimeTuning.caughtUpCommitMs. */
  readonly caughtUpCommitMs: number;
  readonly logger: Logger;
  readonly metrics: RuntimeMetrics;
  readonly clock: () => number;
  readonly stores: StoreFactory;
  readonly changelogTopic: string;
  readonly inputByTopic: ReadonlyMap<string, BoundInput>;
  readonly inputTopics: readonly string[];
  /** Topics of the processor's table inputs, read to their end before the stream inputs (table-catch-up.ts). */
  readonly tableTopics: ReadonlySet<string>;
  readonly streamTopics: readonly string[];
  /** Stream topics of the processor's own inputs: clock records wait while these have records unread (clock-gate.ts). */
  readonly ownStreamTopics: readonly string[];
  /** Whether the processor has clock inputs. */
  readonly hasClockInputs: boolean;
  /** The clock input's topic, when there is one. */
  readonly clockTopic: string | undefined;
  /** The clock input's topic, when it is led by other groups' commits (StreamRuntimeOptions.clockLeaderGroups). */
  readonly ledClockTopic: string | undefined;
  /** Empty when the clock waits for nobody. */
  readonly clockLeaderGroups: readonly string[];
  readonly routes: ReadonlyMap<string, OutputRoute>;
  readonly runs = new Map<number, PartitionRun<S>>();
  /** The consumer's rounds of fetches per broker, which clock records wait for (clock-gate.ts). */
  readonly fetchCycles = new FetchCycles(BROKER_IDLE_MS);
  admin: Admin | undefined;
  consumer: Consumer | undefined;
  reader: ChangelogReader | undefined;
  delivery: Delivery | undefined;
  started = false;
  joined = false;
  rebalancing = false;
  stopping = false;
  memberId: string | undefined;
  readonly membership: MembershipLease;
  lastActivityMs = Date.now();
  /** Consumer crashes and replacements since the last commit (restart-budget.ts). */
  readonly restarts: RestartBudget;
  failed: Error | undefined;
  readonly failure: Promise<Error>;
  /** At least once: whether records may be sent and offsets committed now (membership-lease.ts); each refusal is counted. */
  mayWrite(): boolean {
    if (this.membership.held) return true;
    this.metrics.writesWithheld.inc();
    return false;
  }

  private reportFailure: (error: Error) => void = () => {};

  constructor(options: StreamRuntimeOptions<S, unknown>) {
    const { processor } = options;
    this.options = options;
    this.processor = processor;
    this.applicationId = options.applicationId;
    this.logger = options.logger;
    this.tuning = { ...defaultTuning, ...options.tuning };
    this.commitIntervalMs = this.tuning.commitIntervalMs ?? defaultCommitIntervalMs(options.delivery);
    this.caughtUpCommitMs = Math.min(this.commitIntervalMs, this.tuning.caughtUpCommitMs ?? this.commitIntervalMs / 5);
    this.membership = new MembershipLease(this.tuning.sessionTimeoutMs, this.tuning.heartbeatIntervalMs);
    this.restarts = new RestartBudget(this.tuning.maxConsumerRestarts, this.tuning.consumerStallMs);
    this.clock = options.clock ?? Date.now;
    this.stores = options.stores ?? packedStores(this.tuning.stateCacheKeys);
    this.changelogTopic = options.changelogTopic ?? changelogTopicName(options.applicationId, processor.name);
    for (const input of processor.inputs) if (!options.inputs[input]) throw new TopologyError(`no topic bound to input "${input}" of ${processor.name}`);
    for (const output of processor.outputs) if (!options.outputs[output]) throw new TopologyError(`no topic bound to output "${output}" of ${processor.name}`);
    const inputByTopic = new Map<string, BoundInput>(
      processor.inputs.map((input) => [options.inputs[input]!.topic, { input, decode: options.inputs[input]!.decode, clock: false }]),
    );
    for (const [input, binding] of Object.entries(options.clockInputs ?? {})) {
      if (inputByTopic.has(binding.topic))
        throw new TopologyError(`clock input "${input}" reads ${binding.topic}, which is an input of ${processor.name} already`);
      inputByTopic.set(binding.topic, { input, decode: binding.decode, clock: true });
    }
    this.inputByTopic = inputByTopic;
    this.inputTopics = [...inputByTopic.keys()];
    this.tableTopics = new Set((processor.tableInputs ?? []).map((input) => options.inputs[input]!.topic));
    this.streamTopics = this.inputTopics.filter((topic) => !this.tableTopics.has(topic));
    this.ownStreamTopics = this.streamTopics.filter((topic) => !inputByTopic.get(topic)!.clock);
    this.hasClockInputs = this.ownStreamTopics.length < this.streamTopics.length;
    const clockTopics = this.streamTopics.filter((topic) => inputByTopic.get(topic)!.clock);
    this.clockTopic = clockTopics.length === 1 ? clockTopics[0] : undefined;
    this.clockLeaderGroups = options.clockLeaderGroups ?? [];
    if (this.clockLeaderGroups.length > 0 && clockTopics.length !== 1)
      throw new TopologyError(`a clock leader group needs exactly one clock input; ${processor.name} has ${clockTopics.length}`);
    const held = processor.heldInputs ?? [];
    for (const input of held)
      if (!processor.inputs.includes(input) || processor.tableInputs?.includes(input))
        throw new TopologyError(`held input "${input}" of ${processor.name} must be one of its inputs and not a table`);
    if (held.length > 0 && clockTopics.length !== 1)
      throw new TopologyError(
        `${processor.name} holds its inputs until the clock passes them, so it needs exactly one clock input; it has ${clockTopics.length}`,
      );
    this.ledClockTopic = this.clockLeaderGroups.length === 0 ? undefined : this.clockTopic;
    this.routes = new Map(
      processor.outputs.map((output) => [output, { topic: options.outputs[output]!.topic, encode: options.outputs[output]!.encode ?? jsonEncoder }]),
    );
    this.metrics = createRuntimeMetrics(options.registry, {
      storeEntries: () => {
        let size = 0;
        for (const run of this.runs.values()) size += run.task.store.size;
        return size;
      },
      restoreProgress: () => this.reader?.progress() ?? [],
      streamTimes: () => [...this.runs].map(([partition, run]) => ({ partition, streamTimeMs: run.task.streamTimeMs })),
    });
    this.failure = new Promise<Error>((resolve) => {
      this.reportFailure = resolve;
    });
  }

  touch(): void {
    this.lastActivityMs = Date.now();
  }

  /** The runtime gives up: the service exits with this error (a bug, or a fault no retry can fix). */
  fail(error: Error): void {
    if (this.failed) return;
    this.failed = error;
    this.logger.fatal({ err: error }, `stream runtime gave up: ${error.message}`);
    this.reportFailure(error);
  }

  /** False once the runtime stops, fails or is rebalancing: no new work is taken up then. */
  get working(): boolean {
    return !this.stopping && !this.failed;
  }
}
