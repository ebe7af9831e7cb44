import { Ajv } from 'ajv';
import avro from 'avsc';
import { describe, expect, it } from 'vitest';
import { contractAvroSchema, contractExamples, contractJsonSchema, type TopicName, topicContracts } from '../src/index.ts';
import { createAvroNormalizer } from '../src/wire/avro-values.ts';

const names = Object.keys(topicContracts) as TopicName[];

describe('JSON Schema generated from the zod contracts', () => {
  // The pattern zod emits next to `format` enforces the timestamp shape, so formats need no plugin.
  const compile = (name: TopicName) => new Ajv({ strict: false, validateFormats: false, allErrors: true }).compile(contractJsonSchema(topicContracts[name], 1));

  it.each(names)('%s: accepts the example and rejects what zod rejects', (name) => {
    const validate = compile(name);
    const example = contractExamples[name] as Record<string, unknown>;
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...example, unexpected: true })).toBe(false);
    expect(validate({ ...example, schemaVersion: 2 })).toBe(false);
    const { schemaVersion: _v, ...withoutVersion } = example;
    expect(validate(withoutVersion)).toBe(false);
  });

  it('keeps money a decimal string and timestamps strings with an offset', () => {
    const validate = compile('purchases');
    const purchase = contractExamples.purchases;
    expect(validate({ ...purchase, amount: { amount: 12.5, currency: 'EUR' } })).toBe(false);
    expect(validate({ ...purchase, amount: { amount: '12.50', currency: 'EUR' } })).toBe(true);
    expect(validate({ ...purchase, eventTime: '2026-03-01T09:30:00' })).toBe(false);
  });
});

describe('Avro schemas generated from the zod contracts', () => {
  it.each(names)('%s: avsc accepts the schema and the example round-trips to the same JSON', (name) => {
    const schema = contractAvroSchema(topicContracts[name], 1);
    const type = avro.Type.forSchema(schema as avro.Schema);
    const example = contractExamples[name];
    const decoded = type.fromBuffer(type.toBuffer(example));
    expect(createAvroNormalizer(schema)(decoded)).toEqual(example);
  });

  it('maps optional fields to a union with null and default null, bounded integers to int, other numbers to double, enums to enums', () => {
    const schema = contractAvroSchema(topicContracts.purchases, 1) as { namespace: string; fields: { name: string; type: unknown; default?: unknown }[] };
    const field = (name: string) => schema.fields.find((candidate) => candidate.name === name)!;
    expect(schema.namespace).toBe('io.churnwatch.purchases.v1');
    expect(field('schemaVersion').type).toBe('int');
    expect(field('subscription')).toMatchObject({ default: null, type: ['null', { type: 'record' }] });
    expect(field('amount').type).toMatchObject({
      type: 'record',
      fields: [
        { name: 'amount', type: 'string' },
        { name: 'currency', type: 'string' },
      ],
    });
    const usage = contractAvroSchema(topicContracts.usage, 1) as { fields: { name: string; type: unknown }[] };
    expect(usage.fields.find((candidate) => candidate.name === 'quantity')!.type).toBe('double');
    const complaint = contractAvroSchema(topicContracts.complaints, 1) as { fields: { name: string; type: unknown }[] };
    expect(complaint.fields.find((candidate) => candidate.name === 'status')!.type).toMatchObject({ type: 'enum', symbols: ['opened', 'updated', 'resolved'] });
  });

  it('keeps a nullable field (no default) null but drops a null optional field when normalising', () => {
    const schema = contractAvroSchema(topicContracts.deadLetters, 1);
    const type = avro.Type.forSchema(schema as avro.Schema);
    const letter = { ...contractExamples.deadLetters, original: { ...contractExamples.deadLetters.original, key: null } };
    expect(createAvroNormalizer(schema)(type.fromBuffer(type.toBuffer(letter)))).toEqual(letter);
    const usageSchema = contractAvroSchema(topicContracts.usage, 1);
    const usageType = avro.Type.forSchema(usageSchema as avro.Schema);
    const { feature: _f, ...withoutFeature } = contractExamples.usage;
    const decoded = usageType.fromBuffer(usageType.toBuffer(withoutFeature)) as Record<string, unknown>;
    expect(decoded.feature).toBeNull();
    expect(createAvroNormalizer(usageSchema)(decoded)).toEqual(withoutFeature);
  });
});
