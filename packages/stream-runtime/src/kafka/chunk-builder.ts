import type { DeadLetterV1, RawRecord } from '@churnwatch/contracts';
import type { TaskChanges } from '../core/stream-task.ts';
import type { OutputRecord } from '../processor.ts';
import { encodeEntry, encodeInputOffsets, encodeStreamTime, inputOffsetsKey, streamTimeKey } from '../store/changelog-codec.ts';
import type { Chunk, CommitOffsets } from './delivery.ts';
import { idHeader, OutgoingRecords, outputMessage, type ValueEncoder } from './outgoing.ts';

export interface OutputRoute {
  readonly topic: string;
  readonly encode: ValueEncoder;
}

/** Collects the outputs and dead letters of work not yet durable and turns them, with the task's changes, into a Chunk. */
export class ChunkBuilder {
  readonly outgoing = new OutgoingRecords();
  /** The processor outputs of the chunk, for the runtime's onOutputsCommitted hook. */
  readonly outputs: OutputRecord[] = [];
  readonly deadLetterReasons: Array<{ topic: string; reason: string }> = [];
  /** Timers fired, by what made them fire. */
  readonly timersFired = { stream: 0, wall: 0 };
  private readonly routes: ReadonlyMap<string, OutputRoute>;
  private readonly deadLetterTopic: string;

  constructor(routes: ReadonlyMap<string, OutputRoute>, deadLetterTopic: string) {
    this.routes = routes;
    this.deadLetterTopic = deadLetterTopic;
  }

  get isEmpty(): boolean {
    return this.outgoing.count === 0 && this.timersFired.stream === 0 && this.timersFired.wall === 0;
  }

  addOutputs(outputs: readonly OutputRecord[]): void {
    for (const output of outputs) {
      this.outputs.push(output);
      // Every output name is declared by the processor and bound at start-up, so the route exists.
      const route = this.routes.get(output.output)!;
      this.outgoing.add(route.topic, outputMessage(output, route.encode));
    }
  }

  addDeadLetter(raw: RawRecord, deadLetter: DeadLetterV1): void {
    this.outgoing.add(this.deadLetterTopic, {
      key: raw.key,
      value: JSON.stringify(deadLetter),
      // No timestamp of its own: the original one is in the dead letter, and an old one would let
      // retention delete the dead letter as soon as it is written.
      headers: { [idHeader]: `dead-letter:${raw.topic}:${raw.partition}:${raw.offset}` },
    });
    this.deadLetterReasons.push({ topic: raw.topic, reason: deadLetter.reason });
  }

  /**
   * `takenUp`: the next offset of every input that the state after this commit has taken up (not
   * only those read since the last commit: compaction keeps only the latest such record), written
   * when `offsets` are committed.
   */
  build(
    partition: number,
    changelogTopic: string,
    changes: TaskChanges<unknown>,
    offsets: CommitOffsets | undefined,
    takenUp: ReadonlyMap<string, string>,
  ): Chunk {
    const changelog = changes.entries.map(([key, entry]) => ({ key, value: encodeEntry(entry), partition }));
    if (changes.streamTimeMs !== undefined) changelog.push({ key: streamTimeKey, value: encodeStreamTime(changes.streamTimeMs), partition });
    // Last, so that a changelog cut short by a failed request never claims offsets its entries lack.
    if (offsets !== undefined) changelog.push({ key: inputOffsetsKey, value: encodeInputOffsets(takenUp), partition });
    return {
      outputs: this.outgoing.topicMessages(),
      changelog: changelog.length ? [{ topic: changelogTopic, messages: changelog }] : [],
      ...(offsets ? { offsets } : {}),
    };
  }
}
