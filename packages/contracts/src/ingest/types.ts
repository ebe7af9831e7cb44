import type { DeadLetterV1 } from '../outputs/dead-letter.ts';

/** A record as it came off Kafka, before anything is trusted. */
export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
  readonly headers: Readonly<Record<string, Buffer | string | (Buffer | string)[] | undefined>>;
  /** Kafka record timestamp, ms since the epoch, as kafkajs gives it. */
  readonly timestamp: string;
}

/** What the boundary makes of a raw record: a trusted value, or a dead letter saying why not. */
export type DecodeResult =
  | {
      readonly ok: true;
      readonly key: string;
      /** Validated value; `null` for a tombstone on a table topic. */
      readonly value: unknown;
      readonly eventTimeMs: number;
      /** Producer's event id, for duplicate detection; absent for table records. */
      readonly eventId?: string;
    }
  | { readonly ok: false; readonly deadLetter: DeadLetterV1 };

/**
 * Decodes and validates one raw record of one input topic. It never throws for bad data (that is a
 * dead letter); it throws only for failures worth retrying, such as an unreachable schema registry.
 */
export type InputDecoder = (raw: RawRecord) => DecodeResult | Promise<DecodeResult>;
