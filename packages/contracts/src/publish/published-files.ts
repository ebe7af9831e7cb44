import { stringify } from 'yaml';
import { type TopicContract, topicContracts } from '../topics.ts';
import { contractAvroSchema } from '../wire/avro-schema.ts';
import { contractJsonSchema, schemaFileStem } from '../wire/json-schema.ts';
import { buildAsyncApi } from './asyncapi.ts';

const GENERATED_NOTE = 'Generated from packages/contracts/src by `pnpm --filter @churnwatch/contracts generate`; do not edit.';

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/**
 * Every published contract file, by path relative to packages/contracts/published: a JSON Schema
 * and an Avro schema per topic and version, and the AsyncAPI document. Pure: the generator
 * command writes these, the drift test compares them with the committed files.
 */
export function publishedFiles(): Map<string, string> {
  const files = new Map<string, string>();
  for (const contract of Object.values(topicContracts) as TopicContract[]) {
    for (const version of Object.keys(contract.versions).map(Number)) {
      const stem = schemaFileStem(contract, version);
      files.set(`json-schema/${stem}.schema.json`, json({ $comment: GENERATED_NOTE, ...contractJsonSchema(contract, version) }));
      files.set(`avro/${stem}.avsc`, json(contractAvroSchema(contract, version)));
    }
  }
  files.set('asyncapi.yaml', `# ${GENERATED_NOTE}\n${stringify(buildAsyncApi(), { lineWidth: 0, aliasDuplicateObjects: false })}`);
  return files;
}
