import { countingRecord, createTopic, produce } from '../kafka/topics.ts';
import { median } from '../latency/percentiles.ts';
import { bareKafkajsSeconds } from './bare-kafkajs.ts';
import { consumerPerfRecordsPerSecond } from './consumer-perf.ts';
import type { BenchContext } from './context.ts';
import { countingRuntimeSeconds } from './counting-runtime.ts';
import { ensurePeerBuilt, peerMissing, peerRecordsPerSecond } from './kstreams-peer.ts';

/**
 * Every consumer reads the same topic from offset 0, one after another: Kafka's Java
 * ConsumerPerformance (no work), bare kafkajs (no work), the Kafka Streams peer and the runtime,
 * both with a count and a sum per customer in a changelogged store, in both delivery modes.
 * The peer and the runtime run `rounds` times, each mode's pair back to back; their ratio is
 * judged per round, since the broker and the machine drift between rounds as much as the two
 * sides differ.
 */
export async function runThroughput(context: BenchContext): Promise<void> {
  const { config, kafka, bootstrap, log, say } = context;
  const topic = `bench-throughput-${process.pid}-${Date.now()}`;
  await createTopic(kafka, topic, config.partitions);
  say(
    `filling ${topic}: ${config.records.toLocaleString('en-US')} records, ${config.customers.toLocaleString('en-US')} customers, ${config.partitions} partitions`,
  );
  const startMs = Date.now() - 3_600_000;
  await produce(kafka, topic, config.records, (i) => countingRecord(i, config.customers, startMs));
  const group = 'throughput';
  const perSecond = (seconds: number) => config.records / seconds;

  log.add({
    id: 'throughput.consumer-perf',
    group,
    label: "Kafka's Java ConsumerPerformance (no work)",
    value: await consumerPerfRecordsPerSecond(bootstrap, topic, config.records),
    unit: 'records/s',
  });
  log.add({
    id: 'throughput.kafkajs',
    group,
    label: 'bare kafkajs, eachBatch (no work)',
    value: perSecond(await bareKafkajsSeconds(kafka, topic, config.records)),
    unit: 'records/s',
  });

  const missing = peerMissing(config.peerDir);
  if (missing) {
    say(missing);
    log.skip('Kafka Streams peer (alo, eos)', missing);
  } else {
    say(`building the Kafka Streams peer into ${config.peerBuildDir} (once)`);
    await ensurePeerBuilt(config.peerDir, config.peerBuildDir);
  }
  const measure: Record<Side, (mode: Mode) => Promise<number>> = {
    peer: (mode) => peerRecordsPerSecond(config.peerDir, config.peerBuildDir, bootstrap, topic, config.records, mode),
    runtime: async (mode) => perSecond(await countingRuntimeSeconds(kafka, topic, config.records, deliveryOf[mode])),
  };
  const sides: readonly Side[] = missing ? ['runtime'] : ['peer', 'runtime'];
  const rounds = { peer: { alo: [], eos: [] }, runtime: { alo: [], eos: [] } } as Record<Side, Record<Mode, number[]>>;
  for (let round = 1; round <= config.rounds; round++) {
    if (config.rounds > 1) say(`throughput round ${round} of ${config.rounds}`);
    // The order alternates, so that neither side always runs on a broker warmed by the other.
    const order = round % 2 === 1 ? sides : [...sides].reverse();
    for (const mode of modes) for (const side of order) rounds[side][mode].push(await measure[side](mode));
  }
  for (const mode of modes) {
    for (const side of sides) {
      const label =
        side === 'peer'
          ? `Kafka Streams peer, count + sum, ${mode === 'alo' ? 'at-least-once' : 'exactly-once v2'}`
          : `churnwatch runtime, count + sum, ${deliveryOf[mode]}`;
      log.add({
        id: `throughput.${side}-${mode}`,
        group,
        label,
        value: median(rounds[side][mode]),
        unit: 'records/s',
        ...roundsNote(rounds[side][mode], 0),
      });
    }
    if (missing) continue;
    const paired = rounds.runtime[mode].map((runtime, i) => runtime / (rounds.peer[mode][i] as number));
    log.add({
      id: `throughput.paired-ratio-${mode}`,
      group,
      label: `runtime / Kafka Streams peer within a round, ${deliveryOf[mode]}`,
      value: median(paired),
      unit: '×',
      ...roundsNote(paired, 2),
    });
  }
}

type Side = 'peer' | 'runtime';
type Mode = 'alo' | 'eos';
const modes: readonly Mode[] = ['alo', 'eos'];
const deliveryOf = { alo: 'at-least-once', eos: 'exactly-once' } as const;

/** With more than one round, the row is their median and its note lists them all. */
function roundsNote(values: readonly number[], digits: number): { note?: string } {
  if (values.length < 2) return {};
  const each = values.map((value) => value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }));
  return { note: `median of ${values.length} rounds: ${each.join(', ')}` };
}
