import { contractExamples } from '../examples.ts';
import { latestVersion, type TopicContract, type TopicName, topicContracts } from '../topics.ts';
import { avroNamespace } from '../wire/avro-schema.ts';
import { contractJsonSchema, type JsonSchema, schemaFileStem } from '../wire/json-schema.ts';

/** Version of the published contract set; bump the minor for an added topic version, the major never (see README). */
export const CONTRACTS_DOCUMENT_VERSION = '1.0.0';

function pascal(text: string): string {
  return text.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, letter: string) => letter.toUpperCase()).replace(/[^A-Za-z0-9]/g, '');
}

function messageId(contract: TopicContract, version: number): string {
  return `${contract.name}V${version}`;
}

/** The JSON Schema as an AsyncAPI payload: AsyncAPI's schema object is a superset of draft-07 without `$schema`/`$id`. */
function payloadSchema(contract: TopicContract, version: number): JsonSchema {
  const { $schema: _schema, $id: _id, ...schema } = contractJsonSchema(contract, version);
  return schema;
}

function channel(contract: TopicContract): Record<string, unknown> {
  const versions = Object.keys(contract.versions).map(Number);
  const table = contract.shape === 'table';
  return {
    address: contract.defaultTopic,
    title: contract.defaultTopic,
    description: `${contract.description} ${table ? 'A compacted table: the latest value per key wins, a null value (tombstone) deletes the key.' : 'An event stream.'} Topic name is configurable; this is the default.`,
    messages: Object.fromEntries(versions.map((version) => [messageId(contract, version), { $ref: `#/components/messages/${messageId(contract, version)}` }])),
    bindings: {
      kafka: {
        bindingVersion: '0.5.0',
        topic: contract.defaultTopic,
        topicConfiguration: { 'cleanup.policy': [table ? 'compact' : 'delete'] },
      },
    },
  };
}

function message(name: TopicName, contract: TopicContract, version: number): Record<string, unknown> {
  const keyDescription =
    contract.keyField === ''
      ? 'The key of the original record (the rejected or undelivered one), unchanged; usually the customer id, null when it had none.'
      : `Customer id as a UTF-8 string; equals the value's \`${contract.keyField ?? 'customerId'}\`. Records of one customer share a partition on every topic.`;
  const example = contractExamples[name];
  return {
    name: messageId(contract, version),
    title: `${contract.name} v${version}`,
    summary: contract.description,
    contentType: 'application/json',
    description: [
      `Value: JSON with \`schemaVersion: ${version}\`, or the Confluent schema-registry framing (magic byte 0, 4-byte schema id) with`,
      `the Avro schema \`avro/${schemaFileStem(contract, version)}.avsc\` (namespace \`${avroNamespace(contract, version)}\`) or the JSON Schema`,
      `\`json-schema/${schemaFileStem(contract, version)}.schema.json\`. Consumers detect the format per record.`,
    ].join(' '),
    payload: { $ref: `#/components/schemas/${pascal(contract.name)}V${version}` },
    bindings: {
      kafka: {
        bindingVersion: '0.5.0',
        key: { type: 'string', description: keyDescription },
        schemaIdLocation: 'payload',
        schemaIdPayloadEncoding: 'confluent',
        schemaLookupStrategy: 'TopicNameStrategy',
      },
    },
    examples: [{ name: 'example', summary: `A ${contract.name} v${version} value`, headers: {}, payload: example }],
  };
}

/** The AsyncAPI 3.0 document of every churnwatch topic, built from the contracts in code. */
export function buildAsyncApi(): Record<string, unknown> {
  const entries = Object.entries(topicContracts) as [TopicName, TopicContract][];
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  for (const [name, contract] of entries) {
    channels[name] = channel(contract);
    const versions = Object.keys(contract.versions).map(Number);
    operations[`${contract.direction === 'input' ? 'consume' : 'produce'}${pascal(name)}`] = {
      action: contract.direction === 'input' ? 'receive' : 'send',
      title: contract.direction === 'input' ? `churnwatch reads ${contract.defaultTopic}` : `churnwatch writes ${contract.defaultTopic}`,
      summary:
        contract.direction === 'input'
          ? `Upstream systems produce; churnwatch accepts versions ${versions.join(', ')} and dead-letters what breaks the contract.`
          : `churnwatch produces version ${latestVersion(contract)}; downstream services subscribe.`,
      channel: { $ref: `#/channels/${name}` },
      messages: versions.map((version) => ({ $ref: `#/channels/${name}/messages/${messageId(contract, version)}` })),
    };
    for (const version of versions) {
      messages[messageId(contract, version)] = message(name, contract, version);
      schemas[`${pascal(contract.name)}V${version}`] = payloadSchema(contract, version);
    }
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'churnwatch topics',
      version: CONTRACTS_DOCUMENT_VERSION,
      description: [
        'The Kafka topics churnwatch reads (purchases, usage, complaints, feedback, customer profiles, alert actions) and writes',
        '(churn-risk alerts, the customer health table, dead letters, failed notifications). Every topic is keyed by customer id.',
        'Generated from the zod contracts in packages/contracts; do not edit by hand.',
      ].join(' '),
    },
    defaultContentType: 'application/json',
    channels,
    operations,
    components: { messages, schemas },
  };
}
