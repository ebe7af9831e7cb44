import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '@churnwatch/errors';
import { z } from 'zod';

/** The repository root: the peer, its build folder and the default results folder are placed from here. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

export const scenarioNames = ['throughput', 'pipeline', 'replay', 'latency', 'state'] as const;
export type ScenarioName = (typeof scenarioNames)[number];

/** What the latency rows' input is besides the triggers: usage, or complaints (the trigger's own services' worst case). */
export const latencyLoads = ['usage', 'complaints'] as const;
export type LatencyLoad = (typeof latencyLoads)[number];

const positive = z.number().int().positive();

/** Every figure of one run follows from these; `--quick` only changes the defaults. */
export const benchConfigSchema = z.object({
  quick: z.boolean(),
  outDir: z.string().min(1),
  /** The shared topic of the throughput rows: records, distinct keys, partitions. */
  records: positive,
  customers: positive,
  partitions: positive,
  /** Rounds of the runtime and the peer side by side on that topic: a single pair's ratio moves by a third from run to run. */
  rounds: positive,
  /** The Kafka Streams peer's source folder (never written) and where its build goes. */
  peerDir: z.string().min(1),
  peerBuildDir: z.string().min(1),
  /** The detection pipeline on the broker: generated customers and days. */
  pipelineCustomers: positive,
  pipelineDays: z.number().int().min(90),
  /** The replay cost curve: every customers × days point, on both stream shapes. */
  replayCustomers: z.array(positive).min(1),
  replayDays: z.array(positive).min(1),
  /** Points with more events than this are listed as skipped, not run. */
  replayMaxEvents: positive,
  /** Input rates of the latency rows, events/s, and how long each rate runs. */
  latencyRates: z.array(positive).min(1),
  latencySeconds: positive,
  latencyLoads: z.array(z.enum(latencyLoads)).min(1),
  /** Customers whose detection state is held and restored (90 days of usage each). */
  stateCustomers: z.array(positive).min(1),
  skip: z.array(z.enum(scenarioNames)),
});
export type BenchConfig = z.infer<typeof benchConfigSchema>;

export const benchHelp = `usage: ./churnwatch bench [--quick] [--out DIR] [options]

Starts one local Kafka broker and runs every benchmark against it in one run, then writes
results.json, results.md (a Markdown table with the ratios) and chart.svg into DIR
(default results/bench-<date>), with a description of the machine.

  throughput  one topic of --records small JSON records (--customers keys, --partitions):
              Kafka's ConsumerPerformance, bare kafkajs, the runtime with a counting processor
              (at-least-once, exactly-once), the Kafka Streams peer (alo, eos)
  pipeline    the six detection services on generated events, events/s until all caught up
  replay      replay events/s on the generator's stream and on a daily-aggregate stream per
              customers × days, beside JSON parse + validation alone on the same file
  latency     event-to-alert p50/p95/p99 of a critical complaint at fixed input rates,
              at-least-once and exactly-once, beside a background of usage or of complaints
  state       heap and RSS per customer of the detection state (90 days of usage), and its
              restore from the changelogs

Options (defaults of a full run; --quick shrinks all of them to seconds):
  --quick                     a smoke run: small sizes, a couple of minutes
  --out DIR                   results folder
  --records N                 1000000          --customers N        20000
  --partitions N              3                --rounds N           3
                              (rounds of the peer and the runtime side by side, in
                              alternating order; the ratio is the median of the rounds')
  --peer-dir DIR              the Kafka Streams peer (default ../shared/anchors/kafka-streams-peer
                              beside the repository; or CHURNWATCH_PEER_DIR); built into
                              .cache/kstreams-peer (or PEER_BUILD_DIR)
  --pipeline-customers N      2000             --pipeline-days N    180 (at least 90)
  --replay-customers LIST     1000,10000,100000 --replay-days LIST   30,90,365
  --replay-max-events N       4000000 (larger points are listed as skipped)
  --latency-rates LIST        1000,10000       --latency-seconds N  20
  --latency-loads LIST        usage,complaints (the background of the latency rows)
  --state-customers LIST      100000,1000000
  --skip LIST                 scenarios to leave out: ${scenarioNames.join(', ')}
  --help                      this text
`;

const listOf = (text: string | undefined): number[] | undefined => (text === undefined ? undefined : text.split(',').map((part) => Number(part.trim())));
const numberOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** Parses the command line once (throws ConfigError naming every bad field); `null` when --help was asked for. */
export function parseBenchArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchConfig | null {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: 'boolean', default: false },
      out: { type: 'string' },
      records: { type: 'string' },
      customers: { type: 'string' },
      partitions: { type: 'string' },
      rounds: { type: 'string' },
      'peer-dir': { type: 'string' },
      'pipeline-customers': { type: 'string' },
      'pipeline-days': { type: 'string' },
      'replay-customers': { type: 'string' },
      'replay-days': { type: 'string' },
      'replay-max-events': { type: 'string' },
      'latency-rates': { type: 'string' },
      'latency-seconds': { type: 'string' },
      'latency-loads': { type: 'string' },
      'state-customers': { type: 'string' },
      skip: { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;
  const quick = values.quick;
  const candidate = {
    quick,
    outDir: resolve(values.out ?? join(repoRoot, 'results', `bench-${today()}${quick ? '-quick' : ''}`)),
    records: numberOf(values.records) ?? (quick ? 20_000 : 1_000_000),
    customers: numberOf(values.customers) ?? (quick ? 1_000 : 20_000),
    partitions: numberOf(values.partitions) ?? 3,
    rounds: numberOf(values.rounds) ?? (quick ? 1 : 3),
    peerDir: resolve(values['peer-dir'] ?? env.CHURNWATCH_PEER_DIR ?? join(repoRoot, '..', 'shared', 'anchors', 'kafka-streams-peer')),
    peerBuildDir: resolve(env.PEER_BUILD_DIR ?? join(repoRoot, '.cache', 'kstreams-peer')),
    pipelineCustomers: numberOf(values['pipeline-customers']) ?? (quick ? 30 : 2_000),
    pipelineDays: numberOf(values['pipeline-days']) ?? (quick ? 90 : 180),
    replayCustomers: listOf(values['replay-customers']) ?? (quick ? [50, 200] : [1_000, 10_000, 100_000]),
    replayDays: listOf(values['replay-days']) ?? (quick ? [30, 90] : [30, 90, 365]),
    replayMaxEvents: numberOf(values['replay-max-events']) ?? (quick ? 40_000 : 4_000_000),
    latencyRates: listOf(values['latency-rates']) ?? (quick ? [200] : [1_000, 10_000]),
    latencySeconds: numberOf(values['latency-seconds']) ?? (quick ? 3 : 20),
    latencyLoads: values['latency-loads']?.split(',').map((name) => name.trim()) ?? [...latencyLoads],
    stateCustomers: listOf(values['state-customers']) ?? (quick ? [1_000] : [100_000, 1_000_000]),
    skip: values.skip === undefined ? [] : values.skip.split(',').map((name) => name.trim()),
  };
  const parsed = benchConfigSchema.safeParse(candidate);
  if (!parsed.success)
    throw new ConfigError(
      './churnwatch bench options',
      parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`),
    );
  return parsed.data;
}
