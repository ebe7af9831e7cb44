import type { DeadLetterReason, DeadLetterV1 } from '../outputs/dead-letter.ts';
import type { RawRecord } from './types.ts';

function base64(value: Buffer | string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return (typeof value === 'string' ? Buffer.from(value, 'utf8') : value).toString('base64');
}

/** Kafka headers as an ordered list; a header repeated on the record appears once per value. */
function originalHeaders(headers: RawRecord['headers']): DeadLetterV1['original']['headers'] {
  const out: { key: string; value: string | null }[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (Array.isArray(value)) for (const item of value) out.push({ key, value: base64(item) });
    else out.push({ key, value: base64(value) });
  }
  return out;
}

export interface Rejection {
  readonly reason: DeadLetterReason;
  readonly message: string;
  readonly fields: readonly string[];
}

/** The dead letter for a rejected record: why, where from, who rejected it, and the original bytes. */
export function buildDeadLetter(raw: RawRecord, rejection: Rejection, consumer: string, rejectedAtMs: number): DeadLetterV1 {
  return {
    schemaVersion: 1,
    reason: rejection.reason,
    message: rejection.message,
    fields: [...rejection.fields],
    source: { topic: raw.topic, partition: raw.partition, offset: raw.offset },
    consumer,
    rejectedAt: new Date(rejectedAtMs).toISOString(),
    original: {
      key: base64(raw.key),
      value: base64(raw.value),
      headers: originalHeaders(raw.headers),
      timestamp: raw.timestamp,
    },
  };
}
