import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DetectionConfig, parseDetectionConfig } from '@churnwatch/detection';
import { detectionProcessorList } from '../engine/detection-processors.ts';
import { readRecords } from '../input/record-source.ts';
import { runReplay } from '../run/replay-run.ts';
import { type BenchHistory, type HistoryShape, writeBenchHistory } from './bench-history.ts';

export interface ReplayThroughputOptions {
  readonly shape: HistoryShape;
  readonly customers: number;
  readonly days: number;
  /** Default 42. */
  readonly seed?: number;
  /** Where the history file is written (and removed afterwards); default a fresh folder in the system's temporary folder. */
  readonly workDir?: string;
  /** Default: the built-in thresholds counting the `sessions` metric, so both shapes measure the same usage. */
  readonly config?: DetectionConfig;
}

/**
 * One pass over the file. The rate is per second of this process's CPU time (user + system):
 * on a machine shared with other work, wall-clock time mostly measures the neighbours.
 */
export interface TimedPass {
  readonly cpuMs: number;
  readonly wallMs: number;
  /** Events per CPU second. */
  readonly eventsPerSecond: number;
}

export interface ReplayThroughput {
  readonly shape: HistoryShape;
  readonly customers: number;
  readonly days: number;
  readonly events: number;
  readonly fileBytes: number;
  /** Reading, JSON parsing and contract validation alone: the floor any replay of the file stands on. */
  readonly parse: TimedPass;
  /** The same reading and decoding plus every detection processor. */
  readonly replay: TimedPass;
  /** replay events/s ÷ parse events/s. */
  readonly ratio: number;
  readonly alerts: number;
}

export const benchDetectionConfig = (): DetectionConfig => parseDetectionConfig({ usageMetric: 'sessions' }, 'the replay benchmark configuration');

interface Stopwatch {
  readonly wallMs: number;
  readonly cpu: NodeJS.CpuUsage;
}

function start(): Stopwatch {
  return { wallMs: performance.now(), cpu: process.cpuUsage() };
}

function stop(watch: Stopwatch, events: number): TimedPass {
  const used = process.cpuUsage(watch.cpu);
  const cpuMs = (used.user + used.system) / 1000;
  return {
    cpuMs: Math.round(cpuMs),
    wallMs: Math.round(performance.now() - watch.wallMs),
    eventsPerSecond: Math.round((events * 1000) / Math.max(cpuMs, 1e-3)),
  };
}

/**
 * Generates a seeded history of the given shape and size, then times on that one file (a) the
 * decoding alone and (b) the full replay, in CPU time. Compare ratios measured in one run.
 */
export async function measureReplayThroughput(options: ReplayThroughputOptions): Promise<ReplayThroughput> {
  const history: BenchHistory = { shape: options.shape, customers: options.customers, days: options.days, seed: options.seed ?? 42 };
  const dir = options.workDir ?? (await mkdtemp(join(tmpdir(), 'churnwatch-replay-bench-')));
  const path = join(dir, `${history.shape}-${history.customers}c-${history.days}d-s${history.seed}.jsonl`);
  try {
    const events = await writeBenchHistory(history, path);
    let fileBytes = 0;
    let decoded = 0;
    const parseWatch = start();
    for await (const chunk of readRecords(path, 'events')) {
      for (const item of chunk.items) if (item.decoded.ok) decoded++;
      fileBytes = chunk.done;
    }
    const parse = stop(parseWatch, decoded);

    const processors = detectionProcessorList(options.config ?? benchDetectionConfig());
    let alerts = 0;
    const replayWatch = start();
    const result = await runReplay(
      { path, format: 'events', processors, partitions: 1 },
      {
        onOutputs(outputs) {
          for (const output of outputs) if (output.output === 'alerts') alerts++;
        },
        onReject() {},
      },
    );
    const replayed = Object.values(result.tally.eventsByKind).reduce((sum, count) => sum + count, 0);
    const replay = stop(replayWatch, replayed);
    return { ...history, events, fileBytes, parse, replay, ratio: replay.eventsPerSecond / parse.eventsPerSecond, alerts };
  } finally {
    if (options.workDir === undefined) await rm(dir, { recursive: true, force: true });
    else await rm(path, { force: true });
  }
}
