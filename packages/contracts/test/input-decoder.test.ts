import { describe, expect, it } from 'vitest';
import {
  type ContractRegistry,
  contractExamples,
  createInputDecoder,
  type DeadLetterV1,
  type DecodeResult,
  RegistryUnavailableError,
  topicContracts,
} from '../src/index.ts';
import { NOW_MS, rawRecord } from './helpers.ts';

const DAY_MS = 86_400_000;
const usage = contractExamples.usage;

function decoder(extra: { registry?: ContractRegistry; contract?: (typeof topicContracts)[keyof typeof topicContracts] } = {}) {
  return createInputDecoder({
    contract: extra.contract ?? topicContracts.usage,
    consumer: 'usage-service',
    registry: extra.registry,
    maxValueBytes: 2048,
    eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 400 * DAY_MS },
    now: () => NOW_MS,
  });
}

function deadLetterOf(result: DecodeResult): DeadLetterV1 {
  if (result.ok) throw new Error(`expected a dead letter, got ${JSON.stringify(result)}`);
  return result.deadLetter;
}

describe('createInputDecoder', () => {
  it('accepts a valid event and returns key, value, event time and event id', async () => {
    const result = await decoder()(rawRecord(JSON.stringify(usage)));
    expect(result).toEqual({ ok: true, key: 'cust-0042', value: usage, eventTimeMs: Date.parse(usage.eventTime), eventId: usage.eventId });
  });

  it('dead-letters malformed JSON with the original bytes, headers and source', async () => {
    const dl = deadLetterOf(await decoder()(rawRecord('{"schemaVersion":1,', { offset: '99', partition: 2 })));
    expect(dl.reason).toBe('malformed_json');
    expect(dl.source).toEqual({ topic: 'usage', partition: 2, offset: '99' });
    expect(Buffer.from(dl.original.value!, 'base64').toString()).toBe('{"schemaVersion":1,');
    expect(Buffer.from(dl.original.key!, 'base64').toString()).toBe('cust-0042');
    expect(dl.original.headers).toEqual([{ key: 'origin', value: Buffer.from('test').toString('base64') }]);
    expect(dl.consumer).toBe('usage-service');
    expect(dl.rejectedAt).toBe(new Date(NOW_MS).toISOString());
  });

  it('names every failing field of a wrong-typed, incomplete event', async () => {
    const { metric: _metric, ...withoutMetric } = usage;
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify({ ...withoutMetric, quantity: 'lots' }))));
    expect(dl.reason).toBe('schema_violation');
    expect(dl.fields.sort()).toEqual(['metric', 'quantity']);
    expect(dl.message).toMatch(/quantity: .*number/);
    expect(dl.message).toMatch(/metric: /);
  });

  it('reports nested paths and unknown fields', async () => {
    const purchase = { ...contractExamples.purchases, amount: { amount: 12.5, currency: 'EUR' }, coupon: 'X' };
    const dl = deadLetterOf(await decoder({ contract: topicContracts.purchases })(rawRecord(JSON.stringify(purchase))));
    expect(dl.fields).toEqual(expect.arrayContaining(['amount.amount', '(root)']));
    expect(dl.message).toContain('coupon');
  });

  it('checks a value without schemaVersion against the latest version, naming all fields', async () => {
    const { schemaVersion: _v, ...rest } = usage;
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify({ ...rest, quantity: -1 }))));
    expect(dl.reason).toBe('schema_violation');
    expect(dl.fields.sort()).toEqual(['quantity', 'schemaVersion']);
  });

  it('dead-letters an unknown event version', async () => {
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify({ ...usage, schemaVersion: 7 }))));
    expect(dl).toMatchObject({ reason: 'unknown_version', fields: ['schemaVersion'] });
    expect(dl.message).toContain('known: 1');
  });

  it('dead-letters oversized values before parsing them', async () => {
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify({ ...usage, feature: 'x'.repeat(3000) }))));
    expect(dl.reason).toBe('oversized');
    expect(dl.message).toMatch(/more than the 2048 allowed/);
  });

  it.each([
    ['future', new Date(NOW_MS + 2 * DAY_MS).toISOString()],
    ['past', new Date(NOW_MS - 401 * DAY_MS).toISOString()],
  ])('dead-letters event times too far in the %s', async (_, eventTime) => {
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify({ ...usage, eventTime }))));
    expect(dl).toMatchObject({ reason: 'event_time_out_of_range', fields: ['eventTime'] });
  });

  it('accepts event times just inside the bounds', async () => {
    const eventTime = new Date(NOW_MS + DAY_MS).toISOString();
    expect((await decoder()(rawRecord(JSON.stringify({ ...usage, eventTime })))).ok).toBe(true);
  });

  it('dead-letters a missing key and a key that is not the customer id', async () => {
    expect(deadLetterOf(await decoder()(rawRecord(JSON.stringify(usage), { keyText: null }))).reason).toBe('missing_key');
    const dl = deadLetterOf(await decoder()(rawRecord(JSON.stringify(usage), { keyText: 'cust-0043' })));
    expect(dl).toMatchObject({ reason: 'key_mismatch', fields: ['customerId'] });
  });

  it('accepts tombstones only on table topics', async () => {
    expect(deadLetterOf(await decoder()(rawRecord(null))).reason).toBe('missing_value');
    const table = await decoder({ contract: topicContracts.customerProfiles })(rawRecord(null));
    expect(table).toEqual({ ok: true, key: 'cust-0042', value: null, eventTimeMs: 1772359200000 });
  });

  it('reads table records by their own time field and without an event id', async () => {
    const profile = contractExamples.customerProfiles;
    const result = await decoder({ contract: topicContracts.customerProfiles })(rawRecord(JSON.stringify(profile)));
    expect(result).toEqual({ ok: true, key: 'cust-0042', value: profile, eventTimeMs: Date.parse(profile.updatedAt) });
  });

  it('applies only the future bound to table rows: an old profile update is still the latest state', async () => {
    const contract = topicContracts.customerProfiles;
    const old = { ...contractExamples.customerProfiles, updatedAt: '2019-05-01T00:00:00Z' };
    expect((await decoder({ contract })(rawRecord(JSON.stringify(old)))).ok).toBe(true);
    const ahead = { ...contractExamples.customerProfiles, updatedAt: new Date(NOW_MS + 2 * DAY_MS).toISOString() };
    expect(deadLetterOf(await decoder({ contract })(rawRecord(JSON.stringify(ahead)))).reason).toBe('event_time_out_of_range');
  });

  it('dead-letters Confluent frames it cannot read without a registry, and truncated frames', async () => {
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 5]), Buffer.from('{}')]);
    expect(deadLetterOf(await decoder()(rawRecord(framed))).reason).toBe('unsupported_format');
    expect(deadLetterOf(await decoder()(rawRecord(Buffer.from([0, 0, 1])))).reason).toBe('malformed_payload');
  });

  it('dead-letters an unknown schema id but throws a retriable error when the registry is down', async () => {
    const framed = Buffer.concat([Buffer.from([0, 0, 0, 0, 5]), Buffer.from('{}')]);
    const unknown: ContractRegistry = {
      url: 'memory:',
      register: async () => 1,
      lookup: async () => ({ found: false }),
      decode: async () => ({ ok: true, value: {} }),
      encode: async () => Buffer.alloc(0),
    };
    const dl = deadLetterOf(await decoder({ registry: unknown })(rawRecord(framed)));
    expect(dl).toMatchObject({ reason: 'unknown_schema_id' });
    expect(dl.message).toContain('schema id 5');

    const down: ContractRegistry = {
      ...unknown,
      lookup: async () => {
        throw new RegistryUnavailableError('lookup', new Error('ECONNREFUSED'));
      },
    };
    let thrown: unknown;
    try {
      await decoder({ registry: down })(rawRecord(framed));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(RegistryUnavailableError);
    expect(thrown).toMatchObject({ retriable: true, code: 'REGISTRY_UNAVAILABLE' });
  });

  it('serves contracts of other topics: no key field, event time from the record timestamp', async () => {
    const internal = { ...topicContracts.usage, name: 'internal', keyField: '', eventTimeField: '', eventIdField: '' };
    const result = await decoder({ contract: internal })(rawRecord(JSON.stringify(usage), { keyText: 'partition-key-7' }));
    expect(result).toEqual({ ok: true, key: 'partition-key-7', value: usage, eventTimeMs: 1772359200000 });
  });

  it('refuses inconsistent options with every problem named', () => {
    expect(() =>
      createInputDecoder({
        contract: topicContracts.usage,
        consumer: '',
        maxValueBytes: 0,
        eventTimeBounds: { maxFutureMs: -1, maxPastMs: Number.NaN },
        now: () => 0,
      }),
    ).toThrow(/consumer[\s\S]*maxValueBytes[\s\S]*maxFutureMs[\s\S]*maxPastMs/);
  });
});
