import type { DeadLetterReason } from '@churnwatch/contracts';
import type { Prng } from '@churnwatch/simulator';

/** A record as produced: key and value bytes (either may be missing). */
export interface RawMessage {
  readonly key: string | null;
  readonly value: Buffer;
}

/** A corrupted copy of a valid event, and the reason the boundary must give for it. */
export interface PoisonMessage extends RawMessage {
  readonly kind: PoisonKind;
  readonly reason: DeadLetterReason;
}

export const poisonKinds = [
  'bad-json',
  'wrong-type',
  'truncated',
  'unknown-schema-id',
  'wrong-magic-byte',
  'huge-number',
  'oversized',
  'binary-garbage',
  'wrong-key',
  'missing-key',
  'future-time',
  'past-time',
  'unknown-version',
] as const;
export type PoisonKind = (typeof poisonKinds)[number];

const dayMs = 86_400_000;

/** Random bytes that never start with 0 (a leading 0 byte announces a Confluent frame). */
function garbage(random: Prng, length: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let i = 0; i < length; i++) bytes[i] = Math.floor(random.next() * 256);
  bytes[0] = 1 + ((bytes[0] as number) % 255);
  return bytes;
}

/**
 * Pure: corrupts one valid usage event (its JSON value, keyed by customer id) in the way `kind`
 * names, for a service that has no schema registry, reads at most `maxValueBytes` per value and
 * accepts event times from 400 days back to an hour ahead of `nowMs`.
 */
export function poison(
  kind: PoisonKind,
  event: Readonly<Record<string, unknown>>,
  options: { readonly random: Prng; readonly nowMs: number; readonly maxValueBytes: number },
): PoisonMessage {
  const key = String(event.customerId);
  const json = JSON.stringify(event);
  const withValue = (value: Record<string, unknown>) => Buffer.from(JSON.stringify({ ...event, ...value }));
  switch (kind) {
    case 'bad-json':
      return { kind, reason: 'malformed_json', key, value: Buffer.from(json.replace(/:/, '')) };
    case 'wrong-type':
      return { kind, reason: 'schema_violation', key, value: withValue({ quantity: String(event.quantity) }) };
    case 'truncated':
      return { kind, reason: 'malformed_json', key, value: Buffer.from(json.slice(0, Math.floor(json.length / 2))) };
    case 'unknown-schema-id': {
      // Confluent framing: magic 0, a 4-byte schema id, the payload. Without a registry: unsupported.
      const frame = Buffer.alloc(5);
      frame.writeUInt32BE(0x7fff_fff0, 1);
      return { kind, reason: 'unsupported_format', key, value: Buffer.concat([frame, Buffer.from(json)]) };
    }
    case 'wrong-magic-byte':
      return { kind, reason: 'malformed_json', key, value: Buffer.concat([Buffer.from([0x02, 0, 0, 0, 1]), Buffer.from(json)]) };
    case 'huge-number':
      return { kind, reason: 'schema_violation', key, value: withValue({ quantity: 1e15 }) };
    case 'oversized':
      return { kind, reason: 'oversized', key, value: withValue({ feature: 'x'.repeat(options.maxValueBytes) }) };
    case 'binary-garbage':
      return { kind, reason: 'malformed_json', key, value: garbage(options.random, 16 + Math.floor(options.random.next() * 200)) };
    case 'wrong-key':
      return { kind, reason: 'key_mismatch', key: `${key}-not`, value: Buffer.from(json) };
    case 'missing-key':
      return { kind, reason: 'missing_key', key: null, value: Buffer.from(json) };
    case 'future-time':
      return { kind, reason: 'event_time_out_of_range', key, value: withValue({ eventTime: new Date(options.nowMs + 2 * dayMs).toISOString() }) };
    case 'past-time':
      return { kind, reason: 'event_time_out_of_range', key, value: withValue({ eventTime: new Date(options.nowMs - 500 * dayMs).toISOString() }) };
    case 'unknown-version':
      return { kind, reason: 'unknown_version', key, value: withValue({ schemaVersion: 99 }) };
  }
}
