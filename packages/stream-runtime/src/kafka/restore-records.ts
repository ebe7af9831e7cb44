import type { KafkaMessage } from 'kafkajs';
import type { StoreEntry } from '../core/store-entry.ts';
import type { StreamTask } from '../core/stream-task.ts';
import { CorruptStateError } from '../errors.ts';
import { decodeEntry, decodeInputOffsets, decodeStreamTime, encodedTimers, inputOffsetsKey, streamTimeKey } from '../store/changelog-codec.ts';

/**
 * Loads changelog records into a task being restored: the latest record of a key wins, a
 * tombstone deletes it, the reserved keys set stream time and the input offsets the state has
 * taken up (into `inputOffsets`, each topic's latest). A record that cannot be decoded throws
 * CorruptStateError naming its topic, partition, offset and key. Into a store that keeps entries
 * as bytes, only the timers are decoded here when the entry's layout allows (encodedTimers); the
 * rest is checked when the key is first read.
 */
export function restoreRecords<S>(
  task: StreamTask<S>,
  messages: readonly KafkaMessage[],
  where: { topic: string; partition: number },
  inputOffsets?: Map<string, string>,
): void {
  for (const message of messages) {
    const key = message.key?.toString('utf8') ?? '';
    try {
      if (key === streamTimeKey) {
        if (message.value) task.loadStreamTime(decodeStreamTime(message.value));
      } else if (key === inputOffsetsKey) {
        if (message.value) for (const [topic, offset] of decodeInputOffsets(message.value)) inputOffsets?.set(topic, offset);
      } else {
        const value = message.value;
        if (!value) task.load(key, undefined);
        else if (task.store.setBytes) task.loadBytes(key, encodedTimers(value) ?? decodeEntry(value).timers, value);
        else task.load(key, decodeEntry(value) as StoreEntry<S>);
      }
    } catch (error) {
      const context = { topic: where.topic, partition: where.partition, offset: message.offset, key };
      const reason = error instanceof CorruptStateError ? error.message : `cannot be loaded: ${(error as Error)?.message ?? String(error)}`;
      throw new CorruptStateError(
        `changelog ${where.topic} partition ${where.partition} offset ${message.offset} (key ${JSON.stringify(key)}): ${reason}`,
        context,
        error,
      );
    }
  }
}
