import { ChurnwatchError, ConfigError } from '@churnwatch/errors';
import type { z } from 'zod';
import { latestVersion, type TopicContract } from '../topics.ts';
import { describeIssues } from '../validate.ts';
import { contractAvroSchema } from './avro-schema.ts';
import { contractJsonSchema } from './json-schema.ts';
import type { Compatibility, ContractRegistry, RegistrySchemaType } from './registry.ts';

export type ProducerFormat = 'json' | 'confluent-avro' | 'confluent-json';
export const producerFormats: readonly ProducerFormat[] = ['json', 'confluent-avro', 'confluent-json'];

/** Subject a schema is registered under. Default: Confluent's TopicNameStrategy, `<topic>-value`. */
export type SubjectNaming = (topic: string, contract: TopicContract, version: number) => string;
export const topicNameStrategy: SubjectNaming = (topic) => `${topic}-value`;
export const topicRecordNameStrategy: SubjectNaming = (topic, contract, version) => `${topic}-${contract.name}.v${version}`;

export interface EncoderOptions {
  readonly format: ProducerFormat;
  /** Required for the confluent-* formats. */
  readonly registry?: ContractRegistry;
  readonly subjectNaming?: SubjectNaming;
  /** Compatibility set on the subjects this encoder registers. Default BACKWARD (see the contracts README). */
  readonly compatibility?: Compatibility;
}

/** A value that does not satisfy its own contract: a bug in the producing code, not retriable. */
export class ContractViolationError extends ChurnwatchError {
  constructor(contract: string, message: string, fields: readonly string[]) {
    super('CONTRACT_VIOLATION', `${contract}: ${message}`, { context: { contract, fields } });
  }
}

export interface Encoder {
  readonly format: ProducerFormat;
  /**
   * Validates `value` against the contract version it declares (default: the latest) and returns
   * the record value bytes. The first value of a topic registers the schema (once; cached).
   */
  encode(contract: TopicContract, topic: string, value: unknown): Promise<Buffer>;
}

export function createEncoder(options: EncoderOptions): Encoder {
  const { format, registry } = options;
  if (format !== 'json' && !registry) throw new ConfigError('encoder', [`registry: the ${format} format needs a schema registry`]);
  const subjectNaming = options.subjectNaming ?? topicNameStrategy;
  const schemaIds = new Map<string, Promise<number>>();

  function schemaIdFor(contract: TopicContract, topic: string, version: number): Promise<number> {
    const type: RegistrySchemaType = format === 'confluent-avro' ? 'AVRO' : 'JSON';
    const subject = subjectNaming(topic, contract, version);
    const cacheKey = `${subject}\u0000${contract.name}\u0000${version}`;
    let id = schemaIds.get(cacheKey);
    if (!id) {
      const schema = type === 'AVRO' ? contractAvroSchema(contract, version) : contractJsonSchema(contract, version);
      id = registry!.register(subject, type, schema as object, options.compatibility);
      // A failed registration (registry down) is tried again on the next encode.
      id.catch(() => schemaIds.delete(cacheKey));
      schemaIds.set(cacheKey, id);
    }
    return id;
  }

  return {
    format,
    async encode(contract, topic, value) {
      const declared = (value as { schemaVersion?: unknown } | null)?.schemaVersion;
      const version = typeof declared === 'number' ? declared : latestVersion(contract);
      const schema = contract.versions[version] as z.ZodType | undefined;
      if (!schema) throw new ContractViolationError(contract.name, `schemaVersion ${version} is not a version of this contract`, ['schemaVersion']);
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const { message, fields } = describeIssues(parsed.error.issues);
        throw new ContractViolationError(contract.name, message, fields);
      }
      if (format === 'json') return Buffer.from(JSON.stringify(parsed.data), 'utf8');
      const schemaId = await schemaIdFor(contract, topic, version);
      return registry!.encode(schemaId, parsed.data);
    },
  };
}
