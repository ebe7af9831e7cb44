import { parseArgs } from 'node:util';
import { LocalKafka } from '@churnwatch/local-kafka';
import { Kafka, logLevel } from 'kafkajs';
import { countingRecord, createTopic, produce } from '../kafka/topics.ts';
import { bareKafkajsSeconds } from '../scenarios/bare-kafkajs.ts';
import { countingRestore, countingRuntimeSeconds } from '../scenarios/counting-runtime.ts';
import type { BenchCommand } from './bench-command.ts';

/**
 * Throughput of the stream runtime against a bare kafkajs consumer on the same topic, in one run;
 * exactly-once against at-least-once; and the time to restore the state of many customers from a
 * changelog. Prints figures, asserts nothing. Starts its own local broker unless --brokers is given.
 * `./churnwatch bench` runs this and everything else in one run and writes the results.
 */
export const benchRuntimeCommand: BenchCommand = {
  summary: 'benchmark: stream runtime vs bare kafkajs, exactly-once vs at-least-once, restore of 1M customers',
  async run(args) {
    const { values } = parseArgs({
      args,
      options: {
        records: { type: 'string', default: '200000' },
        customers: { type: 'string', default: '20000' },
        partitions: { type: 'string', default: '3' },
        'restore-customers': { type: 'string', default: '1000000' },
        brokers: { type: 'string' },
        help: { type: 'boolean' },
      },
    });
    if (values.help) {
      process.stdout.write(
        'usage: ./churnwatch bench-runtime [--records 200000] [--customers 20000] [--partitions 3] [--restore-customers 1000000] [--brokers host:port]\n\nThe stream runtime with a trivial processor against a bare kafkajs consumer on the same topic (a ratio), exactly-once\nagainst at-least-once, and the time to restore the state of --restore-customers customers. Starts its own broker unless --brokers is given.\n',
      );
      return 0;
    }
    const records = Number(values.records);
    const customers = Number(values.customers);
    const partitions = Number(values.partitions);
    const restoreCustomers = Number(values['restore-customers']);
    if (![records, customers, partitions, restoreCustomers].every((n) => Number.isInteger(n) && n > 0)) {
      process.stderr.write('usage: ./churnwatch bench-runtime [--records N] [--customers N] [--partitions N] [--restore-customers N] [--brokers host:port]\n');
      return 2;
    }
    const broker = values.brokers ? undefined : await LocalKafka.start();
    const brokers = values.brokers ? values.brokers.split(',') : [broker!.bootstrapServer];
    try {
      const kafka = new Kafka({ clientId: 'bench-runtime', brokers, logLevel: logLevel.NOTHING });
      const topic = `bench-runtime-${process.pid}-${Date.now()}`;
      await createTopic(kafka, topic, partitions);
      const startMs = Date.now() - 3_600_000;
      await produce(kafka, topic, records, (i) => countingRecord(i, customers, startMs));
      const line = (label: string, seconds: number) =>
        process.stdout.write(
          `${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s  ${Math.round(records / seconds)
            .toLocaleString('en-US')
            .padStart(10)} records/s\n`,
        );
      process.stdout.write(
        `${records.toLocaleString('en-US')} records, ${customers.toLocaleString('en-US')} customers, ${partitions} partitions, Kafka on ${brokers.join(',')}\n`,
      );
      const bare = await bareKafkajsSeconds(kafka, topic, records);
      line('bare kafkajs consumer (eachBatch, no work)', bare);
      const alo = await countingRuntimeSeconds(kafka, topic, records, 'at-least-once');
      line('runtime, trivial processor, at-least-once', alo);
      const eos = await countingRuntimeSeconds(kafka, topic, records, 'exactly-once');
      line('runtime, trivial processor, exactly-once', eos);
      process.stdout.write(`throughput runtime (at-least-once) / bare kafkajs: ${(bare / alo).toFixed(2)}\n`);
      process.stdout.write(`throughput exactly-once / at-least-once:          ${(alo / eos).toFixed(2)}\n`);
      const restored = await countingRestore(kafka, restoreCustomers);
      process.stdout.write(
        `restore of ${restoreCustomers.toLocaleString('en-US')} customers (one partition): ${restored.seconds.toFixed(2)} s, ${Math.round(restoreCustomers / restored.seconds).toLocaleString('en-US')} entries/s, heap +${Math.round(restored.heapMb)} MiB\n`,
      );
      return 0;
    } finally {
      await broker?.dispose();
    }
  },
};
