import { z } from 'zod';
import type { TopicContract } from '../topics.ts';

/** A JSON Schema document (draft-07), as plain JSON. */
export type JsonSchema = { readonly [keyword: string]: unknown };

/**
 * Draft-07 because it is what the schema registry's JSON Schema support, ajv's default build and
 * AsyncAPI's default schema format all understand. `io: 'input'` describes what a producer may
 * send: a field with a default (e.g. subscription.status) may be left out.
 */
export function jsonSchemaOf(schema: z.ZodType): JsonSchema {
  return z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'throw' }) as JsonSchema;
}

/** Stable identifier of one topic version's JSON Schema, also its published file name. */
export function schemaFileStem(contract: Pick<TopicContract, 'defaultTopic'>, version: number): string {
  return `${contract.defaultTopic}.v${version}`;
}

/** The JSON Schema of one contract version, with an `$id` and a title naming topic and version. */
export function contractJsonSchema(contract: TopicContract, version: number): JsonSchema {
  const schema = contract.versions[version];
  if (!schema) throw new RangeError(`${contract.name} has no version ${version}`);
  const { $schema, ...rest } = jsonSchemaOf(schema);
  return { $schema, $id: `urn:churnwatch:${schemaFileStem(contract, version)}`, ...rest };
}
