import type { DeliveryMode } from '@churnwatch/stream-runtime';
import type { Kafka, Message } from 'kafkajs';
import type { LatencyLoad } from '../config.ts';
import { waitUntil } from '../kafka/wait.ts';
import { backgroundComplaint, priorComplaints, triggerComplaint } from '../latency/complaint-load.ts';
import { histogramBound } from '../latency/histogram-bound.ts';
import { type HopTimes, hopsText } from '../latency/hops.ts';
import { percentile } from '../latency/percentiles.ts';
import { latencyRowId } from '../latency/row-id.ts';
import { backgroundUsage } from '../latency/usage-load.ts';
import { type BenchService, startServices, stopServices } from '../services/service-processes.ts';
import { createDetectionTopics, prefixedTopicNames, topicEnv } from '../services/service-topics.ts';
import type { BenchContext } from './context.ts';

/** Triggers per second inside the input rate: enough for a p99 over a short run, few enough to be the exception. */
const triggersPerSecond = 20;
const tickMs = 10;
/**
 * The background runs alone for this share of the run (at most 5 s) before the first trigger: its
 * first seconds introduce every background customer at once (each a first signal and health
 * record), a burst a running pipeline does not see.
 */
const warmUpShare = 0.25;
const maxWarmUpMs = 5_000;
const backgroundCustomers = 5_000;
const maxMessagesPerSend = 2_000;

interface LatencyRun {
  readonly latenciesMs: number[];
  /** The alerts whose complaint signal was read too, split into hops. */
  readonly hops: HopTimes[];
  readonly triggers: number;
  readonly sent: number;
  readonly seconds: number;
  /** Exactly once, per service, the 99th percentile of its transactions' durations (commitP99s). */
  readonly commitP99: string | null;
}

interface LoadTopics {
  readonly complaints: string;
  readonly usage: string;
}

/**
 * Sends `rate` events/s for `seconds` (a batch every 10 ms): the background `load`, and after the
 * warm-up a trigger (a critical complaint on a poor record) every 50 ms; records each trigger's
 * send instant.
 */
async function driveLoad(
  kafka: Kafka,
  topics: LoadTopics,
  load: LatencyLoad,
  run: string,
  rate: number,
  seconds: number,
  sentAt: Map<string, number>,
): Promise<{ sent: number; triggers: number; seconds: number }> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const warmUpMs = Math.min(maxWarmUpMs, warmUpShare * seconds * 1000);
    const started = performance.now();
    let sent = 0;
    let triggers = 0;
    for (;;) {
      const elapsedMs = performance.now() - started;
      if (elapsedMs >= seconds * 1000) break;
      // At most 2,000 (about 0.5 MB) a request: a producer that fell behind catches up over several.
      const due = Math.min(maxMessagesPerSend, Math.floor((rate * elapsedMs) / 1000) - sent);
      const dueTriggers = Math.floor((triggersPerSecond * Math.max(0, elapsedMs - warmUpMs)) / 1000) - triggers;
      if (due > 0 || dueTriggers > 0) {
        const nowMs = Date.now();
        const messages: Message[] = [];
        const background: Message[] = [];
        // Triggers go out on time, their five records counted in the rate; the background fills the rest.
        for (let t = 0; t < dueTriggers; t++) {
          const n = triggers++;
          const event = triggerComplaint(run, n, nowMs);
          sentAt.set(event.customerId, nowMs);
          // The record first, in the same partition (same key), so the critical complaint finds it.
          for (const prior of priorComplaints(run, n, nowMs)) messages.push({ key: event.customerId, value: JSON.stringify(prior) });
          messages.push({ key: event.customerId, value: JSON.stringify(event) });
        }
        const backgroundOf = load === 'usage' ? backgroundUsage : backgroundComplaint;
        for (let i = messages.length; i < due; i++) {
          const event = backgroundOf(sent + i, backgroundCustomers, nowMs);
          background.push({ key: event.customerId, value: JSON.stringify(event) });
        }
        const backgroundTopic = load === 'usage' ? topics.usage : topics.complaints;
        const topicMessages = [
          { topic: topics.complaints, messages },
          { topic: backgroundTopic, messages: background },
        ];
        await producer.sendBatch({ topicMessages: topicMessages.filter((batch) => batch.messages.length > 0) });
        sent += messages.length + background.length;
      }
      await new Promise((resolve) => setTimeout(resolve, tickMs));
    }
    return { sent, triggers, seconds: (performance.now() - started) / 1000 };
  } finally {
    await producer.disconnect();
  }
}

/**
 * Each service's 99th percentile of the time its transactions took, from start to the broker's
 * answer to their end, as the upper bound of its histogram bucket (/metrics): each alert waits for
 * two of them, the complaint monitor's and the risk scorer's.
 */
async function commitP99s(services: readonly BenchService[]): Promise<string> {
  const bounds = await Promise.all(
    services.map(async ({ name, metricsPort }) => {
      const text = await fetch(`http://127.0.0.1:${metricsPort}/metrics`).then(
        (response) => response.text(),
        () => '',
      );
      const bound = histogramBound(text, 'churnwatch_commit_duration_seconds', 0.99, (labels) => labels.includes('delivery="exactly-once"'));
      return `${name} ${bound === null ? 'none' : bound === Number.POSITIVE_INFINITY ? '> 10 s' : `≤ ${Math.round(bound * 1000)} ms`}`;
    }),
  );
  return bounds.join(', ');
}

/** The services a load needs: the trigger's path (complaint monitor, risk scorer), and the usage monitor for usage. */
const servicesOf = (load: LatencyLoad) => (load === 'usage' ? ['usage-monitor', 'complaint-monitor', 'risk-scorer'] : ['complaint-monitor', 'risk-scorer']);

/** One load at one rate in one mode: its services as processes, a reader of the alerts topic (read committed). */
async function measure(context: BenchContext, load: LatencyLoad, delivery: DeliveryMode, rate: number): Promise<LatencyRun> {
  const { config, kafka, workDir, say } = context;
  const run = `${load}-${delivery === 'exactly-once' ? 'eos' : 'alo'}-${rate}-${Date.now()}`;
  const prefix = `bench-latency-${process.pid}-${run}`;
  const names = prefixedTopicNames(prefix);
  await createDetectionTopics(kafka, names, config.partitions);
  say('    topics created; the alerts reader joins');
  const sentAt = new Map<string, number>();
  const latenciesMs: number[] = [];
  const hops: HopTimes[] = [];
  const seen = new Set<string>();
  /** When each trigger customer's first complaints signal was written (its record timestamp). */
  const signalWrittenAt = new Map<string, number>();
  const reader = kafka.consumer({ groupId: `${prefix}-alerts`, maxWaitTimeInMs: 10 });
  await reader.connect();
  const joined = new Promise<void>((resolve) => reader.on(reader.events.GROUP_JOIN, () => resolve()));
  await reader.subscribe({ topics: [names.alerts, names.signals], fromBeginning: true });
  await reader.run({
    eachMessage: async ({ topic, message }) => {
      const arrivedMs = Date.now();
      // Both topics are keyed by customer: the background's records are passed over unparsed.
      const key = message.key?.toString('utf8');
      const sentMs = key === undefined ? undefined : sentAt.get(key);
      if (key === undefined || sentMs === undefined) return;
      const value = JSON.parse(message.value?.toString('utf8') ?? '{}') as { kind?: string; concern?: string };
      if (topic === names.signals) {
        if (value.concern === 'complaints' && !signalWrittenAt.has(key)) signalWrittenAt.set(key, Number(message.timestamp));
        return;
      }
      if (value.kind !== 'complaint_escalation' || seen.has(key)) return;
      seen.add(key);
      latenciesMs.push(arrivedMs - sentMs);
      const signalWrittenMs = signalWrittenAt.get(key);
      if (signalWrittenMs !== undefined) hops.push({ sentMs, signalWrittenMs, alertWrittenMs: Number(message.timestamp), alertReadMs: arrivedMs });
    },
  });
  let joinedYet = false;
  void joined.then(() => {
    joinedYet = true;
  });
  await waitUntil(() => joinedYet, 600_000, 'the alerts reader to join its group', 100);
  say(`    starting ${servicesOf(load).join(', ')}`);
  const services = await startServices(context.bootstrap, servicesOf(load), { ...topicEnv(names), CHURNWATCH_DELIVERY: delivery }, prefix, workDir);
  try {
    const sent = await driveLoad(kafka, names, load, run, rate, config.latencySeconds, sentAt);
    // The last triggers' alerts: wait until all arrived, or 20 s.
    const deadline = Date.now() + 20_000;
    while (latenciesMs.length < sent.triggers && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    return { latenciesMs: [...latenciesMs], hops: [...hops], ...sent, commitP99: delivery === 'exactly-once' ? await commitP99s(services) : null };
  } finally {
    await stopServices(services);
    await reader.disconnect();
  }
}

/**
 * Event-to-alert latency: from the moment a critical complaint is handed to the producer to the
 * moment its complaint_escalation alert is read from the alerts topic, through two services (the
 * complaint monitor, then the risk scorer), at fixed input rates, in both delivery modes, beside
 * each background load: usage (as a live stream mostly is), or complaints (each of which changes
 * a signal and a health record: the worst case for the trigger's two services).
 */
export async function runLatency(context: BenchContext): Promise<void> {
  const { config, log, say } = context;
  for (const load of config.latencyLoads) {
    for (const [mode, delivery] of [
      ['alo', 'at-least-once'],
      ['eos', 'exactly-once'],
    ] as const) {
      for (const rate of config.latencyRates) {
        say(`  ${load} background, ${delivery}, ${rate.toLocaleString('en-US')} events/s for ${config.latencySeconds} s`);
        const measured = await measure(context, load, delivery, rate);
        const hops = hopsText(measured.hops);
        const note = `${measured.latenciesMs.length} of ${measured.triggers} alerts; input ${Math.round(measured.sent / measured.seconds).toLocaleString('en-US')} events/s achieved${hops === '' ? '' : `; ${hops}`}${measured.commitP99 === null ? '' : `; transaction p99 ${measured.commitP99}`}`;
        for (const p of [50, 95, 99] as const) {
          log.add({
            id: latencyRowId(load, mode, rate, p),
            group: 'latency',
            label: `event-to-alert p${p}, ${rate.toLocaleString('en-US')} events/s, ${load} background, ${delivery}`,
            value: percentile(measured.latenciesMs, p),
            unit: 'ms',
            ...(p === 99 ? { note } : {}),
          });
        }
      }
    }
  }
}
