import { parseArgs } from 'node:util';
import {
  type ContractRegistry,
  confluentFrame,
  contractExamples,
  createContractRegistry,
  createEncoder,
  createInputDecoder,
  type InputDecoder,
  type ProducerFormat,
  producerFormats,
  type RawRecord,
  topicContracts,
} from '@churnwatch/contracts';
import { LocalRegistry } from '@churnwatch/registry';
import type { BenchCommand } from './bench-command.ts';

/**
 * Decode-and-validate throughput of the ingestion boundary per wire format, and what a rejected
 * event costs compared with an accepted one. Prints figures; asserts nothing. The registry is
 * real (a local Apicurio unless --registry-url is given); after the first record of a schema id
 * the client's cache answers, so the figures are the boundary's CPU cost, not HTTP.
 */

const usage = contractExamples.usage;

function raw(value: Buffer, offset: number): RawRecord {
  return { topic: 'usage', partition: 0, offset: String(offset), key: Buffer.from(usage.customerId), value, headers: {}, timestamp: '0' };
}

function validEvent(i: number): Record<string, unknown> {
  return { ...usage, eventId: `bench-${i}`, quantity: i % 1000, eventTime: new Date(Date.parse(usage.eventTime) + i * 1000).toISOString() };
}

/** Decodes but breaks the contract in two fields: what a buggy producer sends (still well-formed in every format). */
function invalidEvent(i: number): Record<string, unknown> {
  return { ...validEvent(i), quantity: -1 - i, metric: 'Not A Token' };
}

async function encodeAll(format: ProducerFormat, registry: ContractRegistry, count: number, make: (i: number) => Record<string, unknown>): Promise<Buffer[]> {
  const topic = `bench-${format}-${process.pid}`;
  const encoder = createEncoder({ format, registry: format === 'json' ? undefined : registry });
  const schemaId = format === 'json' ? 0 : (await encoder.encode(topicContracts.usage, topic, validEvent(0))).readUInt32BE(1);
  const out: Buffer[] = [];
  for (let i = 0; i < count; i += 1) {
    const value = make(i);
    // Invalid values cannot pass the encoders' own checks, so they are framed here: Avro through
    // the registry client (which checks Avro types only), JSON Schema by hand (its check is ajv's).
    const json = Buffer.from(JSON.stringify(value));
    out.push(format === 'json' ? json : format === 'confluent-json' ? confluentFrame(schemaId, json) : await registry.encode(schemaId, value));
  }
  return out;
}

async function timeDecoding(decode: InputDecoder, values: readonly Buffer[], expectOk: boolean): Promise<number> {
  const started = process.hrtime.bigint();
  for (let i = 0; i < values.length; i += 1) {
    const result = await decode(raw(values[i]!, i));
    if (result.ok !== expectOk)
      throw new Error(`record ${i}: expected ${expectOk ? 'acceptance' : 'a dead letter'}, got ${JSON.stringify(result).slice(0, 300)}`);
  }
  return Number(process.hrtime.bigint() - started) / 1e9;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export const benchContractsCommand: BenchCommand = {
  summary: 'benchmark: decode-and-validate throughput per wire format, cost of an invalid event',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        events: { type: 'string', default: '20000' },
        rounds: { type: 'string', default: '5' },
        'registry-url': { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      process.stdout.write(
        'usage: ./churnwatch bench-contracts [--events 20000] [--rounds 5] [--registry-url URL]\n\nDecode-and-validate throughput per wire format (JSON, Confluent Avro, Confluent JSON Schema) and the cost of an\ninvalid event relative to a valid one, medians of alternating rounds. Starts a local schema registry unless --registry-url is given.\n',
      );
      return 0;
    }
    const count = Number(values.events);
    const rounds = Number(values.rounds);
    if (!Number.isInteger(count) || count < 100 || !Number.isInteger(rounds) || rounds < 1) {
      process.stderr.write('--events must be an integer ≥ 100 and --rounds an integer ≥ 1\n');
      return 2;
    }
    const local = values['registry-url'] ? undefined : await LocalRegistry.start();
    try {
      const url = values['registry-url'] ?? local!.url;
      if (local) process.stdout.write(`Apicurio Registry ${local.version} started in ${local.lastStartupMs} ms\n`);
      const registry = createContractRegistry({ url });
      const decode = createInputDecoder({
        contract: topicContracts.usage,
        consumer: 'bench',
        registry,
        maxValueBytes: 1 << 20,
        eventTimeBounds: { maxFutureMs: Number.POSITIVE_INFINITY, maxPastMs: Number.POSITIVE_INFINITY },
        now: () => Date.parse(usage.eventTime),
      });
      process.stdout.write(`usage events, ${count} valid and ${count} invalid per format, median of ${rounds} rounds, Node ${process.version}\n\n`);
      process.stdout.write(
        `${'format'.padEnd(16)}${'bytes/event'.padStart(12)}${'valid ev/s'.padStart(14)}${'invalid ev/s'.padStart(14)}${'invalid/valid cost'.padStart(20)}\n`,
      );
      for (const format of producerFormats) {
        const valid = await encodeAll(format, registry, count, validEvent);
        const invalid = await encodeAll(format, registry, count, invalidEvent);
        // Warm-up: JIT, and the registry client's schema cache.
        await timeDecoding(decode, valid.slice(0, 2000), true);
        await timeDecoding(decode, invalid.slice(0, 2000), false);
        // Alternating rounds, median of each: a shared machine's noise hits both sides alike.
        const validRuns: number[] = [];
        const invalidRuns: number[] = [];
        for (let round = 0; round < rounds; round += 1) {
          validRuns.push(await timeDecoding(decode, valid, true));
          invalidRuns.push(await timeDecoding(decode, invalid, false));
        }
        const validSeconds = median(validRuns);
        const invalidSeconds = median(invalidRuns);
        const bytes = Math.round(valid.reduce((sum, value) => sum + value.length, 0) / valid.length);
        process.stdout.write(
          `${format.padEnd(16)}${String(bytes).padStart(12)}${Math.round(count / validSeconds)
            .toLocaleString('en-US')
            .padStart(14)}${Math.round(count / invalidSeconds)
            .toLocaleString('en-US')
            .padStart(14)}${`${(invalidSeconds / validSeconds).toFixed(2)}×`.padStart(20)}\n`,
        );
      }
      return 0;
    } finally {
      await local?.dispose();
    }
  },
};
