import type { Message, TopicMessages } from 'kafkajs';

/** Bytes one record adds to a produce request beyond its key, value and headers (framing, offsets, lengths). */
const recordOverheadBytes = 70;

function size(value: Message['value'] | Message['key'] | undefined): number {
  if (value == null) return 0;
  return typeof value === 'string' ? Buffer.byteLength(value) : value.length;
}

/** Approximate bytes of one record in a produce request. */
export function recordBytes(message: Message): number {
  let bytes = recordOverheadBytes + size(message.key) + size(message.value);
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    bytes +=
      Buffer.byteLength(name) + (Array.isArray(value) ? value.reduce((sum: number, part) => sum + size(part), 0) : size(value as Buffer | string | undefined));
  }
  return bytes;
}

/**
 * Splits a chunk's records into produce requests of at most `maxBytes` each (a single larger record
 * gets a request of its own), keeping every topic's records in order across the requests. kafkajs
 * sends a topic-partition's records of one request as one record batch, and the broker refuses a
 * batch above its `max.message.bytes` (1 MiB by default): a large chunk must go in several requests.
 */
export function splitIntoRequests(topicMessages: readonly TopicMessages[], maxBytes: number): TopicMessages[][] {
  const requests: TopicMessages[][] = [];
  let current = new Map<string, Message[]>();
  let currentBytes = 0;
  const close = () => {
    if (current.size) requests.push([...current].map(([topic, messages]) => ({ topic, messages })));
    current = new Map();
    currentBytes = 0;
  };
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const bytes = recordBytes(message);
      if (currentBytes > 0 && currentBytes + bytes > maxBytes) close();
      const list = current.get(topic);
      if (list) list.push(message);
      else current.set(topic, [message]);
      currentBytes += bytes;
    }
  }
  close();
  return requests;
}
