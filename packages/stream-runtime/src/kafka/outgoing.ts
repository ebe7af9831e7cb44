import type { Message, TopicMessages } from 'kafkajs';
import type { OutputRecord } from '../processor.ts';

/** Header carrying an output's deterministic id, so downstream can recognise a re-delivered record. */
export const idHeader = 'churnwatch-id';

/** Turns a value into the bytes of a record; JSON unless an output says otherwise. */
export type ValueEncoder = (value: unknown, output: OutputRecord) => Buffer | string;

export const jsonEncoder: ValueEncoder = (value) => JSON.stringify(value);

/** Records of one chunk of work, grouped by topic, in emission order. */
export class OutgoingRecords {
  private readonly byTopic = new Map<string, Message[]>();
  count = 0;

  add(topic: string, message: Message): void {
    let list = this.byTopic.get(topic);
    if (!list) {
      list = [];
      this.byTopic.set(topic, list);
    }
    list.push(message);
    this.count++;
  }

  topicMessages(): TopicMessages[] {
    return [...this.byTopic].map(([topic, messages]) => ({ topic, messages }));
  }

  countsByTopic(): ReadonlyArray<readonly [string, number]> {
    return [...this.byTopic].map(([topic, messages]) => [topic, messages.length] as const);
  }

  clear(): void {
    this.byTopic.clear();
    this.count = 0;
  }
}

/**
 * A processor output as a Kafka message: key, encoded value (null is a tombstone), id header. The
 * record timestamp is left to the producer (the time of writing): event time travels in the value,
 * and a record stamped with an event time older than the topic's retention would be deleted by
 * the broker within seconds of being written, as happens when history is replayed or backfilled.
 */
export function outputMessage(output: OutputRecord, encode: ValueEncoder): Message {
  return {
    key: output.key,
    value: output.value === null ? null : encode(output.value, output),
    headers: { [idHeader]: output.id },
  };
}
