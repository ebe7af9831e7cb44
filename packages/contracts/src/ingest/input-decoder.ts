import { ConfigError } from '@churnwatch/errors';
import { contractFields, type TopicContract } from '../topics.ts';
import { decodeJson, type Validation, validateAgainst } from '../validate.ts';
import { confluentSchemaId, detectWireFormat } from '../wire/framing.ts';
import type { ContractRegistry } from '../wire/registry.ts';
import { buildDeadLetter, type Rejection } from './dead-letter-builder.ts';
import type { DecodeResult, InputDecoder, RawRecord } from './types.ts';

export interface EventTimeBounds {
  /** How far an event time may lie ahead of `now()`: clocks drift, but not by days. */
  readonly maxFutureMs: number;
  /** How far back an event time may lie; older events are history loads gone wrong. Not applied to table topics. */
  readonly maxPastMs: number;
}

export interface InputDecoderOptions {
  readonly contract: TopicContract;
  /** Service name written into dead letters. */
  readonly consumer: string;
  /** Needed to read Confluent-framed values; without it they are dead-lettered as unsupported_format. */
  readonly registry?: ContractRegistry;
  readonly maxValueBytes: number;
  readonly eventTimeBounds: EventTimeBounds;
  /** Wall clock, ms since the epoch: the reference for the event-time bounds and `rejectedAt`. */
  readonly now: () => number;
}

function checkOptions(options: InputDecoderOptions): void {
  const issues: string[] = [];
  if (!options.consumer) issues.push('consumer: must name the service');
  if (!Number.isInteger(options.maxValueBytes) || options.maxValueBytes <= 0) issues.push('maxValueBytes: must be a positive integer');
  for (const bound of ['maxFutureMs', 'maxPastMs'] as const) {
    const value = options.eventTimeBounds[bound];
    if (!(value >= 0)) issues.push(`eventTimeBounds.${bound}: must be a number ≥ 0 (Infinity disables the bound)`);
  }
  if (Object.keys(options.contract.versions).length === 0) issues.push(`contract ${options.contract.name}: has no versions`);
  if (issues.length) throw new ConfigError(`input decoder for ${options.contract.name}`, issues);
}

function reject(reason: Rejection['reason'], message: string, fields: readonly string[] = []): Rejection {
  return { reason, message, fields };
}

/**
 * Builds the boundary of one input topic: format detection per message (a leading 0 byte means
 * Confluent framing with a schema id, anything else plain JSON), then size, key, version,
 * schema, key = customer id and event-time checks. Bad data becomes a dead letter; only a
 * schema registry that cannot be reached throws (a retriable ChurnwatchError).
 */
export function createInputDecoder(options: InputDecoderOptions): InputDecoder {
  checkOptions(options);
  const { contract, consumer, registry, maxValueBytes, eventTimeBounds, now } = options;
  const { keyField, eventTimeField, eventIdField } = contractFields(contract);

  const deadLetter = (raw: RawRecord, rejection: Rejection): DecodeResult => ({ ok: false, deadLetter: buildDeadLetter(raw, rejection, consumer, now()) });

  async function decodeValue(value: Buffer): Promise<Validation<unknown>> {
    if (detectWireFormat(value) === 'json') return decodeJson(contract, value);
    const schemaId = confluentSchemaId(value);
    if (schemaId === undefined)
      return { ok: false, ...reject('malformed_payload', `(root): a Confluent frame needs 5 header bytes, got ${value.length}`, ['(root)']) };
    if (!registry) {
      return {
        ok: false,
        ...reject('unsupported_format', `(root): Confluent-framed value (schema id ${schemaId}) but ${consumer} has no schema registry configured`, ['(root)']),
      };
    }
    const lookup = await registry.lookup(schemaId);
    if (!lookup.found) return { ok: false, ...reject('unknown_schema_id', `(root): schema id ${schemaId} is not known to the schema registry`, ['(root)']) };
    if (lookup.type !== 'AVRO' && lookup.type !== 'JSON') {
      return {
        ok: false,
        ...reject('unsupported_format', `(root): schema id ${schemaId} is a ${lookup.type} schema; churnwatch reads Avro and JSON Schema`, ['(root)']),
      };
    }
    const decoded = await registry.decode(value);
    if (!decoded.ok) return { ok: false, reason: decoded.reason, message: decoded.message, fields: ['(root)'] };
    return validateAgainst(contract, decoded.value);
  }

  return async (raw) => {
    const key = raw.key === null || raw.key.length === 0 ? undefined : raw.key.toString('utf8');
    if (raw.value === null) {
      if (contract.shape !== 'table')
        return deadLetter(raw, reject('missing_value', `(root): null value (tombstone) on ${contract.name}, an event topic`, ['(root)']));
      if (key === undefined) return deadLetter(raw, reject('missing_key', '(key): a tombstone without a key deletes nothing', ['(key)']));
      return { ok: true, key, value: null, eventTimeMs: Number(raw.timestamp) };
    }
    if (raw.value.length > maxValueBytes) {
      return deadLetter(raw, reject('oversized', `(root): value is ${raw.value.length} bytes, more than the ${maxValueBytes} allowed`, ['(root)']));
    }
    if (key === undefined)
      return deadLetter(raw, reject('missing_key', `(key): ${contract.name} records are keyed by ${keyField || 'a key'}; this one has none`, ['(key)']));

    const validation = await decodeValue(raw.value);
    if (!validation.ok) return deadLetter(raw, validation);
    const value = validation.value as Record<string, unknown>;

    if (keyField && value[keyField] !== key) {
      return deadLetter(
        raw,
        reject('key_mismatch', `${keyField}: ${JSON.stringify(value[keyField])} differs from the record key ${JSON.stringify(key)}`, [keyField]),
      );
    }
    // A contract without an event-time field (eventTimeField '') goes by the Kafka record timestamp.
    const eventTime = eventTimeField ? value[eventTimeField] : new Date(Number(raw.timestamp)).toISOString();
    const eventTimeMs = typeof eventTime === 'string' ? Date.parse(eventTime) : Number.NaN;
    if (Number.isNaN(eventTimeMs)) {
      const field = eventTimeField || '(timestamp)';
      return deadLetter(raw, reject('schema_violation', `${field}: missing or not a timestamp`, [field]));
    }
    const at = now();
    // A table row is the latest state, however old its update: only event streams have a past bound.
    const maxPastMs = contract.shape === 'table' ? Number.POSITIVE_INFINITY : eventTimeBounds.maxPastMs;
    if (eventTimeMs > at + eventTimeBounds.maxFutureMs || eventTimeMs < at - maxPastMs) {
      const ahead = eventTimeMs > at;
      const bound = ahead ? `${eventTimeBounds.maxFutureMs} ms ahead of` : `${maxPastMs} ms before`;
      return deadLetter(
        raw,
        reject('event_time_out_of_range', `${eventTimeField}: ${eventTime} is more than ${bound} the consumer's clock (${new Date(at).toISOString()})`, [
          eventTimeField,
        ]),
      );
    }
    const eventId = eventIdField ? value[eventIdField] : undefined;
    return typeof eventId === 'string' ? { ok: true, key, value, eventTimeMs, eventId } : { ok: true, key, value, eventTimeMs };
  };
}
