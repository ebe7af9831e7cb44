import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { RestoreProgress } from './changelog-reader.ts';

/** A gauge per partition under restore, read from `progress` at each scrape; no series while none runs. */
function restoreGauge(registry: Registry, name: string, help: string, progress: () => readonly RestoreProgress[], value: (p: RestoreProgress) => number) {
  return new Gauge({
    name,
    help,
    labelNames: ['partition'],
    registers: [registry],
    collect() {
      this.reset();
      for (const p of progress()) this.set({ partition: String(p.partition) }, value(p));
    },
  });
}

/** Where an assigned partition's processing has got to in event time. */
export interface PartitionStreamTime {
  readonly partition: number;
  /** −Infinity before the partition's first record. */
  readonly streamTimeMs: number;
}

/** What the gauges read at each scrape. */
export interface RuntimeGaugeSources {
  readonly storeEntries: () => number;
  readonly restoreProgress: () => readonly RestoreProgress[];
  readonly streamTimes: () => readonly PartitionStreamTime[];
}

/** The runtime's metrics, registered on the service's registry. Labels carry topics and partitions, never keys. */
export function createRuntimeMetrics(registry: Registry, sources: RuntimeGaugeSources) {
  const { storeEntries, restoreProgress, streamTimes } = sources;
  const registers = [registry];
  return {
    consumed: new Counter({ name: 'churnwatch_records_consumed_total', help: 'Input records taken from Kafka.', labelNames: ['topic'], registers }),
    processed: new Counter({ name: 'churnwatch_records_processed_total', help: 'Input records handed to the processor.', labelNames: ['topic'], registers }),
    outputs: new Counter({ name: 'churnwatch_outputs_produced_total', help: 'Output records made durable.', labelNames: ['topic'], registers }),
    deadLetters: new Counter({
      name: 'churnwatch_dead_letters_total',
      help: 'Input records sent to the dead-letter topic, by input topic and reason.',
      labelNames: ['topic', 'reason'],
      registers,
    }),
    duplicates: new Counter({
      name: 'churnwatch_duplicates_skipped_total',
      help: 'Input records skipped because their event id was already seen for the key.',
      labelNames: ['topic'],
      registers,
    }),
    timersFired: new Counter({
      name: 'churnwatch_timers_fired_total',
      help: 'Timers fired and committed, by what made them fire (stream time or the wall clock).',
      labelNames: ['clock'],
      registers,
    }),
    latency: new Histogram({
      name: 'churnwatch_processing_latency_seconds',
      help: 'From taking up a chunk of records or timers to its commit.',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    commitDuration: new Histogram({
      name: 'churnwatch_commit_duration_seconds',
      help: 'Time to write one commit (outputs, changelog records and input offsets); exactly once, one Kafka transaction from its start to the broker’s answer to its end.',
      labelNames: ['delivery'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    lag: new Gauge({
      name: 'churnwatch_consumer_lag_records',
      help: 'Records behind the end of an input partition.',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    restoreDuration: new Histogram({
      name: 'churnwatch_restore_duration_seconds',
      help: 'Time to restore one partition’s state from its changelog.',
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
      registers,
    }),
    writesWithheld: new Counter({
      name: 'churnwatch_writes_withheld_total',
      help: 'At-least-once sends and commits held back because a heartbeat was overdue: the group may have given the partition to another instance.',
      registers,
    }),
    restoredRecords: new Counter({ name: 'churnwatch_restored_records_total', help: 'Changelog records read by completed restores.', registers }),
    // Progress of the restores running now, so that one can be watched (and interrupted) midway.
    restoreAppliedRecords: restoreGauge(
      registry,
      'churnwatch_restore_applied_records',
      'Changelog records applied so far by the running restore of a partition.',
      restoreProgress,
      (p) => p.records,
    ),
    restoreRemainingOffsets: restoreGauge(
      registry,
      'churnwatch_restore_remaining_offsets',
      'Changelog offsets the running restore of a partition has still to read.',
      restoreProgress,
      (p) => p.remainingOffsets,
    ),
    storeEntries: new Gauge({
      name: 'churnwatch_store_entries',
      help: 'Keys held in the state stores of the assigned partitions.',
      registers,
      collect() {
        this.set(storeEntries());
      },
    }),
    assignedPartitions: new Gauge({ name: 'churnwatch_assigned_partitions', help: 'Input partitions this instance owns.', registers }),
    // time() minus this is how far behind the present a service's view of the stream is: hours or
    // days while a history is read, seconds once caught up; services far apart in it see one
    // customer's history at different moments.
    streamTime: new Gauge({
      name: 'churnwatch_stream_time_seconds',
      help: "The event time an assigned partition's processing has reached (its stream time: the highest event time seen), seconds since the epoch; no series before its first record.",
      labelNames: ['partition'],
      registers,
      collect() {
        this.reset();
        for (const { partition, streamTimeMs } of streamTimes()) {
          if (Number.isFinite(streamTimeMs)) this.set({ partition: String(partition) }, streamTimeMs / 1000);
        }
      },
    }),
    transactionsCommitted: new Counter({ name: 'churnwatch_transactions_committed_total', help: 'Kafka transactions committed (exactly-once).', registers }),
    transactionsAborted: new Counter({
      name: 'churnwatch_transactions_aborted_total',
      help: 'Kafka transactions aborted or of unknown outcome (exactly-once).',
      registers,
    }),
    deliveryFailures: new Counter({
      name: 'churnwatch_delivery_failures_total',
      help: 'Chunks whose outputs, changelog or offsets could not be made durable (the work is redone).',
      registers,
    }),
    partitionsStopped: new Counter({
      name: 'churnwatch_partitions_stopped_total',
      help: 'Partitions stopped for good because their state could not be restored (code STATE_CORRUPT: a changelog record that cannot be decoded).',
      labelNames: ['partition', 'code'],
      registers,
    }),
    consumerCrashes: new Counter({ name: 'churnwatch_consumer_crashes_total', help: 'kafkajs consumer crashes.', labelNames: ['restart'], registers }),
    consumerReplacements: new Counter({
      name: 'churnwatch_consumer_replacements_total',
      help: 'Consumers replaced by a new group member after showing no sign of life for CHURNWATCH_CONSUMER_STALL_MS.',
      registers,
    }),
  };
}

export type RuntimeMetrics = ReturnType<typeof createRuntimeMetrics>;
