import { runKafkaTool } from '@churnwatch/local-kafka';
import { BenchError } from '../errors.ts';

/**
 * Kafka's Java ConsumerPerformance on the topic: records/s from its `fetch.nMsg.sec` column,
 * which leaves out the group join, as the other consumers' clocks start at their first record.
 */
export async function consumerPerfRecordsPerSecond(bootstrap: string, topic: string, count: number): Promise<number> {
  const { code, output } = await runKafkaTool('consumer-perf', [
    '--bootstrap-server',
    bootstrap,
    '--topic',
    topic,
    '--num-records',
    String(count),
    '--group',
    `bench-consumer-perf-${process.pid}-${Date.now()}`,
    '--timeout',
    '60000',
  ]);
  const lines = output.split('\n').map((line) => line.trim());
  const headerIndex = lines.findIndex((line) => line.startsWith('start.time'));
  const header = lines[headerIndex]?.split(',').map((cell) => cell.trim());
  const values = lines[headerIndex + 1]?.split(',').map((cell) => cell.trim());
  const column = header?.indexOf('fetch.nMsg.sec') ?? -1;
  const rate = column >= 0 ? Number(values?.[column]) : Number.NaN;
  if (code !== 0 || !Number.isFinite(rate) || rate <= 0)
    throw new BenchError('BENCH_CONSUMER_PERF_FAILED', `ConsumerPerformance exited ${code}: ${output.slice(-800)}`, { code });
  return rate;
}
