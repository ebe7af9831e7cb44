import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError } from '@churnwatch/errors';
import { z } from 'zod';
import { servicesMaxEventAgeDays, soakBackfillDays } from './history-span.ts';
import { BROKER_FREEZE_STALL_MS } from './scenarios/broker-freeze.ts';

export const scenarioNames = [
  'undisturbed',
  'kill-9',
  'restore-interrupted',
  'zombie',
  'scale-1-3-1',
  'broker-restart',
  'broker-freeze',
  'poison',
  'soak',
  'slow-downstream',
] as const;
export type ScenarioName = (typeof scenarioNames)[number];
export const deliveryModes = ['at-least-once', 'exactly-once'] as const;

const positive = z.number().int().positive();

/** The repository root: the default results folder is placed from here. */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Every figure of one run follows from these; `--quick` only changes the defaults. */
export const chaosConfigSchema = z
  .object({
    quick: z.boolean(),
    scenarios: z.array(z.enum(scenarioNames)).min(1),
    deliveries: z.array(z.enum(deliveryModes)).min(1),
    /** The generated stream: simulator seed, customers, days of history ending when a scenario starts. */
    seed: z.number().int().min(0),
    customers: positive,
    days: z.number().int().min(90),
    /** Only the last this many events of that history are produced (absent: all of them). */
    events: positive.optional(),
    eventsPerSecond: positive,
    partitions: positive,
    /** kill -9 per kill scenario (at least five), and the random gap before each, [min, max] ms. */
    kills: z.number().int().min(5),
    killGapMs: z.tuple([positive, positive]).refine(([min, max]) => min <= max, 'min must not exceed max'),
    /** How long the zombie stays frozen: longer than the services' 6 s session timeout. */
    zombieFrozenMs: z.number().int().min(8_000),
    brokerDownMs: positive,
    /** Longer than the stall after which broker-freeze's services replace a consumer (BROKER_FREEZE_STALL_MS). */
    brokerFrozenMs: z
      .number()
      .int()
      .min(BROKER_FREEZE_STALL_MS + 5_000),
    /** The pipeline counts as settled when nothing moved for this long. */
    quietMs: positive,
    settleTimeoutMs: positive,
    /** Poison: the share of usage events sent again corrupted. */
    poisonShare: z.number().gt(0).max(0.5),
    /** Soak: how long its stream lasts (its rate follows from the events), s. */
    soakSeconds: positive,
    /** Soak: how often memory and lag are sampled. */
    sampleMs: positive,
    /** Slow-downstream: how long each phase of the notifier's receiver lasts (healthy, hanging, rate-limiting, garbage). */
    downstreamPhaseMs: z.number().int().min(5_000),
    /** Files a run keeps (the soak's chart and samples). */
    outDir: z.string().min(1),
    /** Where the services' logs and the events files go. */
    workDir: z.string().min(1),
    keepLogs: z.boolean(),
    /** The risk scorer's order: `event-time` holds the signals for its usage clock (CHURNWATCH_CLOCK_INPUTS=on), `arrival` scores them as they come. */
    scorerOrder: z.enum(['event-time', 'arrival']),
  })
  .refine((config) => !config.scenarios.includes('scale-1-3-1') || config.partitions >= 3, {
    message: 'scale-1-3-1 needs at least 3 partitions (one per instance)',
    path: ['partitions'],
  });
export type ChaosConfig = z.infer<typeof chaosConfigSchema>;

export const chaosHelp = `usage: ./churnwatch chaos [--quick] [--scenario LIST] [--delivery LIST] [options]

Starts one local Kafka broker, then for every scenario and delivery mode: fresh topics, the six
detection services as processes, a generated customer history (ending now) produced at a steady
rate while the scenario disturbs the services, and, once everything has settled, the alerts topic
compared id by id with a replay of the same events. Prints one table per scenario: events in,
alerts out, lost, duplicated, and whether the alert set equals the replay's. Exit 1 when a
scenario broke a promise of its delivery mode.

Scenarios (default: all):
  undisturbed     the control: nothing done
  kill-9          kill -9 of a random service at random moments (--kills times), each restarted at once
  restore-interrupted
                  after the stream, per service: kill -9, the successor killed again while it
                  restores (seen midway on its /metrics), a third takes over
  zombie          two usage monitors; the first is frozen (SIGSTOP) past its session
                  timeout, its partitions move, then it wakes (SIGCONT): its late writes are fenced
  scale-1-3-1     1 → 3 → 1 instances of every service while the stream runs
  broker-restart  the broker stopped while the services work through the stream, started again
  broker-freeze   the broker frozen (SIGSTOP: connections open, nothing answered) for
                  --broker-frozen-ms while the services work through the stream; their consumers
                  stall and are replaced (CHURNWATCH_CONSUMER_STALL_MS=10000), the count is shown
  poison          corrupted copies of --poison-share of the usage events (13 kinds: bad JSON, wrong
                  types, truncation, unknown schema id, wrong magic byte, huge and oversized values,
                  garbage, wrong or missing key, future and past times, unknown version): each
                  dead-lettered with its reason; topic, metrics and inputs reconcile exactly
  soak            a backfill of the days the detection state holds, then --days more as a steady
                  undisturbed run of --soak-seconds (the rate follows from the events; --events is
                  not used); RSS, heap and lag of every instance sampled, charted (DIR/soak-<mode>.svg)
                  and checked for a trend after the first quarter: growth fails when its slope
                  interval lies wholly above zero over that span and again over its last half
                  (intervals wide enough that a flat run fails 1 % of the time); --quick judges
                  the heap after forced collections alone
  slow-downstream the notifier delivers to a webhook receiver that is healthy, then hangs, then
                  rate-limits (429, Retry-After), then answers garbage (500s, 200s with nonsense
                  bodies), then healthy again (--downstream-phase-ms each): every alert step is
                  delivered or given up, the alerts' latency holds, the notifier's lag shows the backlog;
                  its stream (quick: 40 customers' whole history; full: the last --events, else
                  60 000) is spread over the first four phases

Options (defaults of a full run; --quick shrinks them to about a minute per scenario):
  --quick                  small stream, fewer seconds of waiting
  --scenario LIST          scenarios to run, comma-separated
  --delivery LIST          at-least-once,exactly-once (default: both)
  --seed N                 7                  --customers N        200 (quick 20)
  --days N                 180 (quick 90)     --events N           keep the last N events (quick 4000)
  --rate N                 events/s produced  2000 (quick 400)
  --partitions N           3                  --kills N            10 (quick 5, at least 5)
  --broker-down-ms N       10000 (quick 5000) --zombie-frozen-ms N 12000
  --broker-frozen-ms N     30000 (quick 20000; above the 10 s stall)
  --poison-share X         0.01 (1 %)
  --soak-seconds N         1800 (quick 120)   --sample-ms N        soak sampling, 5000 (quick 1000)
  --downstream-phase-ms N  120000 (quick 10000)
  --out DIR                soak chart and samples (default results/chaos-<date>)
  --work-dir DIR           logs and events files (default: a new temporary folder)
  --keep-logs              keep the work folder (default: removed when every scenario passed)
  --scorer-order ORDER     event-time (default): the risk scorer holds the monitors' signals for its
                           usage clock (CHURNWATCH_CLOCK_INPUTS=on); arrival: it scores them as they come
  --help                   this text

--days and, in a full soak, its backfill of 180 days stay below the services' maximum event age
(CHURNWATCH_MAX_EVENT_AGE_DAYS, 400 by default): older events would be dead-lettered while the
replay reads them, so such a run is refused.
`;

const numberOf = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));
const listOf = (text: string | undefined): string[] | undefined => (text === undefined ? undefined : text.split(',').map((part) => part.trim()));

/**
 * Parses the command line once (throws ConfigError naming every bad field); `null` when --help was
 * asked for. `env` is what the services will inherit (their maximum event age bounds `--days`).
 */
export function parseChaosArgs(args: readonly string[], env: NodeJS.ProcessEnv = process.env): ChaosConfig | null {
  const { values } = parseArgs({
    args: [...args],
    options: {
      quick: { type: 'boolean', default: false },
      scenario: { type: 'string' },
      delivery: { type: 'string' },
      seed: { type: 'string' },
      customers: { type: 'string' },
      days: { type: 'string' },
      events: { type: 'string' },
      rate: { type: 'string' },
      partitions: { type: 'string' },
      kills: { type: 'string' },
      'broker-down-ms': { type: 'string' },
      'broker-frozen-ms': { type: 'string' },
      'zombie-frozen-ms': { type: 'string' },
      'poison-share': { type: 'string' },
      'soak-seconds': { type: 'string' },
      'sample-ms': { type: 'string' },
      'downstream-phase-ms': { type: 'string' },
      out: { type: 'string' },
      'work-dir': { type: 'string' },
      'keep-logs': { type: 'boolean', default: false },
      'scorer-order': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return null;
  const quick = values.quick;
  const candidate = {
    quick,
    scenarios: listOf(values.scenario) ?? [...scenarioNames],
    deliveries: listOf(values.delivery) ?? [...deliveryModes],
    seed: numberOf(values.seed) ?? 7,
    customers: numberOf(values.customers) ?? (quick ? 20 : 200),
    days: numberOf(values.days) ?? (quick ? 90 : 180),
    events: numberOf(values.events) ?? (quick ? 4_000 : undefined),
    eventsPerSecond: numberOf(values.rate) ?? (quick ? 400 : 2_000),
    partitions: numberOf(values.partitions) ?? 3,
    kills: numberOf(values.kills) ?? (quick ? 5 : 10),
    killGapMs: quick ? [1_500, 4_000] : [2_000, 8_000],
    zombieFrozenMs: numberOf(values['zombie-frozen-ms']) ?? 12_000,
    brokerDownMs: numberOf(values['broker-down-ms']) ?? (quick ? 5_000 : 10_000),
    brokerFrozenMs: numberOf(values['broker-frozen-ms']) ?? (quick ? 20_000 : 30_000),
    quietMs: 7_000,
    settleTimeoutMs: quick ? 180_000 : 900_000,
    poisonShare: numberOf(values['poison-share']) ?? 0.01,
    soakSeconds: numberOf(values['soak-seconds']) ?? (quick ? 120 : 1_800),
    sampleMs: numberOf(values['sample-ms']) ?? (quick ? 1_000 : 5_000),
    downstreamPhaseMs: numberOf(values['downstream-phase-ms']) ?? (quick ? 10_000 : 120_000),
    outDir: resolve(values.out ?? join(repoRoot, 'results', `chaos-${new Date().toISOString().slice(0, 10)}${quick ? '-quick' : ''}`)),
    workDir: values['work-dir'] ?? tmpdir(),
    keepLogs: values['keep-logs'] || values['work-dir'] !== undefined,
    scorerOrder: values['scorer-order'] ?? 'event-time',
  };
  const parsed = chaosConfigSchema.safeParse(candidate);
  if (!parsed.success)
    throw new ConfigError(
      './churnwatch chaos options',
      parsed.error.issues.map((issue) => `${issue.path.join('.') || 'options'}: ${issue.message}`),
    );
  const { days, scenarios } = parsed.data;
  const backfill = soakBackfillDays(quick, scenarios.includes('soak'));
  const maxAgeDays = servicesMaxEventAgeDays(env);
  // A day to spare: the oldest events age while the run lasts.
  const mostDays = maxAgeDays - 1 - backfill;
  if (days > mostDays) {
    const history = backfill > 0 ? `the soak's backfill of ${backfill} days and --days` : '--days';
    throw new ConfigError('./churnwatch chaos options', [
      `days: at most ${mostDays}: ${history} must stay within the services' maximum event age of ${maxAgeDays} days (CHURNWATCH_MAX_EVENT_AGE_DAYS); older events are dead-lettered while the replay reads them`,
    ]);
  }
  return parsed.data;
}
