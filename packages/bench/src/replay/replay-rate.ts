import { createReadStream } from 'node:fs';
import { benchDetectionConfig, decodeEventLine, detectionProcessorList, runReplay } from '@churnwatch/replay';
import { BenchError } from '../errors.ts';

export interface Rate {
  readonly events: number;
  readonly seconds: number;
}

/**
 * Replays the file through every detection processor, outputs dropped; events/s over the whole
 * file. One partition, and the default thresholds counting the quantity of `sessions` usage (the
 * metric of both stream shapes): without a metric every usage event counts 1, so a daily aggregate
 * would be a day with usage and nothing more, no decline to find.
 */
export async function replayRate(path: string): Promise<Rate> {
  const processors = detectionProcessorList(benchDetectionConfig());
  const started = performance.now();
  const { tally } = await runReplay({ path, format: 'events', processors, partitions: 1 }, { onOutputs: () => {}, onReject: () => {} });
  const seconds = (performance.now() - started) / 1000;
  const events = Object.values(tally.eventsByKind).reduce((sum, count) => sum + count, 0);
  if (tally.rejected > 0) throw new BenchError('BENCH_REPLAY_REJECTS', `${tally.rejected} lines of ${path} were rejected`, { path });
  return { events, seconds };
}

/**
 * The floor: the same file read in chunks, split into lines, each parsed and validated against its
 * contract (`decodeEventLine`, what the replay does per line) and nothing else.
 */
export async function parseAndValidateRate(path: string): Promise<Rate> {
  const started = performance.now();
  let events = 0;
  let rest = '';
  const take = (line: string) => {
    if (line.length === 0) return;
    const decoded = decodeEventLine(line);
    if (!decoded.ok) throw new BenchError('BENCH_FLOOR_REJECT', `a line of ${path} does not validate: ${decoded.message}`, { path });
    events++;
  };
  for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) take(line);
  }
  take(rest);
  return { events, seconds: (performance.now() - started) / 1000 };
}
