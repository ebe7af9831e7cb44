import { uniqueName } from '@churnwatch/testkit';
import fc from 'fast-check';
import { describe, expect, inject, it } from 'vitest';
import {
  contractAvroSchema,
  contractExamples,
  createContractRegistry,
  createEncoder,
  createInputDecoder,
  producerFormats,
  RegistryUnavailableError,
  type TopicName,
  topicContracts,
} from '../src/index.ts';
import { rawRecord } from './helpers.ts';

const registryUrl = () => inject('schemaRegistryUrl');
const FAR_MS = 50 * 365 * 86_400_000;

function decoderFor(name: TopicName, registry = createContractRegistry({ url: registryUrl() })) {
  return createInputDecoder({
    contract: topicContracts[name],
    consumer: 'registry-test',
    registry,
    maxValueBytes: 1 << 20,
    eventTimeBounds: { maxFutureMs: FAR_MS, maxPastMs: FAR_MS },
    now: () => Date.now(),
  });
}

describe('Confluent wire formats against a real registry', () => {
  const names = Object.keys(topicContracts) as TopicName[];

  it.each(producerFormats)('round-trips the example of every topic in the %s format', async (format) => {
    const registry = createContractRegistry({ url: registryUrl() });
    const encoder = createEncoder({ format, registry: format === 'json' ? undefined : registry });
    for (const name of names) {
      const topic = uniqueName(name);
      const example = contractExamples[name];
      const bytes = await encoder.encode(topicContracts[name], topic, example);
      expect(bytes[0] === 0).toBe(format !== 'json');
      // A decoder of its own, with a cold cache: the schema comes from the registry by id.
      const result = await decoderFor(name)(rawRecord(bytes, { topic, keyText: 'customerId' in example ? example.customerId : 'any' }));
      expect(result, `${format} ${name}`).toMatchObject({ ok: true, value: example });
    }
  });

  it('registers under <topic>-value with BACKWARD compatibility, once per subject', async () => {
    const registry = createContractRegistry({ url: registryUrl() });
    const encoder = createEncoder({ format: 'confluent-avro', registry });
    const topic = uniqueName('usage');
    const first = await encoder.encode(topicContracts.usage, topic, contractExamples.usage);
    const second = await createEncoder({ format: 'confluent-avro', registry }).encode(topicContracts.usage, topic, contractExamples.usage);
    expect(first.readUInt32BE(1)).toBe(second.readUInt32BE(1));
    const config = await fetch(`${registryUrl()}/config/${topic}-value`).then((r) => r.json());
    expect(config).toEqual({ compatibilityLevel: 'BACKWARD' });
  });

  it('registers into a subject that another tool created without its own compatibility setting', async () => {
    const subject = `${uniqueName('usage')}-value`;
    // Registered the plain REST way: the subject then inherits the registry's global level (NONE),
    // which the client library refuses to register against when BACKWARD is wanted.
    const current = contractAvroSchema(topicContracts.usage, 1) as { fields: { name: string }[] };
    const previous = { ...current, fields: current.fields.filter((field) => field.name !== 'feature') };
    const created = await fetch(`${registryUrl()}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ schema: JSON.stringify(previous) }),
    });
    expect(created.status).toBe(200);
    const inherited = await fetch(`${registryUrl()}/config/${subject}`).then((r) => r.json());
    expect(inherited).toEqual({ compatibilityLevel: 'NONE' });

    const registry = createContractRegistry({ url: registryUrl() });
    const encoder = createEncoder({ format: 'confluent-avro', registry, subjectNaming: () => subject });
    const bytes = await encoder.encode(topicContracts.usage, 'usage', contractExamples.usage);
    expect((await decoderFor('usage')(rawRecord(bytes))).ok).toBe(true);
    expect(await fetch(`${registryUrl()}/config/${subject}`).then((r) => r.json())).toEqual({ compatibilityLevel: 'BACKWARD' });
    const versions = (await fetch(`${registryUrl()}/subjects/${subject}/versions`).then((r) => r.json())) as number[];
    expect(versions).toHaveLength(2);
  });

  it("keeps a compatibility level a subject's owner chose", async () => {
    const subject = `${uniqueName('usage')}-value`;
    const json = { 'content-type': 'application/vnd.schemaregistry.v1+json' };
    await fetch(`${registryUrl()}/subjects/${subject}/versions`, {
      method: 'POST',
      headers: json,
      body: JSON.stringify({ schema: JSON.stringify(contractAvroSchema(topicContracts.usage, 1)) }),
    });
    await fetch(`${registryUrl()}/config/${subject}`, { method: 'PUT', headers: json, body: JSON.stringify({ compatibility: 'FULL' }) });
    const registry = createContractRegistry({ url: registryUrl() });
    const bytes = await createEncoder({ format: 'confluent-avro', registry, subjectNaming: () => subject }).encode(
      topicContracts.usage,
      'usage',
      contractExamples.usage,
    );
    expect(bytes[0]).toBe(0);
    expect(await fetch(`${registryUrl()}/config/${subject}`).then((r) => r.json())).toEqual({ compatibilityLevel: 'FULL' });
  });

  it('dead-letters a schema id the registry does not know', async () => {
    const bytes = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf0]), Buffer.from('{}')]);
    const result = await decoderFor('usage')(rawRecord(bytes));
    expect(result).toMatchObject({ ok: false, deadLetter: { reason: 'unknown_schema_id', fields: ['(root)'] } });
  });

  it('treats a 404 from something that is not a registry (a wrong base URL) as unavailable, not as an unknown id', async () => {
    const wrongPath = createContractRegistry({ url: registryUrl().replace('/apis/ccompat/v7', '/not-the-api'), requestRetries: 0 });
    const bytes = Buffer.concat([Buffer.from([0, 0x7f, 0xff, 0xff, 0xf1]), Buffer.from('{}')]);
    await expect(decoderFor('usage', wrongPath)(rawRecord(bytes))).rejects.toMatchObject({ code: 'REGISTRY_UNAVAILABLE', retriable: true });
  });

  it('dead-letters Avro bytes that the writer schema cannot read', async () => {
    const registry = createContractRegistry({ url: registryUrl() });
    const good = await createEncoder({ format: 'confluent-avro', registry }).encode(topicContracts.usage, uniqueName('usage'), contractExamples.usage);
    const truncated = good.subarray(0, 12);
    const result = await decoderFor('usage')(rawRecord(truncated));
    expect(result).toMatchObject({ ok: false, deadLetter: { reason: 'malformed_payload' } });
  });

  it('accepts or dead-letters randomly corrupted Avro payloads, never throwing', async () => {
    const registry = createContractRegistry({ url: registryUrl() });
    const good = await createEncoder({ format: 'confluent-avro', registry }).encode(
      topicContracts.purchases,
      uniqueName('purchases'),
      contractExamples.purchases,
    );
    const decode = decoderFor('purchases');
    const reasons = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 4 }), fc.nat(), async (flips, cut) => {
        const bytes = Buffer.from(good);
        // Leave the 5-byte frame alone: the schema id stays known, the payload is spoiled.
        for (const [at, byte] of flips) bytes[5 + (at % (bytes.length - 5))] = byte;
        const raw = rawRecord(bytes.subarray(0, 5 + (cut % (bytes.length - 4))), { keyText: contractExamples.purchases.customerId });
        const result = await decode(raw);
        if (result.ok) expect(topicContracts.purchases.versions[1].safeParse(result.value).success).toBe(true);
        else {
          expect(Buffer.from(result.deadLetter.original.value!, 'base64').equals(raw.value!)).toBe(true);
          reasons.add(result.deadLetter.reason);
        }
      }),
      { numRuns: 300 },
    );
    expect(reasons.has('malformed_payload')).toBe(true);
  });

  it('names the failing fields of a Confluent JSON Schema payload that breaks the contract', async () => {
    const registry = createContractRegistry({ url: registryUrl() });
    const good = await createEncoder({ format: 'confluent-json', registry }).encode(topicContracts.usage, uniqueName('usage'), contractExamples.usage);
    const broken = Buffer.concat([good.subarray(0, 5), Buffer.from(JSON.stringify({ ...contractExamples.usage, quantity: 'many' }))]);
    const result = await decoderFor('usage')(rawRecord(broken));
    expect(result).toMatchObject({ ok: false, deadLetter: { reason: 'schema_violation', fields: ['quantity'] } });
  });

  it('throws a retriable error, not a dead letter, when the registry cannot be reached', async () => {
    const nowhere = createContractRegistry({ url: 'http://127.0.0.1:9/apis/ccompat/v7', requestRetries: 0 });
    const bytes = Buffer.concat([Buffer.from([0, 0, 0, 0, 1]), Buffer.from('{}')]);
    await expect(decoderFor('usage', nowhere)(rawRecord(bytes))).rejects.toBeInstanceOf(RegistryUnavailableError);
    await expect(
      createEncoder({ format: 'confluent-avro', registry: nowhere }).encode(topicContracts.usage, 'usage', contractExamples.usage),
    ).rejects.toMatchObject({
      retriable: true,
    });
  });
});
