import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createDetectionProcessors, detectionClockInputs, parseDetectionConfig } from '@churnwatch/detection';
import { isExternalInput } from '@churnwatch/detection-service-kit';
import { produceEvents, type SimulatedEvent } from '@churnwatch/simulator';
import type { ChaosConfig } from '../config.ts';
import { generateStream, splitAtPacedStart, writeEventsFile } from '../ground-truth/generated-stream.ts';
import { replayExpected } from '../ground-truth/replay-expected.ts';
import { createScenarioTopics, simulatorTopics, type TopicNames, topicVariables } from '../pipeline/detection-topics.ts';
import { describeGap, watchEventTimeGap } from '../pipeline/event-time-gap.ts';
import { type ReadRecord, readCommitted } from '../pipeline/read-committed.ts';
import { ServiceFleet } from '../pipeline/service-fleet.ts';
import { type ServiceInputs, waitUntilSettled } from '../pipeline/settle.ts';
import { brokenPromises, type Delivery, tallyAlerts } from '../report/alert-tally.ts';
import { healthTableBroken, tallyHealthTable } from '../report/health-table.ts';
import type { ScenarioResult } from '../report/scenario-result.ts';
import type { ChaosContext } from './chaos-context.ts';

const DAY_MS = 86_400_000;

/** The detection services in start order, the logical topics each one reads (its clock inputs too) and writes. */
export function detectionServices(): { service: string; inputs: string[]; outputs: readonly string[] }[] {
  const processors = createDetectionProcessors(parseDetectionConfig({}, 'the built-in detection configuration'));
  return Object.values(processors).map((processor) => ({
    service: processor.name,
    inputs: [...processor.inputs, ...(detectionClockInputs[processor.name] ?? [])],
    outputs: processor.outputs,
  }));
}

/** A scenario's live pipeline, handed to its disturbance while the stream is produced. */
export interface LiveRun {
  readonly context: ChaosContext;
  readonly fleet: ServiceFleet;
  readonly topics: TopicNames;
  readonly delivery: Delivery;
  readonly services: readonly string[];
  /** Seconds since the stream started, for the disturbance log. */
  elapsed(): string;
  /** Resolves once the whole stream is produced. */
  readonly produced: Promise<unknown>;
  /** The valid events being produced, in order. */
  readonly events: readonly SimulatedEvent[];
}

/** What a disturbance did, and what it checked itself. */
export interface DisturbanceReport {
  readonly disturbances: string[];
  readonly extra?: [string, string][];
  readonly failures?: string[];
}

export interface ScenarioSpec {
  readonly scenario: string;
  readonly delivery: Delivery;
  /** Runs while the stream is produced; must leave at least one instance of every service running. */
  disturb(run: LiveRun): Promise<DisturbanceReport>;
  /** After the pipeline settled, before the services stop: checks of the scenario's own (metrics, dead letters). */
  afterSettled?(run: LiveRun, outputs: { readonly deadLetters: readonly ReadRecord[] }): Promise<Omit<DisturbanceReport, 'disturbances'>>;
  /** How long nothing may move before the pipeline counts as settled, when not `config.quietMs`. */
  readonly quietMs?: number | ((config: ChaosConfig) => number);
  /** The stream, when not the configured one: how many customers, and how many of the history's last events (undefined: all). */
  stream?(config: ChaosConfig): ScenarioStream;
  /** The production rate, when the scenario sets it from the stream (default: the configured rate); `events` counts the paced ones. */
  eventsPerSecond?(config: ChaosConfig, events: number): number;
  /** Instances of a service started (and ready) before the stream begins; 1 for those not named. */
  readonly instances?: Readonly<Record<string, number>>;
  /** Variables on top of the defaults, for every instance. */
  readonly env?: Readonly<Record<string, string>> | ((config: ChaosConfig) => Readonly<Record<string, string>>);
  /** Every instance opens its inspector on a loopback port (ServiceFleet's `inspect`). */
  readonly inspect?: boolean;
  /**
   * False for a scenario that disturbs nothing upstream of the alerts topic (a slow notifier): its
   * promises are its own, and the alerts topic and the health table against the replay are shown
   * but judged by the scenarios that disturb the detection services. Default true.
   */
  readonly judgesAlertsAgainstReplay?: boolean;
}

export interface ScenarioStream {
  readonly customers: number;
  readonly events: number | undefined;
  /** Days of history, when not `config.days`. */
  readonly days?: number;
  /**
   * The history's first this many days are produced before the rest is paced, at
   * `leadInEventsPerSecond`: a backfill that leaves the services with state as full as a
   * long-running deployment's, so what the paced part measures is the steady state. Default 0.
   */
  readonly leadInDays?: number;
  /** The lead-in's rate; default: as fast as the broker takes it. */
  readonly leadInEventsPerSecond?: number;
}

/** Timings for a run that is disturbed on purpose: failures are noticed in seconds, not minutes. */
function serviceEnv(context: ChaosContext, topics: TopicNames, delivery: Delivery): Record<string, string> {
  return {
    ...topicVariables(topics),
    CHURNWATCH_KAFKA_BROKERS: context.bootstrap,
    CHURNWATCH_DELIVERY: delivery,
    CHURNWATCH_SESSION_TIMEOUT_MS: '6000',
    CHURNWATCH_HEARTBEAT_INTERVAL_MS: '1000',
    CHURNWATCH_WALL_CLOCK_CHECK_INTERVAL_MS: '200',
    // At-least-once repeats what was done since the last commit: a second's worth, so kills do repeat work.
    CHURNWATCH_COMMIT_INTERVAL_MS: delivery === 'exactly-once' ? '100' : '1000',
    CHURNWATCH_KAFKA_LOG_LEVEL: 'error',
    // On for every detection service: the monitors' default, the risk scorer's event-time order.
    ...(context.config.scorerOrder === 'event-time' ? { CHURNWATCH_CLOCK_INPUTS: 'on' } : {}),
  };
}

/**
 * One scenario end to end: fresh topics, one instance of every detection service, the generated
 * stream produced at the configured rate while `spec.disturb` runs, then (once the pipeline has
 * settled) the alerts topic read and compared id by id with a replay of the same events up to
 * that moment.
 */
export async function runScenario(context: ChaosContext, spec: ScenarioSpec): Promise<ScenarioResult> {
  const { config, kafka } = context;
  const startedMs = Date.now();
  const run = `chaos-${spec.scenario}-${spec.delivery}-${process.pid}-${startedMs}`;
  const topics = await createScenarioTopics(kafka, run, config.partitions);
  const stream: ScenarioStream = spec.stream?.(config) ?? { customers: config.customers, events: config.events };
  const days = stream.days ?? config.days;
  const events = generateStream({ seed: config.seed, customers: stream.customers, days, maxEvents: stream.events, endMs: startedMs });
  const { leadIn, paced } = stream.leadInDays ? splitAtPacedStart(events, startedMs - (days - stream.leadInDays) * DAY_MS) : { leadIn: [], paced: [...events] };
  const eventsFile = join(context.workDir, `${run}.jsonl`);
  await writeEventsFile(eventsFile, events);

  const services = detectionServices();
  const logDir = join(context.workDir, run);
  await mkdir(logDir);
  const env = typeof spec.env === 'function' ? spec.env(config) : spec.env;
  const fleet = new ServiceFleet({ run, env: { ...serviceEnv(context, topics, spec.delivery), ...env }, logDir, inspect: spec.inspect === true });
  let gapWatch: ReturnType<typeof watchEventTimeGap> | undefined;
  try {
    const first = [];
    for (const { service } of services) for (let i = 0; i < (spec.instances?.[service] ?? 1); i++) first.push(await fleet.start(service));
    await fleet.waitReady(first);
    const streamStartMs = Date.now();
    const monitors = services.filter(({ outputs }) => outputs.includes('signals')).map(({ service }) => service);
    gapWatch = watchEventTimeGap(fleet, monitors, streamStartMs);
    const produce = (part: readonly SimulatedEvent[], eventsPerSecond: number | undefined) =>
      part.length === 0 ? Promise.resolve(undefined) : produceEvents({ kafka, events: part, eventsPerSecond, topics: simulatorTopics(topics) });
    const produced = produce(leadIn, stream.leadInEventsPerSecond).then(() =>
      produce(paced, spec.eventsPerSecond?.(config, paced.length) ?? config.eventsPerSecond),
    );
    const live: LiveRun = {
      context,
      fleet,
      topics,
      delivery: spec.delivery,
      services: services.map(({ service }) => service),
      elapsed: () => `${((Date.now() - streamStartMs) / 1000).toFixed(1)} s`,
      produced,
      events,
    };
    const [, report] = await Promise.all([produced, spec.disturb(live)]);
    const inputs: ServiceInputs[] = services.map(({ service, inputs }) => ({
      service,
      topics: inputs.map((input) => topics[input as keyof TopicNames]),
    }));
    await waitUntilSettled(kafka, fleet, {
      services: inputs,
      externalTopics: new Set(
        Object.entries(topics)
          .filter(([name]) => isExternalInput(name as keyof TopicNames))
          .map(([, topic]) => topic),
      ),
      outputTopics: [topics.signals, topics.alerts, topics.customerHealth, topics.kpi, topics.retentionKpis, topics.deadLetters],
      partitions: config.partitions,
      quietMs: (typeof spec.quietMs === 'function' ? spec.quietMs(config) : spec.quietMs) ?? config.quietMs,
      timeoutMs: config.settleTimeoutMs,
    });
    const untilMs = Date.now();
    const widestGap = await gapWatch.stop();
    const observed = (await readCommitted(kafka, topics.alerts)).map((record) => ({
      headerId: record.id,
      eventId: String((JSON.parse(record.value) as { eventId?: unknown }).eventId),
      value: record.value,
    }));
    const healthRecords = await readCommitted(kafka, topics.customerHealth);
    const deadLetters = await readCommitted(kafka, topics.deadLetters);
    const checked = (await spec.afterSettled?.(live, { deadLetters })) ?? {};
    const inputEndMs = events.reduce((latest, event) => Math.max(latest, event.timeMs), Number.NEGATIVE_INFINITY);
    const expected = await replayExpected(eventsFile, config.partitions, untilMs, inputEndMs);
    const tally = tallyAlerts(observed, expected.alerts);
    const health = tallyHealthTable(
      healthRecords.map((record) => record.value),
      expected.finalHealth,
      inputEndMs,
    );
    // Both sides kept beside the logs, so a difference can be looked at alert by alert.
    await writeFile(join(context.workDir, `${run}.alerts-live.jsonl`), observed.map((alert) => `${alert.value}\n`).join(''));
    await writeFile(join(context.workDir, `${run}.alerts-replay.jsonl`), expected.alerts.map((alert) => `${alert.value}\n`).join(''));
    await writeFile(join(context.workDir, `${run}.health-live.jsonl`), healthRecords.map((record) => `${record.value}\n`).join(''));
    await writeFile(join(context.workDir, `${run}.health-replay.jsonl`), [...expected.finalHealth.values()].map((value) => `${value}\n`).join(''));
    await writeFile(join(context.workDir, `${run}.dead-letters.jsonl`), deadLetters.map((record) => `${record.value}\n`).join(''));
    return {
      scenario: spec.scenario,
      delivery: spec.delivery,
      eventsIn: events.length,
      tally,
      health,
      disturbances: report.disturbances,
      extra: [
        ['dead letters', String(deadLetters.length)],
        ["monitors' widest gap in event time", describeGap(widestGap)],
        ...(report.extra ?? []),
        ...(checked.extra ?? []),
      ],
      failures: [
        ...(spec.judgesAlertsAgainstReplay === false ? [] : [...brokenPromises(tally, spec.delivery), ...healthTableBroken(health)]),
        ...(report.failures ?? []),
        ...(checked.failures ?? []),
      ],
      seconds: (Date.now() - startedMs) / 1000,
    };
  } finally {
    await gapWatch?.stop();
    await fleet.stopAll();
  }
}
