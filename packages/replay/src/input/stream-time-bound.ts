import type { SourceChunk, SourceItem } from './record-source.ts';

/** How far ahead of the stream time a replayed event may lie by default: a week. */
export const DEFAULT_MAX_AHEAD_MS = 7 * 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * A replay has no wall clock to bound event time by, so one mistyped date (the year 2100) would
 * move stream time decades ahead: every later event would be late and every timer would fire.
 * An event more than `maxAheadMs` beyond the stream time so far (the latest accepted event time)
 * is held until the next event decides: when that one lies no more than `maxAheadMs` before it,
 * history really jumped (a quiet month in the data) and both are accepted; when it falls back
 * near the old stream time, or nothing follows, the jump is rejected (`event_time_out_of_range`)
 * and stream time stays where it was. The first event sets the stream time. Lines keep their
 * order; a held line moves to the next chunk.
 *
 * History cannot lie in the future either: an event more than `maxAheadMs` beyond `nowMs` (the
 * wall clock when the replay started) is rejected at once, wherever it stands, so a file whose
 * first line is dated 2100 cannot set the stream time. `nowMs` comes in as an argument, so the
 * bound stays pure.
 */
export async function* boundStreamTime(chunks: AsyncIterable<SourceChunk>, maxAheadMs: number, nowMs: number): AsyncGenerator<SourceChunk> {
  let streamTimeMs = Number.NEGATIVE_INFINITY;
  /** The jump awaiting the next event, then the rejected lines read after it (in order). */
  let held: SourceItem[] = [];
  let last: SourceChunk | undefined;

  const rejectJump = (jump: SourceItem, why: string): SourceItem => {
    if (!jump.decoded.ok) return jump;
    const message = `event time ${iso(jump.decoded.record.eventTimeMs)} lies more than ${maxAheadMs / 3_600_000} h ahead of the replay's stream time ${iso(streamTimeMs)}, and ${why}`;
    return { ...jump, decoded: { ok: false, reason: 'event_time_out_of_range', message } };
  };

  const latestAllowedMs = nowMs + maxAheadMs;
  const rejectFuture = (item: SourceItem, eventTimeMs: number): SourceItem => {
    const message = `event time ${iso(eventTimeMs)} lies more than ${maxAheadMs / 3_600_000} h ahead of the wall clock (${iso(nowMs)}); history cannot lie in the future`;
    return { ...item, decoded: { ok: false, reason: 'event_time_out_of_range', message } };
  };

  for await (const chunk of chunks) {
    last = chunk;
    const out: SourceItem[] = [];
    for (const read of chunk.items) {
      const item = read.decoded.ok && read.decoded.record.eventTimeMs > latestAllowedMs ? rejectFuture(read, read.decoded.record.eventTimeMs) : read;
      if (!item.decoded.ok) {
        (held.length > 0 ? held : out).push(item);
        continue;
      }
      const eventTimeMs = item.decoded.record.eventTimeMs;
      const [jump, ...after] = held;
      if (jump?.decoded.ok) {
        const jumpMs = jump.decoded.record.eventTimeMs;
        const confirmed = eventTimeMs >= jumpMs - maxAheadMs;
        out.push(confirmed ? jump : rejectJump(jump, `the next event (${iso(eventTimeMs)}) does not follow it`), ...after);
        if (confirmed) streamTimeMs = jumpMs;
        held = [];
      }
      if (streamTimeMs === Number.NEGATIVE_INFINITY || eventTimeMs - streamTimeMs <= maxAheadMs) {
        streamTimeMs = Math.max(streamTimeMs, eventTimeMs);
        out.push(item);
      } else {
        held = [item];
      }
    }
    yield { ...chunk, items: out };
  }
  const [jump, ...after] = held;
  if (jump !== undefined && last !== undefined) yield { ...last, items: [rejectJump(jump, 'no later event follows it'), ...after] };
}
