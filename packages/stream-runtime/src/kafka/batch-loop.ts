import type { DecodeResult, InputDecoder, RawRecord } from '@churnwatch/contracts';
import { isRetriable } from '@churnwatch/errors';
import type { Batch, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { CorruptStateError, ProcessorError } from '../errors.ts';
import type { ClockRecord } from './clock-gate.ts';
import { commit, commitDue, flushOutputs, type OffsetCommitter } from './commits.ts';
import { DeliveryError } from './delivery.ts';
import type { FetchMark } from './fetch-cycles.ts';
import type { PartitionLifecycle } from './partition-lifecycle.ts';
import type { PartitionRun } from './partition-run.ts';
import { retry, sleep } from './retry.ts';
import type { RuntimeContext } from './runtime-context.ts';
import { advanceTableCatchUp, waitsForTables } from './table-catch-up.ts';

class StopRequested extends Error {}

const isPromise = <T>(value: T | Promise<T>): value is Promise<T> => typeof (value as Promise<T> | undefined)?.then === 'function';

const toRaw = (batch: Batch, message: KafkaMessage): RawRecord => ({
  topic: batch.topic,
  partition: batch.partition,
  offset: message.offset,
  key: message.key,
  value: message.value,
  headers: message.headers ?? {},
  timestamp: message.timestamp,
});

/**
 * The record path: kafkajs hands over a batch of one input partition; its records are decoded
 * and processed in chunks of at most `maxWorkPerChunk` records and timer firings, synchronously
 * (a decoder that answers at once is not awaited: no promise per record). After each chunk the
 * outputs are flushed (at-least-once), a commit happens when one is due (see commitDue), and the
 * batch heartbeats and checks that it may go on.
 */
export function createBatchLoop<S>(ctx: RuntimeContext<S>, lifecycle: PartitionLifecycle<S>): (payload: EachBatchPayload) => Promise<void> {
  const { logger, metrics, tuning } = ctx;

  /** A decoder failed: retried with backoff while it says it may work later (a registry that is down), heartbeating. */
  const decodeAgain = async (decoder: InputDecoder, raw: RawRecord, payload: EachBatchPayload, firstError: unknown): Promise<DecodeResult> => {
    try {
      return await retry(
        async (attempt) => {
          if (attempt === 1) throw firstError;
          return decoder(raw);
        },
        {
          initialMs: tuning.retryInitialMs,
          maxMs: tuning.retryMaxMs,
          retriable: isRetriable,
          onRetry: (error, attempt, waitMs) =>
            logger.warn({ err: error, topic: raw.topic, partition: raw.partition, offset: raw.offset, attempt }, `decoding failed; retrying in ${waitMs} ms`),
          beforeRetry: async () => {
            if (!payload.isRunning() || ctx.stopping) throw new StopRequested();
            await payload.heartbeat();
          },
        },
      );
    } catch (error) {
      if (error instanceof StopRequested) throw error;
      throw new ProcessorError(`the decoder of ${raw.topic} threw a non-retriable error`, { topic: raw.topic, offset: raw.offset }, error);
    }
  };

  const decode = (decoder: InputDecoder, raw: RawRecord, payload: EachBatchPayload): DecodeResult | Promise<DecodeResult> => {
    try {
      const result = decoder(raw);
      return isPromise(result) ? result.catch((error: unknown) => decodeAgain(decoder, raw, payload, error)) : result;
    } catch (error) {
      return decodeAgain(decoder, raw, payload, error);
    }
  };

  /**
   * The event time a batch of a clock input moves to: that of its last record the topic's decoder
   * accepts. Read back from the end, one decode usually settles it, where decoding every record
   * would cost each monitor that reads the topic as a clock as much as the service that reads it as
   * its input. A record that reader dead-letters never moves the clock, and a valid record earlier
   * in the batch with a later time waits for the next batch: the clock may lag, never lead. With
   * the time come that record's offset (what a clock leader must have committed past) and the
   * batch's first (where reading starts again if the time is forgotten).
   */
  const clockRecordOf = async (decoder: InputDecoder, batch: Batch, payload: EachBatchPayload): Promise<ClockRecord | undefined> => {
    for (let i = batch.messages.length - 1; i >= 0; i--) {
      const message = batch.messages[i]!;
      let decoded = decode(decoder, toRaw(batch, message), payload);
      if (isPromise(decoded)) decoded = await decoded;
      if (decoded.ok) return { timeMs: decoded.eventTimeMs, offset: BigInt(message.offset), from: BigInt(batch.messages[0]!.offset) };
    }
    return undefined;
  };

  /** Handles a failure of a chunk; the batch ends (a redo re-reads its records from the last commit). */
  const onChunkFailure = async (run: PartitionRun<S>, error: unknown, payload: EachBatchPayload): Promise<void> => {
    if (error instanceof StopRequested) {
      // Records of the interrupted chunk are in the task but their offsets are not: forget it all.
      run.forgetUncommitted();
      return;
    }
    if (error instanceof ProcessorError || (error instanceof DeliveryError && error.permanent)) {
      run.forgetUncommitted();
      ctx.fail(error);
      return;
    }
    if (error instanceof CorruptStateError) {
      lifecycle.stopCorrupt(run, error);
      return;
    }
    lifecycle.redo(run, error);
    // Not ours (a kafkajs offset commit refused by a rebalance): kafkajs rejoins the group.
    if (!(error instanceof DeliveryError)) throw error;
    await sleep(tuning.retryInitialMs);
    if (payload.isRunning()) await payload.heartbeat();
  };

  const processBatch = async (run: PartitionRun<S>, payload: EachBatchPayload): Promise<void> => {
    const { batch } = payload;
    const { task } = run;
    const binding = ctx.inputByTopic.get(batch.topic)!;
    const movesStreamTime = binding.clock || task.movesStreamTime(binding.input);
    // Held inputs do not move stream time, but the clock waits for them as for any own stream input.
    const ownStream = !binding.clock && !ctx.tableTopics.has(batch.topic);
    const roundPassed = (mark: FetchMark) => ctx.fetchCycles.passed(mark, performance.now());
    const commitOffsets: OffsetCommitter = (offsets) => payload.commitOffsetsIfNecessary({ topics: offsets.topics as never });
    const labels = { topic: batch.topic };
    const messages = batch.messages;
    const maxWork = tuning.maxWorkPerChunk;
    let clock: { readonly record: ClockRecord | undefined } | undefined;
    let index = 0;
    while (index < messages.length) {
      if (!payload.isRunning() || payload.isStale() || run.revoked || run.status !== 'ready' || !ctx.working) return;
      const startedAt = performance.now();
      run.pendingSinceMs ??= startedAt;
      const builder = run.pending;
      const chunkStart = index;
      let processed = 0;
      let duplicates = 0;
      let work = 0;
      let lastOffset: string | undefined;
      try {
        if (binding.clock) clock ??= { record: await clockRecordOf(binding.decode, batch, payload) };
        while (index < messages.length && work < maxWork) {
          const message = messages[index]!;
          let record: Extract<DecodeResult, { ok: true }> | undefined;
          let targetMs: number | undefined;
          if (clock !== undefined) {
            if (clock.record !== undefined) targetMs = run.clockGate.admit(clock.record, ctx.fetchCycles.mark(), roundPassed, performance.now());
          } else {
            const raw = toRaw(batch, message);
            let decoded = decode(binding.decode, raw, payload);
            if (isPromise(decoded)) decoded = await decoded;
            if (decoded.ok) {
              record = decoded;
              if (movesStreamTime) targetMs = decoded.eventTimeMs;
            } else builder.addDeadLetter(raw, decoded.deadLetter);
          }
          // Timers due before the record fire first, within this chunk's bound of work.
          if (targetMs !== undefined) {
            const fired = task.advanceStreamTime(Math.max(task.streamTimeMs, targetMs), maxWork - work);
            if (fired.fired) {
              builder.addOutputs(fired.outputs);
              builder.timersFired.stream += fired.fired;
              work += fired.fired;
            }
            if (!fired.done) break;
          }
          if (record !== undefined) {
            const outcome = task.process({
              input: binding.input,
              key: record.key,
              value: record.value,
              eventTimeMs: record.eventTimeMs,
              ...(record.eventId === undefined ? {} : { eventId: record.eventId }),
            });
            if (outcome.outputs.length) builder.addOutputs(outcome.outputs);
            if (outcome.duplicate) duplicates++;
            else processed++;
          }
          lastOffset = message.offset;
          work++;
          index++;
        }
        if (lastOffset !== undefined) {
          const next = BigInt(lastOffset) + 1n;
          if (binding.clock) {
            run.clockGate.clockRead(next);
            run.pendingOffsets.set(batch.topic, String(run.clockGate.clockCommitOffset ?? next));
          } else run.pendingOffsets.set(batch.topic, next.toString());
          // Read to the batch's end, past the commit markers of a transactional writer after its last record:
          // counted from that record, an input written in transactions would never look read to its end.
          const readTo = index >= messages.length ? BigInt(batch.lastOffset()) + 1n : next;
          if (ownStream) run.clockGate.read(batch.topic, readTo, BigInt(batch.highWatermark));
          if (run.tablesBehind.size) advanceTableCatchUp(ctx, run, batch.topic, readTo);
          payload.resolveOffset(lastOffset);
          run.caughtUp = next >= BigInt(batch.highWatermark);
        }
        await flushOutputs(ctx, run, startedAt);
        if (commitDue(ctx, run)) await commit(ctx, run, commitOffsets);
      } catch (error) {
        await onChunkFailure(run, error, payload);
        return;
      }
      if (index > chunkStart) metrics.consumed.inc(labels, index - chunkStart);
      if (processed) metrics.processed.inc(labels, processed);
      if (duplicates) metrics.duplicates.inc(labels, duplicates);
      if (lastOffset !== undefined) {
        metrics.lag.set({ topic: batch.topic, partition: String(batch.partition) }, Math.max(0, Number(BigInt(batch.highWatermark) - BigInt(lastOffset) - 1n)));
      }
      await payload.heartbeat();
    }
  };

  /** Waits (heartbeating) while the partition initialises; false when the batch must be left alone. */
  const waitUntilReady = async (run: PartitionRun<S>, payload: EachBatchPayload): Promise<boolean> => {
    while (run.status !== 'ready') {
      if (run.status === 'failed') {
        // Stopped for good: its records stay unread (and uncommitted) until the store is rebuilt.
        payload.pause();
        return false;
      }
      if (run.revoked || !ctx.working || !payload.isRunning()) return false;
      await Promise.race([run.ready.catch(() => {}), sleep(1000)]);
      await payload.heartbeat();
    }
    return !run.revoked;
  };

  return async (payload) => {
    ctx.touch();
    const { batch } = payload;
    const run = ctx.runs.get(batch.partition);
    if (!run || run.revoked || !ctx.working) return;
    if (!(await waitUntilReady(run, payload))) return;
    await run.serially(async () => {
      if (run.revoked || run.status !== 'ready' || !ctx.working) return;
      if (waitsForTables(ctx, run, batch.topic)) {
        // Fetched before the pause took effect: left unresolved, so it is fetched again on resume.
        payload.pause();
        return;
      }
      if (!run.checkedTopics.has(batch.topic)) {
        // Offsets resolved before this instance fenced the partition (or before a redo) may be stale: start from what is committed now.
        run.checkedTopics.add(batch.topic);
        const start = run.startOffsets.get(batch.topic);
        const fetched = (batch as unknown as { fetchedOffset: string }).fetchedOffset;
        if (start !== undefined && start !== fetched) {
          ctx.consumer!.seek({ topic: batch.topic, partition: batch.partition, offset: start });
          return;
        }
      }
      try {
        await processBatch(run, payload);
      } finally {
        run.history.batchDone(ctx.clock(), run.task.streamTimeMs);
      }
    });
  };
}
