import type { SourceChunk, SourceItem } from './record-source.ts';

/** How far ahead of the stream time a replayed event may lie by default: a week. */
export const DEFAULT_MAX_AHEAD_MS = 7 * 86_400_000;

/**
 * A replay has no wall clock to bound event time by, so one mistyped date (the year 2100) would
 * move stream time decades ahead: every later event would be late and every timer would fire.
 * An accepted event whose time lies more than `maxAheadMs` beyond the latest accepted event time
 * is rejected instead (reason `event_time_out_of_range`), and stream time stays where it was. The
 * first event sets the stream time. Pure apart from the items it passes on.
 */
export async function* boundStreamTime(chunks: AsyncIterable<SourceChunk>, maxAheadMs: number): AsyncGenerator<SourceChunk> {
  let streamTimeMs = Number.NEGATIVE_INFINITY;
  for await (const chunk of chunks) {
    const items = chunk.items.map((item): SourceItem => {
      if (!item.decoded.ok) return item;
      const eventTimeMs = item.decoded.record.eventTimeMs;
      if (streamTimeMs !== Number.NEGATIVE_INFINITY && eventTimeMs - streamTimeMs > maxAheadMs) {
        const message = `event time ${new Date(eventTimeMs).toISOString()} lies more than ${maxAheadMs / 3_600_000} h ahead of the replay's stream time ${new Date(streamTimeMs).toISOString()}`;
        return { ...item, decoded: { ok: false, reason: 'event_time_out_of_range', message } };
      }
      streamTimeMs = Math.max(streamTimeMs, eventTimeMs);
      return item;
    });
    yield { ...chunk, items };
  }
}
