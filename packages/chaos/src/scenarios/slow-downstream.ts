import { randomBytes } from 'node:crypto';
import type { Kafka } from 'kafkajs';
import type { ChaosConfig } from '../config.ts';
import { type NotifierReading, readNotifier } from '../downstream/notifier-readings.ts';
import { type DownstreamPhase, downstreamPhases } from '../downstream/receiver-phases.ts';
import { WebhookReceiver } from '../downstream/webhook-receiver.ts';
import { simulatorTopics } from '../pipeline/detection-topics.ts';
import { readCommitted } from '../pipeline/read-committed.ts';
import type { ServiceInstance } from '../pipeline/service-fleet.ts';
import { type AlertLatency, alertLatencies, healthRowLatencies, latencyWindow } from '../report/alert-latency.ts';
import type { Delivery } from '../report/alert-tally.ts';
import { tallyNotifications } from '../report/notification-tally.ts';
import type { LiveRun, ScenarioSpec } from './live-run.ts';
import { sleep } from './pick.ts';

/** The notifier's one route: every alert step goes to the receiver. */
const route = 'hook';

/**
 * A full run's stream: the history's last this many events, enough to keep alert steps coming
 * through four phases of minutes; the whole history (271 387 events) is where live and replay are
 * known to differ (see docs/guarantees.md), which is not what this scenario is about.
 */
const fullRunEvents = 60_000;

/** Latencies needed on each side of the fault's start before their p99s are compared. */
const minLatencies = 5;

/** After the backlog is gone, how long no attempt may fail for the failures to count as back to zero. */
const quietAfterDrainMs = 5_000;

const phaseText: Record<DownstreamPhase, string> = {
  healthy: 'healthy (200)',
  hang: 'hangs (takes requests, never answers)',
  'rate-limit': 'rate-limits (one a second, else 429 with Retry-After: 1)',
  garbage: 'answers garbage (500, then 200 with a nonsense body, in turn)',
};

/** Quick runs have phases of seconds: the notifier gives up within one. A full run keeps its defaults (10 s timeout, 6 attempts, 0.5–30 s backoff). */
function notifierEnv(config: ChaosConfig, url: string, failedTopic: string): Record<string, string> {
  return {
    CHURNWATCH_NOTIFIER_ROUTES: JSON.stringify([{ name: route, channel: 'webhook', url }]),
    // Signed, so every request carries a webhook-id: the same on every retry and redelivery.
    CHURNWATCH_NOTIFIER_SIGNING_SECRETS: JSON.stringify({ [route]: [`whsec_${randomBytes(24).toString('base64')}`] }),
    CHURNWATCH_TOPIC_FAILED_NOTIFICATIONS: failedTopic,
    ...(config.quick
      ? {
          CHURNWATCH_NOTIFIER_REQUEST_TIMEOUT_MS: '1000',
          CHURNWATCH_NOTIFIER_MAX_ATTEMPTS: '4',
          CHURNWATCH_NOTIFIER_INITIAL_BACKOFF_MS: '100',
          CHURNWATCH_NOTIFIER_MAX_BACKOFF_MS: '1000',
        }
      : {}),
  };
}

async function createTopic(kafka: Kafka, topic: string, partitions: number): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
}

/** Reads the notifier every second for `ms`; the highest lag seen and the last reading. */
async function watch(notifier: ServiceInstance, ms: number): Promise<{ maxLag: number; last?: NotifierReading }> {
  const until = Date.now() + ms;
  let maxLag = 0;
  let last: NotifierReading | undefined;
  while (Date.now() < until) {
    last = (await readNotifier(notifier.metricsPort, route)) ?? last;
    maxLag = Math.max(maxLag, last?.lag ?? 0);
    await sleep(Math.min(1_000, Math.max(0, until - Date.now())));
  }
  return { maxLag, ...(last ? { last } : {}) };
}

/** Waits until the route's lag is 0; the reading then, and how long it took. */
async function drained(notifier: ServiceInstance, timeoutMs: number): Promise<{ reading?: NotifierReading; ms: number }> {
  const started = Date.now();
  for (;;) {
    const reading = await readNotifier(notifier.metricsPort, route);
    if (reading?.lag === 0 || Date.now() - started > timeoutMs) return { ...(reading ? { reading } : {}), ms: Date.now() - started };
    await sleep(500);
  }
}

const ms = (value: number) => (Number.isNaN(value) ? '-' : `${Math.round(value)}`);

/**
 * A slow and failing downstream: the notifier (a process, one webhook route) delivers every alert
 * step to a real HTTP receiver in this process that is healthy, then hangs, then rate-limits, then
 * answers garbage, then is healthy again, `config.downstreamPhaseMs` each, while the stream runs.
 * Promises checked: every alert step on the alerts topic is delivered or given up (written to the
 * failed-notifications topic), none lost; the alerts topic's event-to-alert latency during the
 * fault stays near the one before it (the detection services do not wait for the notifier); the
 * notifier's lag and failed attempts show the backlog during the fault, and after recovery the lag
 * is back to 0 and no attempt fails.
 */
export function slowDownstreamScenario(delivery: Delivery): ScenarioSpec {
  let receiver: WebhookReceiver | undefined;
  let notifier: ServiceInstance | undefined;
  let failedTopic = '';
  let healthyFromMs = 0;
  let faultFromMs = 0;
  let recoveredAtMs = 0;
  let fault = { maxLag: 0, failedAttempts: 0, givenUp: 0 };
  /** Watches the lag from the recovery on, while the pipeline settles. */
  let drain: Promise<{ reading?: NotifierReading; ms: number }> | undefined;

  /** An output's latency before the fault and during it: the table rows, and a failure when it rose past twice the one before plus 1 s. */
  function compareLatency(what: string, latencies: readonly AlertLatency[]) {
    const before = latencyWindow(latencies, healthyFromMs, faultFromMs);
    const during = latencyWindow(latencies, faultFromMs, recoveredAtMs);
    const judged = before.count >= minLatencies && during.count >= minLatencies;
    const rows: [string, string][] = [
      [`${what} latency before the fault p50/p99 ms (n)`, `${ms(before.p50Ms)}/${ms(before.p99Ms)} (${before.count})`],
      [
        `${what} latency during the fault p50/p99 ms (n)`,
        `${ms(during.p50Ms)}/${ms(during.p99Ms)} (${during.count})${judged ? '' : `, not judged: fewer than ${minLatencies} on a side`}`,
      ],
    ];
    const rose = judged && during.p99Ms > 2 * before.p99Ms + 1_000;
    return { rows, failure: rose ? `the ${what} p99 latency rose from ${ms(before.p99Ms)} ms to ${ms(during.p99Ms)} ms during the fault` : undefined };
  }

  async function settleNotifier(run: LiveRun) {
    const { kafka } = run.context;
    if (receiver === undefined || notifier === undefined || drain === undefined) return { failures: ['the notifier never started'] };
    const { reading: recovered, ms: drainMs } = await drain;
    await sleep(quietAfterDrainMs);
    const later = await readNotifier(notifier.metricsPort, route);
    const failuresAfter = later && recovered ? later.failedAttempts - recovered.failedAttempts : Number.NaN;

    const alerts = await readCommitted(kafka, run.topics.alerts);
    const givenUp = (await readCommitted(kafka, failedTopic)).map((record) => JSON.parse(record.value) as { route: string; alertEventId: string | null });
    const stepOf = (webhookId: string) => webhookId.slice(0, webhookId.lastIndexOf('/'));
    const acknowledged = receiver.requests.filter((request) => typeof request.outcome === 'number' && request.outcome < 300);
    const tally = tallyNotifications(
      alerts.map((record) => record.id),
      acknowledged.map((request) => stepOf(request.webhookId)),
      givenUp.filter((failure) => failure.route === route).flatMap((failure) => (failure.alertEventId === null ? [] : [failure.alertEventId])),
    );
    // NPS answers are left out: one takes effect when the customer's clock reaches its time, so what it
    // changes is written by a timer at the customer's next signal, seconds of a paced stream later.
    const { feedback: _answers, ...causes } = simulatorTopics(run.topics);
    const inputs = (await Promise.all([...new Set(Object.values(causes))].map((topic) => readCommitted(kafka, topic)))).flat();
    const healthRows = await readCommitted(kafka, run.topics.customerHealth);
    // The detection services do not wait for the notifier: their latency may vary with the machine, not with the fault.
    const latency = [compareLatency('alert', alertLatencies(inputs, alerts)), compareLatency('health-table', healthRowLatencies(inputs, healthRows))];
    const byPhase = downstreamPhases.map((phase) => {
      const outcomes = new Map<string, number>();
      for (const request of receiver?.requests ?? [])
        if (request.phase === phase) outcomes.set(String(request.outcome), (outcomes.get(String(request.outcome)) ?? 0) + 1);
      return [phase, outcomes] as const;
    });
    await receiver.close();

    const failures: string[] = [];
    if (tally.unaccounted > 0) failures.push(`${tally.unaccounted} alert step(s) neither delivered nor given up`);
    if (tally.unknown > 0) failures.push(`${tally.unknown} delivery(ies) of no alert step on the topic`);
    for (const [phase, outcomes] of byPhase)
      if (outcomes.size === 0) failures.push(`no request reached the receiver while it ${phase === 'healthy' ? 'was healthy' : phaseText[phase]}`);
    if (fault.maxLag === 0) failures.push('the notifier’s lag never showed the backlog during the fault');
    if (fault.failedAttempts === 0) failures.push('the notifier counted no failed attempt during the fault');
    if (recovered?.lag !== 0) failures.push(`the notifier’s lag did not return to 0 (${recovered?.lag ?? 'no reading'})`);
    if (failuresAfter !== 0) failures.push(`${failuresAfter} attempt(s) failed after recovery`);
    for (const { failure } of latency) if (failure !== undefined) failures.push(failure);

    const extra: [string, string][] = [
      ['alert steps on the alerts topic', String(tally.alertSteps)],
      ['delivered (distinct webhook ids acknowledged)', String(tally.delivered)],
      ['given up (failed-notifications topic)', String(tally.givenUp)],
      ['delivered and also given up', String(tally.both)],
      ['neither delivered nor given up', String(tally.unaccounted)],
      ['repeated deliveries (same webhook id)', String(tally.repeats)],
      ...byPhase.map(([phase, outcomes]): [string, string] => [
        `receiver requests, ${phase}`,
        [...outcomes].map(([outcome, n]) => `${n}×${outcome}`).join(' ') || '0',
      ]),
      ...latency.flatMap(({ rows }) => rows),
      ['notifier lag during the fault (highest)', String(fault.maxLag)],
      ['notifier failed attempts / given up during the fault', `${fault.failedAttempts} / ${fault.givenUp}`],
      ['notifier lag after recovery', String(recovered?.lag ?? '-')],
      ['seconds from recovery to lag 0', (drainMs / 1000).toFixed(1)],
      [`notifier failed attempts in the ${quietAfterDrainMs / 1000} s after`, ms(failuresAfter)],
    ];
    return { extra, failures };
  }

  return {
    scenario: 'slow-downstream',
    delivery,
    // The notifier reads the alerts topic and writes nothing the detection services read: what it
    // can lose is deliveries, counted against the topic itself. How the topic compares with the
    // replay (a history this fast can differ by a few steps, docs/guarantees.md) is shown only.
    judgesAlertsAgainstReplay: false,
    // Alert steps must keep coming through every phase: a quick run's usual stream (20 customers'
    // last 4 000 events) holds a few, and a few weeks of history may hold none (complaints escalate
    // only on a record of them). The whole 90 days of 40 customers (about 34 000 events) hold 55 or
    // so of every kind, spread over the stream, whatever day the history ends on.
    stream: (config) => (config.quick ? { customers: 40, events: undefined } : { customers: config.customers, events: config.events ?? fullRunEvents }),
    // The stream lasts through the healthy phase and the three faults.
    eventsPerSecond: (config, events) => Math.max(1, Math.ceil(events / ((downstreamPhases.length * config.downstreamPhaseMs) / 1000))),
    async disturb(run) {
      const { config, kafka } = run.context;
      receiver = await WebhookReceiver.start();
      failedTopic = `${run.fleet.applicationId('notifier')}.failed-notifications`;
      await createTopic(kafka, failedTopic, config.partitions);
      notifier = await run.fleet.start('notifier', notifierEnv(config, receiver.url, failedTopic));
      await run.fleet.waitReady([notifier]);
      const disturbances = [`${run.elapsed()}: ${notifier.label} ready, one webhook route to the receiver`];
      healthyFromMs = Date.now();
      let atFaultStart: NotifierReading | undefined;
      let maxLag = 0;
      let last: NotifierReading | undefined;
      for (const phase of downstreamPhases) {
        receiver.phase = phase;
        disturbances.push(`${run.elapsed()}: the receiver ${phaseText[phase]}`);
        if (phase !== 'healthy' && faultFromMs === 0) {
          faultFromMs = Date.now();
          atFaultStart = await readNotifier(notifier.metricsPort, route);
        }
        const watched = await watch(notifier, config.downstreamPhaseMs);
        if (phase !== 'healthy') maxLag = Math.max(maxLag, watched.maxLag);
        last = watched.last ?? last;
      }
      receiver.phase = 'healthy';
      recoveredAtMs = Date.now();
      drain = drained(notifier, config.settleTimeoutMs);
      disturbances.push(`${run.elapsed()}: the receiver ${phaseText.healthy} again`);
      fault = {
        maxLag,
        failedAttempts: (last?.failedAttempts ?? 0) - (atFaultStart?.failedAttempts ?? 0),
        givenUp: (last?.givenUp ?? 0) - (atFaultStart?.givenUp ?? 0),
      };
      return { disturbances };
    },
    afterSettled: (run) => settleNotifier(run),
  };
}
