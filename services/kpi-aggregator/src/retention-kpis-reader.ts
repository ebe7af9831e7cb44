import { hostname } from 'node:os';
import { type RetentionKpisV1, retentionKpisV1 } from '@churnwatch/detection';
import { consumerHealth } from '@churnwatch/service-shell';
import type { HealthProbe, Logger } from '@churnwatch/telemetry';
import type { Kafka } from 'kafkajs';
import type { KpiGauges } from './kpi-gauges.ts';

export interface RetentionKpisReaderOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  /** Prefix of the reader's own consumer group (one group per process: every instance reads every segment). */
  readonly groupPrefix: string;
  /** The bounded segment labels; snapshots of any other segment are not shown. */
  readonly segments: readonly string[];
  readonly gauges: KpiGauges;
  readonly logger: Logger;
}

export interface RetentionKpisReader {
  /** Alive until its consumer crashed for good; ready once it joined its group. */
  readonly health: HealthProbe;
  stop(): Promise<void>;
}

/**
 * Feeds the KPI gauges from the compacted retention-KPIs table: read from the beginning (the latest
 * snapshot per segment wins) and then followed, committed records only. It reads what the
 * aggregator made durable, so a snapshot of work that was rolled back never shows. Every instance
 * reads all partitions and shows every segment; aggregate across instances with max by (segment).
 */
export async function startRetentionKpisReader(options: RetentionKpisReaderOptions): Promise<RetentionKpisReader> {
  const { gauges, logger } = options;
  const allowed = new Set(options.segments);
  const consumer = options.kafka.consumer({ groupId: `${options.groupPrefix}.kpi-gauges.${hostname()}.${process.pid}`, readUncommitted: false });
  const health = consumerHealth(consumer);
  await consumer.connect();
  await consumer.subscribe({ topic: options.topic, fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ message }) => {
      const segment = message.key?.toString('utf8');
      if (segment === undefined || !allowed.has(segment)) {
        logger.warn({ segment }, 'retention KPIs of a segment outside the configured labels are not shown');
        return;
      }
      if (message.value === null) {
        gauges.drop(segment);
        return;
      }
      let snapshot: RetentionKpisV1;
      try {
        snapshot = retentionKpisV1.parse(JSON.parse(message.value.toString('utf8')));
      } catch (error) {
        logger.warn({ err: error, segment, offset: message.offset }, 'unreadable retention KPIs record; the gauges keep the previous snapshot');
        return;
      }
      gauges.show(snapshot);
    },
  });
  return { health, stop: () => consumer.disconnect() };
}
