import { countingRecord, createTopic, produce } from '../kafka/topics.ts';
import { bareKafkajsSeconds } from './bare-kafkajs.ts';
import { consumerPerfRecordsPerSecond } from './consumer-perf.ts';
import type { BenchContext } from './context.ts';
import { countingRuntimeSeconds } from './counting-runtime.ts';
import { ensurePeerBuilt, peerMissing, peerRecordsPerSecond } from './kstreams-peer.ts';

/**
 * Every consumer reads the same topic from offset 0, one after another: Kafka's Java
 * ConsumerPerformance (no work), bare kafkajs (no work), the Kafka Streams peer and the runtime,
 * both with a count and a sum per customer in a changelogged store, in both delivery modes.
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
    for (const mode of ['alo', 'eos'] as const) {
      const value = await peerRecordsPerSecond(config.peerDir, config.peerBuildDir, bootstrap, topic, config.records, mode);
      log.add({
        id: `throughput.peer-${mode}`,
        group,
        label: `Kafka Streams peer, count + sum, ${mode === 'alo' ? 'at-least-once' : 'exactly-once v2'}`,
        value,
        unit: 'records/s',
      });
    }
  }
  for (const [mode, delivery] of [
    ['alo', 'at-least-once'],
    ['eos', 'exactly-once'],
  ] as const) {
    const seconds = await countingRuntimeSeconds(kafka, topic, config.records, delivery);
    log.add({ id: `throughput.runtime-${mode}`, group, label: `churnwatch runtime, count + sum, ${delivery}`, value: perSecond(seconds), unit: 'records/s' });
  }
}
