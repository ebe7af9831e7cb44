import type { AnyProcessor, EmittedOutput } from '@churnwatch/stream-runtime';
import { createReplayEngine } from '../engine/replay-engine.ts';
import type { RejectReason } from '../input/decode-line.ts';
import { type InputFormat, readRecords } from '../input/record-source.ts';
import { countOutputs, createTally, type ReplayTally } from './tally.ts';

/** The outputs a replay writes: the two output topics of churnwatch. */
export const replayedOutputs = ['alerts', 'customerHealth'] as const;

export interface RejectedLine {
  readonly lineNumber: number;
  readonly line: string;
  readonly reason: RejectReason;
  readonly message: string;
}

export interface ReplayRunOptions {
  readonly path: string;
  readonly format: InputFormat;
  readonly processors: readonly AnyProcessor[];
  readonly partitions: number;
  /** Last instant replayed (inclusive), ms; later records are counted, not replayed; stream time ends here. */
  readonly untilMs?: number;
  /** Events further than this ahead of the stream time are rejected, ms (default: 7 days). */
  readonly maxAheadMs?: number;
}

export interface ReplayRunHooks {
  /** Outputs in their final order, a step at a time. Awaited, so a writer can apply back-pressure. */
  readonly onOutputs: (outputs: readonly EmittedOutput[]) => void | Promise<void>;
  readonly onReject: (rejected: RejectedLine) => void | Promise<void>;
  /** After each chunk of lines: `done` of `total` (bytes, or rows for CDNOW). */
  readonly onProgress?: (done: number, total: number, tally: ReplayTally) => void;
}

export interface ReplayRunResult {
  readonly tally: ReplayTally;
  /** Where stream time ended, ms (the last event time, or `untilMs`); null when nothing was replayed and no end was given. */
  readonly endMs: number | null;
}

/**
 * Replays a file through the processors (see `createReplayEngine`): each line decoded and
 * checked, bad ones handed to `onReject` and counted while the rest goes on, outputs handed to
 * `onOutputs`. The only I/O is reading the file; writing is the hooks' business.
 */
export async function runReplay(options: ReplayRunOptions, hooks: ReplayRunHooks): Promise<ReplayRunResult> {
  const engine = createReplayEngine({ processors: options.processors, partitions: options.partitions, outputs: replayedOutputs });
  const tally = createTally();
  const untilMs = options.untilMs ?? Number.POSITIVE_INFINITY;
  const deliver = async (outputs: EmittedOutput[]) => {
    if (outputs.length === 0) return;
    countOutputs(tally, outputs);
    await hooks.onOutputs(outputs);
  };

  for await (const chunk of readRecords(options.path, options.format, options.maxAheadMs)) {
    let released: EmittedOutput[] = [];
    for (const { lineNumber, line, decoded } of chunk.items) {
      tally.linesRead++;
      if (!decoded.ok) {
        tally.rejected++;
        tally.rejectedByReason[decoded.reason] = (tally.rejectedByReason[decoded.reason] ?? 0) + 1;
        await hooks.onReject({ lineNumber, line, reason: decoded.reason, message: decoded.message });
        continue;
      }
      const { record, kind } = decoded;
      if (record.eventTimeMs > untilMs) {
        tally.afterUntil++;
        continue;
      }
      tally.eventsByKind[kind] = (tally.eventsByKind[kind] ?? 0) + 1;
      tally.firstEventMs = Math.min(tally.firstEventMs ?? record.eventTimeMs, record.eventTimeMs);
      tally.lastEventMs = Math.max(tally.lastEventMs ?? record.eventTimeMs, record.eventTimeMs);
      const outputs = engine.feed(record);
      if (outputs.length > 0) released = released.length === 0 ? outputs : released.concat(outputs);
    }
    await deliver(released);
    tally.lateEvents = engine.lateRecords;
    hooks.onProgress?.(chunk.done, chunk.total, tally);
  }
  const endMs = options.untilMs ?? (Number.isFinite(engine.streamTimeMs) ? engine.streamTimeMs : null);
  await deliver(engine.finish(endMs ?? undefined));
  return { tally, endMs };
}
