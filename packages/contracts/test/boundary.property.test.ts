import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contractExamples, createInputDecoder, type DecodeResult, deadLetterReasons, deadLetterV1, type RawRecord, topicContracts } from '../src/index.ts';
import { NOW_MS, rawRecord } from './helpers.ts';

const DAY_MS = 86_400_000;

const decode = createInputDecoder({
  contract: topicContracts.usage,
  consumer: 'property-test',
  maxValueBytes: 1024,
  eventTimeBounds: { maxFutureMs: DAY_MS, maxPastMs: 30 * DAY_MS },
  now: () => NOW_MS,
});

const fieldNames = Object.keys(contractExamples.usage);

/** Valid usage events with random ids, quantities, metrics and times inside the bounds. */
const validEvent = fc.record({
  schemaVersion: fc.constant(1),
  eventId: fc.string({ minLength: 1, maxLength: 40 }),
  customerId: fc.stringMatching(/^cust-[0-9]{1,6}$/),
  eventTime: fc.integer({ min: NOW_MS - 29 * DAY_MS, max: NOW_MS + DAY_MS - 1 }).map((ms) => new Date(ms).toISOString()),
  metric: fc.constantFrom('sessions', 'api_calls', 'active_users', 'minutes'),
  quantity: fc.double({ min: 0, max: 1e9, noNaN: true }),
});

/** Ways a producer's bug or a broken pipe can spoil a valid event. */
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), field: fc.constantFrom(...fieldNames, 'extra'), value: fc.jsonValue() }),
  fc.record({ kind: fc.constant('delete' as const), field: fc.constantFrom(...fieldNames) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ kind: fc.constant('pad' as const), bytes: fc.integer({ min: 800, max: 3000 }) }),
  fc.record({ kind: fc.constant('none' as const) }),
);

type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

function apply(event: Record<string, unknown>, change: Mutation): Buffer {
  switch (change.kind) {
    case 'set':
      return Buffer.from(JSON.stringify({ ...event, [change.field]: change.value }));
    case 'delete': {
      const { [change.field]: _gone, ...rest } = event;
      return Buffer.from(JSON.stringify(rest));
    }
    case 'truncate': {
      const bytes = Buffer.from(JSON.stringify(event));
      return bytes.subarray(0, change.at % bytes.length);
    }
    case 'flip': {
      const bytes = Buffer.from(JSON.stringify(event));
      bytes[change.at % bytes.length] = change.byte;
      return bytes;
    }
    case 'pad':
      return Buffer.from(JSON.stringify({ ...event, feature: 'x'.repeat(change.bytes) }));
    case 'none':
      return Buffer.from(JSON.stringify(event));
  }
}

/** A record at the boundary: a mutated valid event, random JSON, random bytes, or a tombstone, under a random or matching key. */
const boundaryRecord: fc.Arbitrary<RawRecord> = fc
  .tuple(
    fc.oneof(
      {
        weight: 5,
        arbitrary: fc.tuple(validEvent, mutation).map(([event, change]) => ({ key: event.customerId, value: apply(event, change) as Buffer | null })),
      },
      { weight: 1, arbitrary: fc.jsonValue().map((value) => ({ key: 'cust-1', value: Buffer.from(JSON.stringify(value) ?? 'null') as Buffer | null })) },
      { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2000 }).map((bytes) => ({ key: 'cust-1', value: Buffer.from(bytes) as Buffer | null })) },
      { weight: 1, arbitrary: fc.constant({ key: 'cust-1', value: null as Buffer | null }) },
    ),
    fc.oneof({ weight: 8, arbitrary: fc.constant('matching' as const) }, fc.constant(null), fc.string()),
    fc.nat(),
  )
  .map(([{ key, value }, keyChoice, offset]) => rawRecord(value, { keyText: keyChoice === 'matching' ? key : keyChoice, offset: String(offset) }));

function checkOne(raw: RawRecord, result: DecodeResult): void {
  if (result.ok) {
    expect(topicContracts.usage.versions[1].safeParse(result.value).success).toBe(true);
    expect(result.key).toBe(raw.key?.toString());
    expect((result.value as { customerId: string }).customerId).toBe(result.key);
    return;
  }
  const letter = deadLetterV1.parse(result.deadLetter);
  expect(deadLetterReasons).toContain(letter.reason);
  expect(letter.fields.length).toBeGreaterThan(0);
  expect(letter.message.length).toBeGreaterThan(0);
  expect(letter.source).toEqual({ topic: raw.topic, partition: raw.partition, offset: raw.offset });
  expect(letter.original.value === null ? null : Buffer.from(letter.original.value, 'base64')).toEqual(raw.value);
  expect(letter.original.key === null ? null : Buffer.from(letter.original.key, 'base64')).toEqual(raw.key);
}

describe('the ingestion boundary under random and mutated input', () => {
  it('accepts or dead-letters every record, never throws, and keeps the original bytes', async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(boundaryRecord, async (raw) => {
        const result = await decode(raw);
        checkOne(raw, result);
        const outcome = result.ok ? 'accepted' : result.deadLetter.reason;
        outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
      }),
      { numRuns: 2000 },
    );
    // The generator reaches both sides of the boundary and most reasons, or the property says little.
    expect(outcomes.get('accepted')).toBeGreaterThan(0);
    for (const reason of ['malformed_json', 'schema_violation', 'unknown_version', 'missing_key', 'key_mismatch', 'missing_value', 'oversized']) {
      expect(outcomes.get(reason), reason).toBeGreaterThan(0);
    }
  }, 60_000);

  it('loses nothing: accepted plus dead-lettered is the batch, and the counts by reason add up', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(boundaryRecord, { maxLength: 60 }), async (batch) => {
        const results = await Promise.all(batch.map((raw) => decode(raw)));
        const accepted = results.filter((result) => result.ok).length;
        const byReason = new Map<string, number>();
        for (const result of results) if (!result.ok) byReason.set(result.deadLetter.reason, (byReason.get(result.deadLetter.reason) ?? 0) + 1);
        const deadLettered = [...byReason.values()].reduce((sum, n) => sum + n, 0);
        expect(accepted + deadLettered).toBe(batch.length);
      }),
      { numRuns: 200 },
    );
  });

  it('accepts every unmutated valid event', async () => {
    await fc.assert(
      fc.asyncProperty(validEvent, async (event) => {
        const result = await decode(rawRecord(JSON.stringify(event), { keyText: event.customerId }));
        expect(result.ok).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
