import { type PoisonMessage, poison, poisonKinds } from '../ground-truth/poison.ts';
import { produceSpread } from '../pipeline/produce-raw.ts';
import { metricSum, scrapeMetrics } from '../pipeline/service-metrics.ts';
import type { Delivery } from '../report/alert-tally.ts';
import type { ScenarioSpec } from './live-run.ts';

const maxValueBytes = 4096;

/** Counts per key, for comparing tallies. */
function countBy<T>(items: readonly T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return counts;
}

const same = (a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>) => a.size === b.size && [...a].every(([key, count]) => b.get(key) === count);

const show = (counts: ReadonlyMap<string, number>) =>
  [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, count]) => `${key} ${count}`)
    .join(', ');

/**
 * Poison at scale: beside the valid stream, corrupted copies of `config.poisonShare` of the usage
 * events (every kind in `poisonKinds` in turn: bad JSON, wrong types, truncation, unknown schema
 * id, wrong magic byte, huge values, oversized values, binary garbage, wrong or missing key,
 * future and past event times, unknown version). Every valid event must be processed (the alerts
 * equal the replay of the valid stream), every corrupted one dead-lettered with its reason, and
 * the counts reconcile exactly: dead letters by reason on the topic = injected by reason = the
 * usage monitor's `churnwatch_dead_letters_total`; consumed = processed + dead-lettered.
 */
export function poisonScenario(delivery: Delivery): ScenarioSpec {
  let injected: PoisonMessage[] = [];
  return {
    scenario: 'poison',
    delivery,
    env: { CHURNWATCH_MAX_VALUE_BYTES: String(maxValueBytes) },
    async disturb(run) {
      const { config, random, kafka } = run.context;
      const usage = run.events.filter((event) => event.kind === 'usage');
      const nowMs = Date.now();
      injected = usage
        .filter(() => random.next() < config.poisonShare)
        .map((event, i) =>
          poison(poisonKinds[i % poisonKinds.length] ?? 'bad-json', event.value as unknown as Record<string, unknown>, { random, nowMs, maxValueBytes }),
        );
      const durationMs = (run.events.length / config.eventsPerSecond) * 1000;
      await produceSpread(kafka, run.topics.usage, injected, durationMs);
      return {
        disturbances: [`${run.elapsed()}: ${injected.length} corrupted usage records sent beside ${usage.length} valid ones`],
        extra: [['poison injected', String(injected.length)]],
      };
    },
    async afterSettled(run, { deadLetters }) {
      const failures: string[] = [];
      const expected = countBy(injected, (message) => message.reason);
      const parsed = deadLetters.map((record) => JSON.parse(record.value) as { reason: string; source: { topic: string }; consumer: string });
      const onTopic = countBy(parsed, (letter) => letter.reason);
      if (!same(onTopic, expected)) failures.push(`dead letters by reason ${show(onTopic)}; injected ${show(expected)}`);
      const elsewhere = parsed.filter((letter) => letter.source.topic !== run.topics.usage || letter.consumer !== 'usage-monitor').length;
      if (elsewhere > 0) failures.push(`${elsewhere} dead letter(s) not from the usage monitor on the usage topic`);
      const [monitor] = run.fleet.running('usage-monitor');
      const metrics = (monitor && (await scrapeMetrics(monitor.metricsPort))) ?? '';
      const topic = { topic: run.topics.usage };
      const counted = new Map([...expected.keys()].map((reason) => [reason, metricSum(metrics, 'churnwatch_dead_letters_total', { ...topic, reason })]));
      const countedTotal = metricSum(metrics, 'churnwatch_dead_letters_total');
      if (!same(counted, expected) || countedTotal !== injected.length) failures.push(`churnwatch_dead_letters_total ${show(counted)} (total ${countedTotal})`);
      const valid = run.events.filter((event) => event.kind === 'usage').length;
      const consumed = metricSum(metrics, 'churnwatch_records_consumed_total', topic);
      const processed = metricSum(metrics, 'churnwatch_records_processed_total', topic);
      if (processed !== valid) failures.push(`usage records processed ${processed}, valid ${valid}`);
      if (consumed !== valid + injected.length) failures.push(`usage records consumed ${consumed}, sent ${valid + injected.length}`);
      return {
        extra: [
          ['dead letters by reason', show(onTopic)],
          ['usage consumed = processed + dead-lettered', `${consumed} = ${processed} + ${countedTotal}`],
        ],
        failures,
      };
    },
  };
}
