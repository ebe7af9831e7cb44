import { z } from 'zod';
import { timestamp } from '../common.ts';

/** Why a record was rejected; stable codes, also the `reason` label of the dead-letter metric. */
export const deadLetterReasons = [
  /** The value is not JSON (plain JSON format, or a Confluent JSON Schema payload). */
  'malformed_json',
  /** The bytes cannot be read with the writer's schema (truncated or corrupt Avro, a frame shorter than 5 bytes). */
  'malformed_payload',
  /** Decoded, but wrong types, missing or unknown fields, values out of range. */
  'schema_violation',
  /** `schemaVersion` names a version this contract does not have. */
  'unknown_version',
  /** Confluent-framed with a schema id the registry does not know. */
  'unknown_schema_id',
  /** Confluent-framed but no registry is configured, or a schema type churnwatch does not read (protobuf). */
  'unsupported_format',
  /** The value is larger than the configured limit. */
  'oversized',
  /** The event time lies further in the future or the past than the configured bounds. */
  'event_time_out_of_range',
  /** No record key (every topic is keyed by customer id). */
  'missing_key',
  /** The record key differs from the customer id in the value. */
  'key_mismatch',
  /** A null value (tombstone) on an event topic; tombstones are valid only on table topics. */
  'missing_value',
] as const;
export type DeadLetterReason = (typeof deadLetterReasons)[number];

const base64 = z.string().meta({ description: 'Original bytes, base64.' });

export const deadLetterV1 = z
  .object({
    schemaVersion: z.literal(1),
    reason: z.enum(deadLetterReasons).meta({ description: 'Machine-readable reason code.' }),
    message: z.string().meta({ description: 'For people: what was wrong, naming the failing fields.' }),
    fields: z.array(z.string()).meta({ description: 'Paths of the failing fields, e.g. ["quantity", "eventTime"].' }),
    source: z.object({ topic: z.string(), partition: z.number().int(), offset: z.string() }).strict(),
    consumer: z.string().meta({ description: 'The service that rejected it.' }),
    rejectedAt: timestamp,
    original: z
      .object({
        key: base64.nullable(),
        value: base64.nullable(),
        headers: z.array(z.object({ key: z.string(), value: base64.nullable() }).strict()),
        timestamp: z.string().meta({ description: 'Kafka record timestamp, ms since epoch.' }),
      })
      .strict(),
  })
  .strict()
  .meta({ title: 'DeadLetter', description: 'An input record that could not be accepted, with the original bytes and the reason.' });
export type DeadLetterV1 = z.infer<typeof deadLetterV1>;
